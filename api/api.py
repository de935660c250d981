"""The public read-only API, version 1 (``/api/v1/``), built on django-ninja: typed
pydantic answers, the OpenAPI 3.1 document at ``/api/v1/openapi.json`` and browsable
docs at ``/api/v1/docs``. What every answer goes through is in ``api.http``."""

from typing import Literal

from django.http import Http404
from django.utils import timezone

from wagtail.rich_text import expand_db_html

from django_countries import countries
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from api import schemas, selectors
from api.errors import ApiError, api_error
from api.http import error_response, page_of
from api.models import Scope
from home.taxonomy import Region, Sector

api = NinjaAPI(
    title="OpenGov Collective API",
    version="1",
    description=(
        "Public, read-only data of the OpenGov Collective: events, stories, resources, "
        "news, themes, programmes and cohorts, award results, certificate verification "
        "and public member profiles. Lists are cursor-paginated (follow `next`). Choose "
        "the language with `?lang=` or `Accept-Language` (en, fr, es). Answers carry an "
        "ETag; send `If-None-Match` to get 304. Partner organisations send "
        "`Authorization: Bearer <token>` for the registrations of events they co-host."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


def one_of(values):
    """A query parameter's allowed values, for the OpenAPI document ("" means any)."""
    return Literal[("", *values)]


def _content_types():
    from content.models.pages import NewsType, ResourceType

    return ResourceType.values, NewsType.values


COUNTRY = one_of([code for code, _name in countries])
REGION = one_of(Region.values)
SECTOR = one_of(Sector.values)
PAGE_SIZE_HELP = "Items per page, 1 to 100 (default 20)."


@api.exception_handler(ApiError)
def _api_error(request, exc):
    return error_response(exc)


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    names = sorted(
        {str(part) for error in exc.errors for part in error.get("loc", [])[-1:] if part}
    )
    return error_response(api_error("bad_parameter", names=", ".join(names) or "?"))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(api_error("not_found"))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return error_response(ApiError("http", str(exc), status=exc.status_code))


def _language(request) -> str:
    return getattr(request, "LANGUAGE_CODE", "en")


def _choice(name: str, value: str, allowed) -> str:
    """A filter's value, or a clear 400 naming the filter (the site ignores and says so)."""
    value = (value or "").strip()
    if value and value not in allowed:
        raise api_error("bad_filter", name=name, value=value[:64])
    return value


class Paging(Schema):
    cursor: str | None = Field(None, max_length=500, description="From a `next` link.")
    page_size: int = Field(20, ge=1, le=100, description=PAGE_SIZE_HELP)


class Lang(Schema):
    lang: Literal["en", "fr", "es"] | None = Field(
        None, description="en, fr or es (else `Accept-Language`)."
    )


# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------
@api.get("/themes/", response={200: schemas.ThemeList, **ERRORS}, tags=["themes"])
def themes(request, lang: Query[Lang]):
    """The partnership's themes, in the request's language."""
    from home.models import Theme

    language = _language(request)
    rows = Theme.for_locale(selectors.locale_for(language))
    return {
        "results": [
            {
                "slug": t.slug,
                "name": t.name,
                "description": t.description,
                "language": language,
            }
            for t in rows
        ]
    }


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------
def _event_choices():
    from events.models import EventType
    from events.selectors import LISTING_LANGUAGES

    return EventType.values, [code for code, _name in LISTING_LANGUAGES]


_EVENT_TYPES, _WORKING_LANGUAGES = _event_choices()


class EventFilters(Paging, Lang):
    when: Literal["upcoming", "past"] = Field("upcoming", description="upcoming or past")
    type: one_of(_EVENT_TYPES) = ""
    region: REGION = ""
    theme: str = Field("", max_length=80, description="A theme's slug (see /themes/).")
    format: one_of(["online", "in_person"]) = Field(
        "", description="online or in_person (hybrid events match both)."
    )
    language: one_of(_WORKING_LANGUAGES) = Field("", description="A working language.")


def _events(language):
    from events.models import EventPage

    return EventPage.objects.filter(selectors.scope(language)).filter(start__isnull=False)


@api.get("/events/", response={200: schemas.EventList, **ERRORS}, tags=["events"])
def events(request, filters: Query[EventFilters]):
    """Upcoming events (soonest first) or past ones (latest first), with the site's filters.
    Times are given in UTC and in the event's own time zone."""
    from events.models import EventType
    from events.selectors import FORMATS, LISTING_LANGUAGES

    language = _language(request)
    by_slug = selectors.themes_by_slug(language)
    when = _choice("when", filters.when, {"upcoming", "past"})
    kind = _choice("type", filters.type, EventType.values)
    region = _choice("region", filters.region, Region.values)
    theme = _choice("theme", filters.theme, by_slug)
    fmt = _choice("format", filters.format, FORMATS)
    working = _choice("language", filters.language, {c for c, _n in LISTING_LANGUAGES})
    now = timezone.now()
    rows = _events(language)
    if kind:
        rows = rows.filter(event_type=kind)
    if region:
        rows = rows.filter(region=region)
    if theme:
        rows = rows.filter(
            pk__in=rows.model.objects.filter(
                themes__translation_key=by_slug[theme].translation_key
            ).values("pk")
        )
    if fmt:
        rows = rows.filter(attendance_mode__in=FORMATS[fmt][1])
    if working:
        rows = rows.filter(working_languages__contains=f",{working},")
    past = when == "past"
    rows = rows.filter(end__lt=now) if past else rows.filter(end__gte=now)
    page, next_url = page_of(
        request,
        selectors.event_queryset(rows),
        key="start",
        descending=past,
        cursor=filters.cursor,
        size=filters.page_size,
    )
    slugs = selectors.theme_slugs(language)
    return {
        "next": next_url,
        "results": [selectors.event_out(e, language, slugs, now=now) for e in page],
    }


@api.get("/events/{event_id}/", response={200: schemas.EventDetail, **ERRORS}, tags=["events"])
def event(request, event_id: int, lang: Query[Lang]):
    """One event: its description, agenda speakers and co-hosts (for members-only events,
    the venue, description and speakers are left out, as on the site)."""
    language = _language(request)
    found = selectors.event_queryset(_events(language)).filter(pk=event_id).first()
    if found is None:
        raise api_error("not_found")
    data = selectors.event_detail(found, language, selectors.theme_slugs(language))
    data["body_html"] = expand_db_html(data["body_html"]) if data["body_html"] else ""
    return data


@api.get(
    "/events/{event_id}/registrations/",
    response={200: schemas.RegistrationList, 401: schemas.Error, 403: schemas.Error, **ERRORS},
    tags=["partners"],
)
def event_registrations(request, event_id: int, paging: Query[Paging], lang: Query[Lang]):
    """For partner tokens with the `registrations:read` scope, on events their organisation
    co-hosts: the registrants who agreed, when registering, to share their registration
    with the co-hosts. Nobody else is listed."""
    from events.models import EventPage, Registration

    token = getattr(request, "api_token", None)
    if token is None:
        raise api_error("no_token")
    if not token.has_scope(Scope.REGISTRATIONS):
        raise api_error("scope")
    found = EventPage.objects.filter(pk=event_id).first()
    if found is None:
        raise api_error("not_found")
    target = found.registration_event
    if not target.co_hosts.filter(translation_key=token.partner.translation_key).exists():
        raise api_error("not_co_host")
    rows = Registration.objects.active().filter(event=target, share_with_co_hosts=True)
    page, next_url = page_of(
        request, rows, key="created_at", cursor=paging.cursor, size=paging.page_size
    )
    return {
        "next": next_url,
        "results": [
            {
                "id": r.pk,
                "name": r.name,
                "email": r.email,
                "status": r.status,
                "registered_at": r.created_at,
                "attended": r.attended_at is not None,
            }
            for r in page
        ],
    }


# ---------------------------------------------------------------------------
# Stories, resources, news
# ---------------------------------------------------------------------------
class ContentFilters(Paging, Lang):
    theme: str = Field("", max_length=80, description="A theme's slug (see /themes/).")
    country: COUNTRY = Field("", description="An ISO 3166 country code.")
    region: REGION = ""


_RESOURCE_TYPES, _NEWS_TYPES = _content_types()


class StoryFilters(ContentFilters):
    type: SECTOR = Field("", description="A sector the story is about.")


class ResourceFilters(ContentFilters):
    type: one_of(_RESOURCE_TYPES) = Field("", description="The resource type.")


class NewsFilters(ContentFilters):
    type: one_of(_NEWS_TYPES) = Field("", description="The news type.")


def _content_model(kind: str):
    from content.models.pages import NewsPage, NewsType, ResourcePage, ResourceType, StoryPage

    return {
        "stories": (StoryPage, Sector.values, "sectors"),
        "resources": (ResourcePage, ResourceType.values, "resource_type"),
        "news": (NewsPage, NewsType.values, "news_type"),
    }[kind]


def _content_list(request, kind: str, filters: ContentFilters):
    model, types, type_field = _content_model(kind)
    language = _language(request)
    by_slug = selectors.themes_by_slug(language)
    theme = _choice("theme", filters.theme, by_slug)
    country = _choice("country", filters.country, dict(countries))
    region = _choice("region", filters.region, Region.values)
    kind_value = _choice("type", filters.type, types)
    rows = model.objects.filter(selectors.scope(language))
    if theme:
        rows = rows.filter(
            pk__in=model.objects.filter(
                themes__translation_key=by_slug[theme].translation_key
            ).values("pk")
        )
    if country:
        rows = rows.filter(country=country)
    if region:
        rows = rows.filter(region=region)
    if kind_value and type_field == "sectors":
        rows = rows.filter(sectors__icontains=f'"{kind_value}"')
    elif kind_value:
        rows = rows.filter(**{type_field: kind_value})
    rows = rows.select_related("locale").prefetch_related("themes")
    key = "date" if kind == "news" else "first_published_at"
    page, next_url = page_of(
        request, rows, key=key, descending=True, cursor=filters.cursor, size=filters.page_size
    )
    slugs = selectors.theme_slugs(language)
    return {
        "next": next_url,
        "results": [selectors.content_out(p, language, slugs, kind=kind) for p in page],
    }


def _content_detail(request, kind: str, page_id: int):
    model, _types, _field = _content_model(kind)
    language = _language(request)
    found = (
        model.objects.filter(selectors.scope(language))
        .select_related("locale")
        .prefetch_related("themes")
        .filter(pk=page_id)
        .first()
    )
    if found is None:
        raise api_error("not_found")
    data = selectors.content_out(found, language, selectors.theme_slugs(language), kind=kind)
    data["authors"] = selectors.story_authors(found) if kind == "stories" else []
    return data


@api.get("/stories/", response={200: schemas.ContentList, **ERRORS}, tags=["content"])
def stories(request, filters: Query[StoryFilters]):
    """OpenStories, newest first, in the request's language (untranslated ones in English)."""
    return _content_list(request, "stories", filters)


@api.get("/stories/{page_id}/", response={200: schemas.ContentDetail, **ERRORS}, tags=["content"])
def story(request, page_id: int, lang: Query[Lang]):
    """One story, with its authors as far as an anonymous visitor may see them."""
    return _content_detail(request, "stories", page_id)


@api.get("/resources/", response={200: schemas.ContentList, **ERRORS}, tags=["content"])
def resources(request, filters: Query[ResourceFilters]):
    """Resources and guides, newest first."""
    return _content_list(request, "resources", filters)


@api.get("/resources/{page_id}/", response={200: schemas.ContentDetail, **ERRORS}, tags=["content"])
def resource(request, page_id: int, lang: Query[Lang]):
    return _content_detail(request, "resources", page_id)


@api.get("/news/", response={200: schemas.ContentList, **ERRORS}, tags=["content"])
def news(request, filters: Query[NewsFilters]):
    """News, latest date first."""
    return _content_list(request, "news", filters)


@api.get("/news/{page_id}/", response={200: schemas.ContentDetail, **ERRORS}, tags=["content"])
def news_item(request, page_id: int, lang: Query[Lang]):
    return _content_detail(request, "news", page_id)


# ---------------------------------------------------------------------------
# Programmes and cohorts
# ---------------------------------------------------------------------------
@api.get("/programmes/", response={200: schemas.ProgrammeList, **ERRORS}, tags=["programmes"])
def programmes(request, lang: Query[Lang]):
    from cohorts.models import ProgrammePage

    language = _language(request)
    rows = ProgrammePage.objects.filter(selectors.scope(language)).select_related("locale")
    return {
        "results": [
            {**selectors.page_fields(p, language), "intro": p.intro, "timezone": p.timezone}
            for p in rows.order_by("path")[:100]
        ]
    }


class CohortFilters(Paging, Lang):
    open: bool | None = Field(None, description="true: only cohorts taking applications now.")
    programme: int | None = Field(None, description="A programme's id.")


@api.get("/cohorts/", response={200: schemas.CohortList, **ERRORS}, tags=["programmes"])
def cohorts(request, filters: Query[CohortFilters]):
    """Cohorts, latest start first; `open=true` for open calls."""
    from cohorts.models import CohortPage, ProgrammePage

    language = _language(request)
    now = timezone.now()
    rows = CohortPage.objects.filter(selectors.scope(language))
    if filters.open:
        rows = rows.filter(applications_open__lte=now, applications_close__gt=now)
    elif filters.open is False:
        rows = rows.exclude(applications_open__lte=now, applications_close__gt=now)
    programme_pages = {
        p.path: p
        for p in ProgrammePage.objects.filter(selectors.scope(language)).only("path", "timezone")
    }
    if filters.programme is not None:
        programme = next((p for p in programme_pages.values() if p.pk == filters.programme), None)
        if programme is None:
            raise api_error("bad_filter", name="programme", value=str(filters.programme))
        rows = rows.child_of(programme)
    rows = rows.select_related("locale", "theme")
    page, next_url = page_of(
        request,
        rows,
        key="start_date",
        descending=True,
        cursor=filters.cursor,
        size=filters.page_size,
    )
    slugs = selectors.theme_slugs(language)
    results = []
    for cohort in page:
        parent = programme_pages.get(cohort.path[: -cohort.steplen])
        if parent is not None:
            cohort.__dict__["programme"] = parent
        results.append(
            {
                **selectors.page_fields(cohort, language),
                "intro": cohort.intro,
                "programme_id": parent.pk if parent else None,
                "status": cohort.status(now=now) if parent else "",
                "open_call": cohort.is_open(now=now),
                "applications_open": cohort.applications_open,
                "applications_close": cohort.applications_close,
                "start_date": cohort.start_date,
                "end_date": cohort.end_date,
                "format": cohort.format,
                "location": cohort.location,
                "region": cohort.region,
                "places": cohort.places,
                "theme": slugs.get(cohort.theme.translation_key) if cohort.theme else None,
            }
        )
    return {"next": next_url, "results": results}


# ---------------------------------------------------------------------------
# Awards
# ---------------------------------------------------------------------------
def _awards(language):
    from awards.models import AwardProgrammePage

    return AwardProgrammePage.objects.filter(selectors.scope(language)).select_related("locale")


@api.get("/awards/", response={200: schemas.AwardList, **ERRORS}, tags=["awards"])
def awards(request, lang: Query[Lang]):
    """Award editions, latest announcement first."""
    language = _language(request)
    results = []
    for page in _awards(language).order_by("-announcement_at", "-pk")[:50]:
        canonical = page.canonical
        results.append(
            {
                **selectors.page_fields(page, language),
                "phase": page.phase(),
                "nominations_open": canonical.nominations_open,
                "nominations_close": canonical.nominations_close,
                "announcement_at": canonical.announcement_at,
                "results_published": page.results_published(),
            }
        )
    return {"results": results}


@api.get(
    "/awards/{award_id}/results/", response={200: schemas.AwardResults, **ERRORS}, tags=["awards"]
)
def award_results(request, award_id: int, lang: Query[Lang]):
    """Published results only: winners, honourable mentions and the shortlist with their
    aggregate scores, the criteria with their weights, and the jurors who agreed to be
    named. The same facts as the open-data files (``/award/open-data/``). 404 until the
    results are published."""
    from awards import opendata

    language = _language(request)
    page = _awards(language).filter(pk=award_id).first()
    if page is None:
        raise api_error("not_found")
    found = opendata.published_editions(language, programme=page)
    if not found:
        raise api_error("not_published")
    data = opendata.edition_data(found[0])
    return {
        "edition": data["title"],
        "published_at": found[0].state.results_published_at,
        "results": data["results"],
        "criteria": data["criteria"],
        "jury": data["jury"]["named"],
        "jury_size": data["jury"]["size"],
    }


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------
@api.get(
    "/certificates/{identifier}/",
    response={200: schemas.CertificateOut, **ERRORS},
    tags=["certificates"],
)
def certificate(request, identifier: str, lang: Query[Lang]):
    """Verify a certificate: what the public verification page shows."""
    found = selectors.certificate_verification(identifier)
    if found is None:
        raise api_error("not_found")
    return found


# ---------------------------------------------------------------------------
# Members
# ---------------------------------------------------------------------------
def _member_choices():
    from community.models import OpenTo
    from community.models.profile import SPOKEN_LANGUAGES

    return [code for code, _name in SPOKEN_LANGUAGES], OpenTo.values


_SPOKEN, _OPEN_TO = _member_choices()


class MemberFilters(Paging, Lang):
    q: str = Field("", max_length=100, description="Name, headline, organisation or bio words.")
    country: COUNTRY = Field("", description="Only members whose location everyone may see.")
    region: REGION = ""
    sector: SECTOR = ""
    theme: str = Field("", max_length=80, description="A theme's slug (see /themes/).")
    language: one_of(_SPOKEN) = Field("", description="A language the member speaks.")
    open_to: one_of(_OPEN_TO) = ""


@api.get("/members/", response={200: schemas.MemberList, **ERRORS}, tags=["members"])
def members(request, filters: Query[MemberFilters]):
    """Public member profiles only, by name, with the directory's filters. Each field is
    shown only when its member chose "Everyone" for it."""
    from community.directory import filtered_profiles, search
    from community.models import OpenTo
    from community.models.profile import SPOKEN_LANGUAGES

    language = _language(request)
    by_slug = selectors.themes_by_slug(language)
    data = {
        "country": _choice("country", filters.country, dict(countries)),
        "region": _choice("region", filters.region, Region.values),
        "sector": _choice("sector", filters.sector, Sector.values),
        "theme": _choice("theme", filters.theme, by_slug),
        "language": _choice("language", filters.language, dict(SPOKEN_LANGUAGES)),
        "open_to": _choice("open_to", filters.open_to, OpenTo.values),
    }
    data = {k: v for k, v in data.items() if v}
    if "theme" in data:
        data["theme"] = by_slug[data["theme"]]
    rows = filtered_profiles(None, data)
    if filters.q.strip():
        rows = search(rows, None, filters.q.strip())
    rows = selectors.member_queryset(rows)
    page, next_url = page_of(
        request, rows, key="display_name", cursor=filters.cursor, size=filters.page_size
    )
    names = _theme_names(language)
    return {"next": next_url, "results": [selectors.member_out(p, theme_names=names) for p in page]}


def _theme_names(language):
    from home.models import Theme

    return Theme.names(selectors.locale_for(language))


@api.get("/members/{member_id}/", response={200: schemas.MemberDetail, **ERRORS}, tags=["members"])
def member(request, member_id: int, lang: Query[Lang]):
    """One public profile (404 for any other: hidden, members-only, connections-only)."""
    found = selectors.member_queryset(selectors.public_profiles()).filter(pk=member_id).first()
    if found is None:
        raise api_error("not_found")
    return selectors.member_out(found, detail=True, theme_names=_theme_names(_language(request)))
