"""Demo content for the site itself: locales, pages, settings, themes, accounts."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Locale, Page, Site

from allauth.account.models import EmailAddress

from home.demo import content
from home.models import HomePage, SiteSettings, StandardPage, Theme
from home.site import site_address, sync_site

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_ADMIN_PASSWORD = os.environ.get("DEMO_ADMIN_PASSWORD", "collective-demo-2026")
DEMO_MEMBER_PASSWORD = "member-demo-2026"


def locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_page(source: Page, locale: Locale, **fields) -> Page:
    """The translation of ``source`` in ``locale``, created or updated, then published."""
    page = source.get_translation_or_none(locale)
    if page is None:
        page = source.copy_for_translation(locale, copy_parents=False)
    page = page.specific
    changed = any(getattr(page, name) != value for name, value in fields.items()) or not page.live
    if changed:
        for name, value in fields.items():
            setattr(page, name, value)
        publish(page)
    return page


def home_body(text: dict, about: Page | None) -> list:
    about_link = {"label": text["explore"], "page": about.pk if about else None, "url": ""}
    blocks = [
        (
            "hero",
            {
                "heading": text["hero_heading"],
                "text": text["hero_text"],
                "image": None,
                "primary_action": {"label": text["join"], "page": None, "url": "/accounts/signup/"},
                "secondary_action": about_link,
            },
        ),
        ("themes", {"heading": text["themes_heading"], "intro": text["themes_intro"]}),
        ("text", {"heading": text["text_heading"], "body": text["text_body"]}),
        (
            "call_to_join",
            {
                "heading": text["cta_heading"],
                "text": text["cta_text"],
                "button_label": text["cta_button"],
            },
        ),
    ]
    if about:
        blocks.insert(1, ("featured", {"heading": text["featured_heading"], "pages": [about.pk]}))
    return blocks


def stream_value(page_model, field: str, blocks: list):
    return page_model._meta.get_field(field).stream_block.to_python(
        [{"type": kind, "value": value} for kind, value in blocks]
    )


@transaction.atomic
def seed(log) -> None:
    locs = locales()
    en = locs["en"]

    # Home page in English replaces Wagtail's placeholder "Welcome" page.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=en, content_type=None)
    )
    home = HomePage.objects.filter(locale=en).first()
    if home is None:
        home = HomePage(title=content.HOME["en"]["title"], slug="home-en", locale=en)
        root.add_child(instance=home)
        publish(home)
        log("Created the home page.")
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.pk or site.site_name != settings.WAGTAIL_SITE_NAME:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    sync_site()
    for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
        placeholder.delete()

    homes = {"en": home}
    for code in ("fr", "es"):
        homes[code] = home.get_translation_or_none(locs[code]) or translate_page(
            home, locs[code], title=content.HOME[code]["title"], slug=f"home-{code}"
        )
    # Plain pages, in three languages.
    pages = {}
    for spec in content.PAGES:
        title, intro, body = spec["en"]
        page = StandardPage.objects.filter(locale=en, slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(title=title, slug=spec["slug"], intro=intro, locale=en)
            page.body = stream_value(
                StandardPage, "body", [("text", {"heading": "", "body": body})]
            )
            home.add_child(instance=page)
            publish(page)
        pages[spec["slug"]] = {"en": page}
        for code in ("fr", "es"):
            title, intro, body = spec[code]
            translated = page.get_translation_or_none(locs[code])
            if translated is None:
                translated = translate_page(
                    page,
                    locs[code],
                    title=title,
                    intro=intro,
                    body=stream_value(
                        StandardPage, "body", [("text", {"heading": "", "body": body})]
                    ),
                )
            pages[spec["slug"]][code] = translated

    for code, page in homes.items():
        page = HomePage.objects.get(pk=page.pk)  # fresh: children were added since
        if not page.body:
            page.body = stream_value(
                HomePage, "body", home_body(content.HOME[code], pages["about"][code])
            )
            publish(page)

    # Themes: the English originals, then their translations (same translation key).
    for position, spec in enumerate(content.THEMES):
        name, description = spec["en"]
        theme = Theme.objects.filter(locale=en, slug=spec["slug"]).first()
        if theme is None:
            theme = Theme.objects.create(
                locale=en,
                slug=spec["slug"],
                name=name,
                description=description,
                sort_order=position,
            )
        for code in ("fr", "es"):
            if theme.get_translation_or_none(locs[code]) is None:
                translated = theme.copy_for_translation(locs[code])
                translated.name, translated.description = spec[code]
                translated.save()

    # Site settings per language, with the navigation pointing at the About page.
    original = SiteSettings.objects.filter(locale=en).first()
    for code in ("en", "fr", "es"):
        text = content.SITE[code]
        row = SiteSettings.objects.filter(locale=locs[code]).first()
        if row is not None:
            continue
        nav = [{"type": "link", "value": {"label": "", "page": pages["about"][code].pk, "url": ""}}]
        footer = [
            {"type": "link", "value": {"label": "", "page": pages["privacy"][code].pk, "url": ""}}
        ]
        row = SiteSettings(
            locale=locs[code],
            organisation_name="OpenGov Collective",
            tagline=text["tagline"],
            footer_text=text["footer_text"],
            contact_email="hello@opengov.example.org",
            contact_address=text["address"],
            navigation=nav,
            footer_links=footer,
            social_links=[
                {
                    "type": "social",
                    "value": {"network": "Mastodon", "url": "https://mastodon.social/@opengov"},
                }
            ],
        )
        if original is not None:
            row.translation_key = original.translation_key
        row.save()
        original = original or row

    # Accounts: the demo admin and a few members, all with verified email addresses.
    User = get_user_model()
    admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if admin is None:
        admin = User.objects.create_superuser(
            email=DEMO_ADMIN_EMAIL, password=DEMO_ADMIN_PASSWORD, name="Demo Admin"
        )
        log("Created the demo admin.")
    EmailAddress.objects.get_or_create(
        user=admin, email=admin.email, defaults={"verified": True, "primary": True}
    )
    for email, name, language in content.MEMBERS:
        member = User.objects.filter(email=email).first()
        if member is None:
            member = User.objects.create_user(
                email=email, password=DEMO_MEMBER_PASSWORD, name=name, preferred_language=language
            )
        EmailAddress.objects.get_or_create(
            user=member, email=email, defaults={"verified": True, "primary": True}
        )
