"""Demo content: story, resource, news and theme pages in three languages, tied to themes.

Idempotent: pages are found by slug under their index and only created when missing.
"""

from django.db import transaction

from wagtail.models import Page, Site

from content.demo import content
from content.models import (
    GuideChapterPage,
    GuidePage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    StoryIndexPage,
    StoryPage,
    ThemeIndexPage,
    ThemePage,
)
from content.services import ensure_story_workflow
from home.demo.images import attach, demo_image, image_for_themes
from home.demo.seed import locales, publish, stream_value, translate_page
from home.models import Theme

OTHER = ("fr", "es")

#: Pictures chosen by hand where the first theme's picture would not fit the page.
IMAGES = {
    "participatory-budget-makueni": "gathering",
    "beneficial-ownership-toolkit": "network",
    "open-government-guide": "pattern",
    "regional-cohort-africa": "map",
}


def _image(spec):
    """The demo picture for a content spec (drawn once, reused across pages)."""
    if spec["slug"] in IMAGES:
        return demo_image(IMAGES[spec["slug"]])
    return image_for_themes(spec.get("themes"))


def _child(parent: Page, model, slug: str, **fields):
    """The child of ``parent`` with ``slug``, created and published if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        publish(page)
        page = model.objects.get(pk=page.pk)
    return page


def _translate(page: Page, locs: dict, texts: dict, fields) -> None:
    """Translations of ``page`` in French and Spanish (only when missing)."""
    for code in OTHER:
        if page.get_translation_or_none(locs[code]) is None:
            translate_page(page, locs[code], **fields(texts[code]))


def _themes(slugs) -> list:
    return list(Theme.objects.filter(locale__language_code="en", slug__in=slugs))


def _body(model, html: str):
    return stream_value(model, "body", [("paragraph", html)])


@transaction.atomic
def seed(log) -> None:
    locs = locales()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        log("No site: run the home seeder first.")
        return
    home = site.root_page.specific

    indexes = {}
    for key, model in (
        ("stories", StoryIndexPage),
        ("resources", ResourceIndexPage),
        ("news", NewsIndexPage),
        ("themes", ThemeIndexPage),
    ):
        title, intro = content.INDEXES[key]["en"]
        index = _child(home, model, key, title=title, intro=intro, locale=locs["en"])
        _translate(
            index,
            locs,
            content.INDEXES[key],
            lambda text: {"title": text[0], "intro": text[1]},
        )
        indexes[key] = index
    for code in ("en", *OTHER):
        story_index = indexes["stories"].get_translation_or_none(locs[code])
        if story_index is not None:
            ensure_story_workflow(story_index)

    created = 0
    for spec in content.STORIES:
        title, summary, quote, body = spec["en"]
        existed = StoryPage.objects.child_of(indexes["stories"]).filter(slug=spec["slug"]).exists()
        story = _child(
            indexes["stories"],
            StoryPage,
            spec["slug"],
            title=title,
            summary=summary,
            pull_quote=quote,
            country=spec["country"],
            sectors=spec["sectors"],
            listing_image=_image(spec),
            body=_body(StoryPage, body),
            locale=locs["en"],
        )
        if not existed:
            story.themes.set(_themes(spec["themes"]))
            publish(story)
            created += 1
        _translate(
            story,
            locs,
            spec,
            lambda t: {
                "title": t[0],
                "summary": t[1],
                "pull_quote": t[2],
                "body": _body(StoryPage, t[3]),
            },
        )

    for spec in content.RESOURCES:
        title, summary, body = spec["en"]
        existed = (
            ResourcePage.objects.child_of(indexes["resources"]).filter(slug=spec["slug"]).exists()
        )
        resource = _child(
            indexes["resources"],
            ResourcePage,
            spec["slug"],
            title=title,
            summary=summary,
            resource_type=spec["type"],
            listing_image=_image(spec),
            country=spec["country"],
            body=_body(ResourcePage, body),
            locale=locs["en"],
        )
        if not existed:
            resource.themes.set(_themes(spec["themes"]))
            publish(resource)
            created += 1
        _translate(
            resource,
            locs,
            spec,
            lambda t: {"title": t[0], "summary": t[1], "body": _body(ResourcePage, t[2])},
        )

    spec = content.GUIDE
    title, summary, body = spec["en"]
    existed = GuidePage.objects.child_of(indexes["resources"]).filter(slug=spec["slug"]).exists()
    guide = _child(
        indexes["resources"],
        GuidePage,
        spec["slug"],
        title=title,
        summary=summary,
        body=_body(GuidePage, body),
        listing_image=_image(spec),
        locale=locs["en"],
    )
    if not existed:
        guide.themes.set(_themes(spec["themes"]))
        publish(guide)
        created += 1
    _translate(
        guide,
        locs,
        spec,
        lambda t: {"title": t[0], "summary": t[1], "body": _body(GuidePage, t[2])},
    )
    for chapter_spec in spec["chapters"]:
        title, summary, body = chapter_spec["en"]
        chapter = _child(
            guide,
            GuideChapterPage,
            chapter_spec["slug"],
            title=title,
            summary=summary,
            body=_body(GuideChapterPage, body),
            locale=locs["en"],
        )
        _translate(
            chapter,
            locs,
            chapter_spec,
            lambda t: {"title": t[0], "summary": t[1], "body": _body(GuideChapterPage, t[2])},
        )

    for spec in content.NEWS:
        title, summary, body = spec["en"]
        existed = NewsPage.objects.child_of(indexes["news"]).filter(slug=spec["slug"]).exists()
        news = _child(
            indexes["news"],
            NewsPage,
            spec["slug"],
            title=title,
            summary=summary,
            news_type=spec["type"],
            listing_image=_image(spec),
            country=spec["country"],
            body=_body(NewsPage, body),
            locale=locs["en"],
        )
        if not existed:
            news.themes.set(_themes(spec["themes"]))
            publish(news)
            created += 1
        _translate(
            news,
            locs,
            spec,
            lambda t: {"title": t[0], "summary": t[1], "body": _body(NewsPage, t[2])},
        )

    # One theme page per theme, titled with the theme's name in each language.
    for theme in Theme.objects.filter(locale=locs["en"]):
        page = _child(
            indexes["themes"],
            ThemePage,
            theme.slug,
            title=theme.name,
            intro=theme.description,
            theme=theme,
            locale=locs["en"],
        )
        for code in OTHER:
            translated_theme = theme.get_translation_or_none(locs[code]) or theme
            if page.get_translation_or_none(locs[code]) is None:
                translate_page(
                    page,
                    locs[code],
                    title=translated_theme.name,
                    intro=translated_theme.description,
                )
    _seed_people_and_proposal(indexes, locs, log)
    # Pages seeded before the demo had pictures get theirs now (and only once).
    pictured = 0
    for model, parent, specs in (
        (StoryPage, indexes["stories"], content.STORIES),
        (ResourcePage, indexes["resources"], [*content.RESOURCES, content.GUIDE]),
        (NewsPage, indexes["news"], content.NEWS),
    ):
        pages = {p.slug: p for p in model.objects.child_of(parent)}
        for spec in specs:
            if spec["slug"] in pages:
                pictured += attach(pages[spec["slug"]], _image(spec))
    if pictured:
        log(f"Gave {pictured} pages a picture.")
    if created:
        log(f"Created {created} stories, resources and news items (with translations).")


def _seed_people_and_proposal(indexes, locs, log) -> None:
    """A consenting member named in a story, and a member's proposal waiting for editors."""
    from django.contrib.auth import get_user_model

    from content.models import StoryPerson
    from content.services import story_propose

    User = get_user_model()
    james = User.objects.filter(email="james.okoro@example.org").first()
    story = (
        StoryPage.objects.child_of(indexes["stories"])
        .filter(slug="participatory-budget-makueni")
        .first()
    )
    if james is not None and story is not None and not story.people.exists():
        StoryPerson.objects.create(
            page=story, member=james, role="County budget officer", consent=True
        )
        publish(StoryPage.objects.get(pk=story.pk))
    amina = User.objects.filter(email="amina.diallo@example.org").first()
    french_index = indexes["stories"].get_translation_or_none(locs["fr"])
    if amina is None or french_index is None:
        return
    if StoryPage.objects.filter(submitted_by=amina).exists():
        return
    story_propose(
        author=amina,
        index=french_index.specific,
        title="Des registres fonciers ouverts à Saint-Louis",
        summary="Les habitants peuvent désormais vérifier en ligne qui possède quelle parcelle.",
        body=(
            "Tout a commencé par des conflits de voisinage sur des terrains vendus deux fois."
            "\n\nAvec la mairie, nous avons numérisé le registre et publié les données."
        ),
        themes=_themes(["anti-corruption", "access-to-information"]),
        country="SN",
    )
    log("A member's story proposal is waiting in the moderation workflow.")
