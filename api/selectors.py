"""Reads for the API. Every person shown goes through ``Profile.objects.visible_to(None)``
and the site's own display rules for an anonymous visitor (``community.display``), so the
API never shows more than the site shows the same visitor."""

from django.conf import settings
from django.db.models import Prefetch

from wagtail.models import Locale

from community.display import ProfileView
from community.models import Profile
from home import links
from home.models import Theme
from home.selectors import reader_scope

ANONYMOUS = "anonymous"


# ---------------------------------------------------------------------------
# Languages and links
# ---------------------------------------------------------------------------
def locale_for(language: str) -> Locale:
    try:
        return Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return Locale.get_default()


def scope(language: str):
    """Live, public pages for a reader of ``language`` (its own, else the default's)."""
    return reader_scope(locale_for(language))


def page_link(page, language: str) -> str:
    """The page's absolute URL for a reader of ``language``, without a query per page: a
    default-language page read in another language is served under that prefix."""
    parts = page.get_url_parts()
    if not parts:
        return ""
    path = parts[2]
    source = page.locale.language_code
    if source != language and source == settings.LANGUAGE_CODE:
        prefix = f"/{source}/"
        if path.startswith(prefix):
            path = f"/{language}/" + path[len(prefix) :]
    return links.absolute(path)


def themes_by_slug(language: str) -> dict[str, Theme]:
    return {theme.slug: theme for theme in Theme.for_locale(locale_for(language))}


def theme_slugs(language: str) -> dict:
    """``{translation_key: slug}`` in ``language``, the default language filling gaps."""
    locale = locale_for(language)
    rows = sorted(Theme.in_locales(locale), key=lambda t: t.locale_id == locale.pk)
    return {theme.translation_key: theme.slug for theme in rows}


def page_fields(page, language: str) -> dict:
    return {
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "language": page.locale.language_code,
        "url": page_link(page, language),
        "title": page.title,
    }


# ---------------------------------------------------------------------------
# Members
# ---------------------------------------------------------------------------
def public_profiles():
    """What an anonymous visitor may see: the one rule, for the anonymous viewer."""
    return Profile.objects.visible_to(None)


def member_out(profile: Profile, *, detail: bool = False, theme_names=None) -> dict:
    view = ProfileView(profile, ANONYMOUS, theme_names=theme_names)
    photo = view.photo_url
    data = {
        "id": profile.pk,
        "url": links.absolute(view.url),
        "display_name": view.display_name,
        "headline": view.headline,
        "sector": view.sector,
        "organisation": view.organisation,
        "country": view.country,
        "city": view.city,
        "region": view.region,
        "languages": view.languages,
        "open_to": view.open_to,
        "themes": view.themes,
        "links": [link["url"] for link in view.links],
        "photo_url": links.absolute(photo) if photo else "",
    }
    if detail:
        data["bio"] = profile.bio
    return data


def member_queryset(queryset):
    return queryset.select_related("user").prefetch_related("themes")


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------
def event_out(event, language: str, slugs: dict, *, now=None) -> dict:
    from events.audience import may_see_details
    from events.timezones import get_zone

    zone = get_zone(event.timezone)
    shown = may_see_details(event, None)
    return {
        **page_fields(event, language),
        "summary": event.summary,
        "event_type": event.event_type,
        "status": event.status,
        "start_utc": event.start,
        "end_utc": event.end,
        "timezone": event.timezone,
        "start_local": event.start.astimezone(zone),
        "end_local": event.end.astimezone(zone),
        "attendance_mode": event.attendance_mode,
        "audience": event.audience,
        "details_for_members_only": not shown,
        "venue_name": event.venue_name if shown else "",
        "city": event.city if shown else "",
        "country": event.country.code if event.country and shown else "",
        "region": event.region,
        "working_languages": list(event.working_languages or []),
        "themes": [
            slugs[t.translation_key] for t in event.themes.all() if t.translation_key in slugs
        ],
        "registration_state": event.registration_state(now),
    }


def event_speakers(event) -> list[dict]:
    """The agenda's speakers; linked to a member only when anonymous visitors may see them
    (as ``events.selectors.speaker_links`` does for the event page)."""
    speakers = []
    for block in event.agenda:
        if block.block_type != "session":
            continue
        for speaker in block.value.get("speakers") or []:
            if speaker is not None and speaker not in speakers:
                speakers.append(speaker)
    user_ids = {s.user_id for s in speakers if s.user_id}
    visible = {}
    if user_ids:
        visible = dict(public_profiles().filter(user_id__in=user_ids).values_list("user_id", "pk"))
    return [{"name": s.name, "role": s.role, "member_id": visible.get(s.user_id)} for s in speakers]


def event_detail(event, language: str, slugs: dict) -> dict:
    from events.audience import may_see_details

    shown = may_see_details(event, None)
    return {
        **event_out(event, language, slugs),
        "body_html": str(event.body) if shown else "",
        "accessibility": event.accessibility,
        "speakers": event_speakers(event) if shown else [],
        "co_hosts": [p.name for p in event.registration_event.co_hosts.all()],
    }


def event_queryset(queryset):
    return queryset.select_related("locale").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("pk", "translation_key"))
    )


# ---------------------------------------------------------------------------
# Stories, resources, news
# ---------------------------------------------------------------------------
def content_out(page, language: str, slugs: dict, *, kind: str) -> dict:
    if kind == "stories":
        kind_value = (page.sectors or [""])[0] if page.sectors else ""
        when = None
    elif kind == "resources":
        kind_value = page.resource_type
        when = page.publication_date
    else:
        kind_value = page.news_type
        when = page.date
    return {
        **page_fields(page, language),
        "summary": page.summary,
        "type": kind_value,
        "country": page.country.code if page.country else "",
        "region": page.region,
        "themes": [
            slugs[t.translation_key] for t in page.themes.all() if t.translation_key in slugs
        ],
        "published_at": page.first_published_at,
        "date": when,
    }


def story_authors(page) -> list[dict]:
    """The proposer's credit and the people involved, exactly as the story page shows
    them to an anonymous visitor (``content.selectors``)."""
    from content import selectors

    people = []
    credit = selectors.story_author_credit(page, viewer=None)
    if credit:
        people.append({"name": credit, "role": ""})
    people += [
        {"name": p["name"], "role": p["role"]} for p in selectors.story_people(page, viewer=None)
    ]
    return people


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------
def certificate_verification(identifier: str) -> dict | None:
    """What the public verification page shows of a certificate: holder, cohort and date
    when valid; only that it was revoked otherwise; None when unknown. The credentials
    work (signed credentials) can change this one function."""
    from cohorts.models import Certificate

    certificate = Certificate.objects.filter(identifier=identifier[:64]).first()
    if certificate is None:
        return None
    if certificate.is_revoked:
        return {
            "identifier": certificate.identifier,
            "valid": False,
            "revoked": True,
            "holder_name": "",
            "cohort": "",
            "issued_on": None,
        }
    return {
        "identifier": certificate.identifier,
        "valid": True,
        "revoked": False,
        "holder_name": certificate.holder_name,
        "cohort": certificate.cohort_title,
        "issued_on": certificate.issued_on,
    }
