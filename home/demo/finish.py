"""Last demo step, once every app has seeded: the header and the home page show them all.

Navigation follows DESIGN.md (Stories, Resources, Events, Cohorts, Awards, Members; About
moves to the footer; News and Themes are linked from the footer) and the home page's "Start here" features one page of each kind.
Only the seeded defaults are changed, so an editor's own choices are never overwritten.
"""

from django.apps import apps

from wagtail.models import Locale, Page

from home.models import HomePage, SiteSettings

NAVIGATION = [
    ("content", "StoryIndexPage"),
    ("content", "ResourceIndexPage"),
    ("events", "EventIndexPage"),
    ("cohorts", "ProgrammePage"),
    ("awards", "AwardIndexPage"),
    ("community", "DirectoryPage"),
]
#: Sections the header has no room for, linked from every page's footer.
FOOTER = [
    ("content", "NewsIndexPage"),
    ("content", "ThemeIndexPage"),
]
FEATURED = [
    ("content", "StoryPage"),
    ("events", "EventPage"),
    ("cohorts", "CohortPage"),
    ("content", "GuidePage"),
]


def _first_live(app_label, model_name, locale):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model.objects.live().filter(locale=locale).order_by("path").first()


def _page_ids(stream) -> list:
    pages = [block.value.get("page") for block in stream]
    return [getattr(page, "pk", page) for page in pages if page]


def seed(log) -> None:
    for row in SiteSettings.objects.select_related("locale"):
        wanted = [page for app, name in NAVIGATION if (page := _first_live(app, name, row.locale))]
        wanted_ids = [page.pk for page in wanted]
        current = _page_ids(row.navigation)
        if current == wanted_ids or not set(current) <= set(wanted_ids) | set(
            _page_ids(row.footer_links)
        ) | _about_ids(row.locale):
            continue  # already done, or an editor changed it
        about = [pk for pk in current if pk not in wanted_ids]
        row.navigation = [("link", {"label": "", "page": page, "url": ""}) for page in wanted]
        footer = _page_ids(row.footer_links)
        for page in Page.objects.filter(pk__in=[pk for pk in about if pk not in footer]):
            row.footer_links.insert(0, ("link", {"label": "", "page": page, "url": ""}))
        row.save()
        log(f"Navigation in {row.locale.language_code}: {len(wanted)} sections.")

    for row in SiteSettings.objects.select_related("locale"):
        footer = _page_ids(row.footer_links)
        missing = [
            page
            for app, name in FOOTER
            if (page := _first_live(app, name, row.locale)) and page.pk not in footer
        ]
        for page in missing:
            row.footer_links.append(("link", {"label": "", "page": page, "url": ""}))
        if missing:
            row.save()
            log(f"Footer in {row.locale.language_code}: News and Themes linked.")

    for home in HomePage.objects.all():
        locale = home.locale
        featured = [page for app, name in FEATURED if (page := _first_live(app, name, locale))]
        body = home.body
        changed = False
        for block in body:
            if block.block_type != "featured":
                continue
            pages = list(block.value["pages"])
            ids = [getattr(page, "pk", page) for page in pages]
            if len(ids) == 1 and featured:
                block.value["pages"] = pages + featured
                changed = True
        if changed:
            home.body = body
            home.save_revision().publish()
            log(f"Home page in {locale.language_code}: featured content from every section.")


def _about_ids(locale: Locale) -> set:
    from home.models import StandardPage

    return set(
        StandardPage.objects.filter(locale=locale, slug="about").values_list("pk", flat=True)
    )
