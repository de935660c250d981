"""Reads for events: listings, the event page's context, attendee lists, "My events"."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Locale

from community.models import Profile
from events import joining
from events.audience import audience_labels, may_register, may_see_details
from events.models import (
    AttendanceMode,
    EventPage,
    EventType,
    Place,
    Registration,
    RegistrationState,
    RegistrationStatus,
)
from events.permissions import can_manage_registrations
from events.timezones import COMMON_ZONES, get_zone, reader_zone_name
from home import links
from home.images import PRESETS
from home.l10n import zone_label
from home.models import Theme
from home.routing import private_q
from home.selectors import with_card_images
from home.taxonomy import Region

FORMATS = {
    "online": (_("Online"), [AttendanceMode.ONLINE, AttendanceMode.HYBRID]),
    "in_person": (_("In person"), [AttendanceMode.IN_PERSON, AttendanceMode.HYBRID]),
}
LISTING_LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt", "Português"),
    ("ar", "العربية"),
]


def _count_by_key(status):
    return Coalesce(
        Subquery(
            Registration.objects.filter(
                event__translation_key=OuterRef("translation_key"), status=status
            )
            .order_by()
            .values("event__translation_key")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def with_counts(queryset):
    """Annotate ``confirmed_count`` and ``waiting_count`` (shared across an event's languages)."""
    return queryset.annotate(
        confirmed_count=_count_by_key(RegistrationStatus.CONFIRMED),
        waiting_count=_count_by_key(RegistrationStatus.WAITLISTED),
    )


@dataclass
class Filters:
    type: str = ""
    region: str = ""
    theme: str = ""
    format: str = ""
    language: str = ""
    when: str = "upcoming"

    def query(self, **changes) -> str:
        from urllib.parse import urlencode

        values = {**self.__dict__, **changes}
        return urlencode(
            {k: v for k, v in values.items() if v and not (k == "when" and v == "upcoming")}
        )


def parse_filters(params, themes_by_slug) -> tuple[Filters, list[str]]:
    """Keep the values we know; report the ones we ignored so the page can say so."""
    filters = Filters()
    ignored = []
    checks = {
        "type": set(EventType.values),
        "region": set(Region.values),
        "theme": set(themes_by_slug),
        "format": set(FORMATS),
        "language": {code for code, _name in LISTING_LANGUAGES},
        "when": {"upcoming", "past"},
    }
    for name, allowed in checks.items():
        value = (params.get(name) or "").strip()[:64]
        if not value:
            continue
        if value in allowed:
            setattr(filters, name, value)
        else:
            ignored.append(name)
    return filters, ignored


def filtered_events(*, index, filters: Filters, themes_by_slug, viewer=None, now=None):
    now = now or timezone.now()
    events = (
        EventPage.objects.live().exclude(private_q()).child_of(index).filter(start__isnull=False)
    )
    if filters.type:
        events = events.filter(event_type=filters.type)
    if filters.region:
        events = events.filter(region=filters.region)
    if filters.theme:
        events = events.filter(
            themes__translation_key=themes_by_slug[filters.theme].translation_key
        )
    if filters.format:
        events = events.filter(attendance_mode__in=FORMATS[filters.format][1])
    if filters.language:
        events = events.filter(working_languages__contains=f",{filters.language},")
    if filters.when == "past":
        events = events.filter(end__lt=now).order_by("-start", "pk")
    else:
        events = events.filter(end__gte=now).order_by("start", "pk")
    return events.distinct()


def _themes_for(locale) -> dict[str, Theme]:
    return {theme.slug: theme for theme in Theme.for_locale(locale)}


def event_listing(*, index, request, now=None) -> dict:
    now = now or timezone.now()
    themes_by_slug = _themes_for(index.locale)
    filters, ignored = parse_filters(request.GET, themes_by_slug)
    events = filtered_events(
        index=index, filters=filters, themes_by_slug=themes_by_slug, viewer=request.user, now=now
    )
    events = with_card_images(
        with_counts(events).select_related("locale").prefetch_related("themes"), "image"
    )
    paginator = Paginator(events, index.per_page)
    page_number = request.GET.get("page") or 1
    page = paginator.get_page(page_number)
    out_of_range = str(page_number) not in {"1", str(page.number)}
    for event in page.object_list:
        event.places_left = (
            places_left(event, event.confirmed_count) if event.registration_enabled else None
        )
    chips = []
    labels = {
        "type": dict(EventType.choices),
        "region": dict(Region.choices),
        "theme": {slug: theme.name for slug, theme in themes_by_slug.items()},
        "format": {key: label for key, (label, _modes) in FORMATS.items()},
        "language": dict(LISTING_LANGUAGES),
    }
    for name, options in labels.items():
        value = getattr(filters, name)
        if value:
            chips.append({"label": options[value], "remove": filters.query(**{name: ""})})
    zone_name = reader_zone_name(request)
    return {
        "events": page.object_list,
        "page_obj": page,
        "paginator": paginator,
        "filters": filters,
        "ignored_filters": ignored,
        "out_of_range": out_of_range,
        "chips": chips,
        "filter_query": filters.query(),
        "upcoming_query": filters.query(when=""),
        "past_query": filters.query(when="past"),
        "filter_options": {
            "types": EventType.choices,
            "regions": Region.choices,
            "themes": [(slug, theme.name) for slug, theme in themes_by_slug.items()],
            "formats": [(key, label) for key, (label, _modes) in FORMATS.items()],
            "languages": LISTING_LANGUAGES,
        },
        "reader_zone": zone_name,
        "now": now,
    }


def place_options(event) -> list[dict]:
    """A hybrid event's kinds of place with what is left of each (one query); else []."""
    if not event.is_hybrid:
        return []
    counts = Registration.objects.filter(event=event).aggregate(
        **{
            kind: Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED, place=kind))
            for kind in Place.values
        },
        **{
            f"{kind}_waiting": Count(
                "pk", filter=Q(status=RegistrationStatus.WAITLISTED, place=kind)
            )
            for kind in Place.values
        },
    )
    return [
        {
            "kind": kind,
            "label": label,
            "left": places_left(event, counts[kind], kind),
            "waiting": counts[f"{kind}_waiting"],
        }
        for kind, label in Place.choices
    ]


def places_left(event, confirmed: int, place: str = "") -> int | None:
    capacity = event.capacity_for(place)
    if capacity is None:
        return None
    return max(capacity - confirmed, 0)


def local_times(event, zone_name: str) -> dict:
    """The event's start and end in its own zone and in the reader's."""
    event_zone = get_zone(event.timezone)
    reader_zone = get_zone(zone_name)
    start, end = event.start, event.end
    if start is None or end is None:
        return {}
    ev_start, ev_end = start.astimezone(event_zone), end.astimezone(event_zone)
    rd_start, rd_end = start.astimezone(reader_zone), end.astimezone(reader_zone)
    return {
        "event_start": ev_start,
        "event_end": ev_end,
        "reader_start": rd_start,
        "reader_end": rd_end,
        "event_zone_name": event.timezone,
        "reader_zone_name": zone_name,
        "same_wall_clock": ev_start.utcoffset() == rd_start.utcoffset()
        and ev_end.utcoffset() == rd_end.utcoffset(),
        "event_start_utc_offset": _offset(ev_start),
        "reader_start_utc_offset": _offset(rd_start),
    }


def _offset(moment: datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def zone_options(selected: str, moment: datetime | None = None) -> list[tuple[str, str]]:
    """The "show times in" picker: (zone, readable label) pairs, the reader's own zone
    added when it is not one of the common ones."""
    zones = list(COMMON_ZONES)
    if selected and selected not in zones:
        zones.append(selected)
    return [(name, capfirst(zone_label(name, moment))) for name in zones]


def attendees(*, event, viewer, registered=None):
    """Confirmed registrants who chose to be listed, and whose profile ``viewer`` may see.

    Only people registered for the event (and staff) see the list at all.
    ``registered``: whether ``viewer``'s registration is active, when the caller read it
    already (saves a query).
    """
    event = event.registration_event
    if viewer is None or not viewer.is_authenticated:
        return Profile.objects.none()
    if registered is None:
        registered = Registration.objects.active().filter(event=event, user=viewer).exists()
    if not can_manage_registrations(viewer, event) and not registered:
        return Profile.objects.none()
    listed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED, show_in_attendee_list=True
    ).values("user_id")
    return Profile.objects.visible_to(viewer).filter(user__in=listed).order_by("display_name")


def speaker_links(*, event, viewer) -> dict[int, Profile]:
    """``{user id: profile}`` of the speakers whose profile ``viewer`` may see (only those
    are linked), read with the one query, so the agenda asks nothing per speaker.

    Also loads every speaker's portrait and its renditions in two queries, so the agenda
    costs the same whatever the number of speakers."""
    user_ids, speakers = set(), []
    for block in event.agenda:
        if block.block_type != "session":
            continue
        for speaker in block.value.get("speakers") or []:
            if speaker is not None:
                speakers.append(speaker)
            if speaker is not None and speaker.user_id:
                user_ids.add(speaker.user_id)
    if speakers:
        prefetch_related_objects(
            speakers,
            Prefetch(
                "photo",
                queryset=get_image_model().objects.prefetch_renditions(*PRESETS["portrait"].specs),
            ),
        )
    if not user_ids:
        return {}
    return {
        profile.user_id: profile
        for profile in Profile.objects.visible_to(viewer).filter(user_id__in=user_ids)
    }


def event_page_context(*, event, request, now=None) -> dict:
    now = now or timezone.now()
    user = request.user
    target = event.registration_event
    # With the counts, the reader's own registration's id: only a registered reader's
    # registration is read in full.
    own = {"mine": Min("pk", filter=Q(user=user))} if user.is_authenticated else {}
    # A hybrid event's counts per kind of place, in the same query.
    per_place = {}
    if target.is_hybrid:
        for kind in (Place.IN_PERSON, Place.ONLINE):
            per_place[f"{kind}_confirmed"] = Count(
                "pk", filter=Q(status=RegistrationStatus.CONFIRMED, place=kind)
            )
            per_place[f"{kind}_waiting"] = Count(
                "pk", filter=Q(status=RegistrationStatus.WAITLISTED, place=kind)
            )
    counts = Registration.objects.filter(event=target).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        **per_place,
        **own,
    )
    confirmed, waiting = counts["confirmed"], counts["waiting"]
    mine = None
    if counts.get("mine") is not None:
        mine = Registration.objects.filter(pk=counts["mine"]).first()
    state = target.registration_state(now)
    left = places_left(target, confirmed)
    zone_name = reader_zone_name(request)
    staff = can_manage_registrations(user, target)
    questions = list(event.questions.all())
    places = [
        {
            "kind": kind,
            "label": label,
            "left": places_left(target, counts[f"{kind}_confirmed"], kind),
            "waiting": counts[f"{kind}_waiting"],
            "mine": bool(mine and mine.is_active and mine.place == kind),
        }
        for kind, label in Place.choices
        if target.is_hybrid
    ]
    if places:
        left = None if any(p["left"] is None for p in places) else sum(p["left"] for p in places)
    context = {
        "registration_state": state,
        "state_open": state == RegistrationState.OPEN,
        "confirmed_count": confirmed,
        "waiting_count": waiting,
        "places_left": left,
        "is_full": left == 0,
        "my_registration": mine if (mine and mine.is_active) else None,
        "my_position": mine.waitlist_position() if mine else None,
        "places": places,
        "joining_link": joining.joining_link(event, mine, now=now, staff=staff),
        "agenda_items": joining.agenda(event, mine, now=now, staff=staff),
        "may_register": may_register(target, user) if user.is_authenticated else None,
        "may_see_details": may_see_details(event, user),
        "audience_labels": audience_labels(event, user),
        "times": local_times(event, zone_name),
        "reader_zone": zone_name,
        "zone_choices": zone_options(zone_name, event.start),
        "attendees": list(
            attendees(event=event, viewer=user, registered=bool(mine and mine.is_active))
        ),
        "linked_speakers": speaker_links(event=event, viewer=user),
        "register_url": event.url + event.reverse_subpage("register") if event.url else "",
        "cancel_url": event.url + event.reverse_subpage("cancel") if event.url else "",
        "switch_url": event.url + event.reverse_subpage("switch") if event.url else "",
        "ics_url": event.url + event.reverse_subpage("ics") if event.url else "",
        "questions": questions,
        "calendar_links": calendar_links(event, request),
        # After its end the page is a record of what happened (registration hidden).
        "is_over": bool(event.end and event.end < now),
        **event_materials(event=event, viewer=user),
    }
    return context


def calendar_links(event, request) -> dict:
    """'Add to calendar' links for Google and Outlook (the .ics covers the rest)."""
    from urllib.parse import urlencode

    if not event.start or not event.end:
        return {}
    fmt = "%Y%m%dT%H%M%SZ"
    start = event.start.astimezone(get_zone("UTC"))
    end = event.end.astimezone(get_zone("UTC"))
    location = ", ".join(p for p in [event.venue_name, event.city] if p)
    page_url = links.page_url(event)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": f"{start.strftime(fmt)}/{end.strftime(fmt)}",
            "details": page_url,
            "location": location,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "subject": event.title,
            "startdt": start.isoformat(),
            "enddt": end.isoformat(),
            "body": page_url,
            "location": location,
            "path": "/calendar/action/compose",
            "rru": "addevent",
        }
    )
    return {"google": google, "outlook": outlook}


def my_events(*, user, now=None) -> dict:
    """The member's registrations: upcoming (with waiting-list positions) and past."""
    now = now or timezone.now()
    registrations = list(
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED, event__end__lt=now)
        .select_related("event")
        .order_by("event__start")
    )
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    if waiting:
        # One query for every position: people ahead of each in their own event's line.
        ahead = (
            Registration.objects.filter(status=RegistrationStatus.WAITLISTED)
            .filter(
                Q(
                    *[
                        Q(event_id=r.event_id, place=r.place, queue_number__lt=r.queue_number)
                        for r in waiting
                    ],
                    _connector=Q.OR,
                )
            )
            .values("event_id", "place")
            .annotate(n=Count("pk"))
        )
        # Each kind of place at a hybrid event has its own line (others: place "").
        counts = {(row["event_id"], row["place"]): row["n"] for row in ahead}
        for r in waiting:
            r.position = counts.get((r.event_id, r.place), 0) + 1
    language = request_language()
    localized = _localized_events({r.event for r in registrations}, language)
    for r in registrations:
        r.display_event = localized.get(r.event.translation_key, r.event)
    upcoming = [
        r
        for r in registrations
        if r.event.end and r.event.end >= now and r.status != RegistrationStatus.CANCELLED
    ]
    past = [r for r in registrations if r.event.end and r.event.end < now]
    cancelled = [
        r for r in registrations if r.status == RegistrationStatus.CANCELLED and r not in past
    ]
    return {"upcoming": upcoming, "past": past, "cancelled": cancelled}


def request_language() -> str:
    from django.utils import translation

    return translation.get_language() or "en"


def _localized_events(events, language) -> dict:
    keys = [e.translation_key for e in events]
    if not keys:
        return {}
    pages = (
        EventPage.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .select_related("locale")
    )
    return {page.translation_key: page for page in pages}


def attended_events(*, profile, viewer):
    """Events a member attended, for their profile page, within their privacy settings.

    Shown only when ``viewer`` may see the profile, and only for events where the member
    chose to appear in the attendee list (the same consent).
    """
    from community.selectors import profile_visible

    if not profile_visible(viewer, profile.pk):
        return EventPage.objects.none()
    keys = Registration.objects.filter(
        user_id=profile.user_id, attended_at__isnull=False, show_in_attendee_list=True
    ).values("event__translation_key")
    return (
        EventPage.objects.live()
        .filter(translation_key__in=keys, locale=Locale.get_active())
        .order_by("-start")
    )


ME_LIMIT = 5


def me_events(user, *, now=None) -> dict:
    """The member's space: their next events (a ticket or a place in line, with the
    waiting-list position) in a bounded number of queries."""
    upcoming = my_events(user=user, now=now)["upcoming"]
    return {"registrations": upcoming[:ME_LIMIT], "more": max(len(upcoming) - ME_LIMIT, 0)}


# ---------------------------------------------------------------------------
# Theme pages (home.themes): upcoming events, and past ones in an archive
# ---------------------------------------------------------------------------
def _themed_events(theme_key: str, *, scope):
    tagged = EventPage.objects.filter(themes__translation_key=theme_key).values("pk")
    return EventPage.objects.filter(scope, pk__in=tagged)


def theme_upcoming_events(theme_key: str, *, scope, now=None):
    """Events on ``theme`` that have not ended, soonest first."""
    from home.selectors import card_rows

    now = now or timezone.now()
    events = _themed_events(theme_key, scope=scope).filter(end__gte=now).order_by("start")
    return card_rows(events)


def theme_past_events(theme_key: str, *, scope, now=None):
    """Events on ``theme`` that are over, latest first."""
    from home.selectors import card_rows

    now = now or timezone.now()
    events = _themed_events(theme_key, scope=scope).filter(end__lt=now).order_by("-start")
    return card_rows(events)


# ---------------------------------------------------------------------------
# Tickets and check-in at the door
# ---------------------------------------------------------------------------
def my_ticket(*, user, pk: int):
    """The holder's registration ``pk`` with its event (in the reader's language), or
    None when it is not theirs."""
    registration = (
        Registration.objects.filter(pk=pk, user=user).select_related("event", "user").first()
    )
    if registration is None:
        return None
    registration.display_event = _localized_events([registration.event], request_language()).get(
        registration.event.translation_key, registration.event
    )
    return registration


def ticket_qr_svg(ticket) -> str:
    """The ticket's QR code as an SVG element (``qrcode``'s path image)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        ticket.qr_payload,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    return image.to_string(encoding="unicode")


def event_place(event) -> str:
    """Where the ticket is for: the venue and city (with country), or "Online"."""
    from events.models import AttendanceMode

    if event.attendance_mode == AttendanceMode.ONLINE:
        return str(_("Online"))
    country = event.country.name if event.country else ""
    parts = [part for part in (event.venue_name, event.city, country) if part]
    return ", ".join(str(part) for part in parts) or str(_("Venue to be announced"))


def check_in_counts(event) -> dict:
    """ "132 of 400 checked in": people checked in, and confirmed places expected."""
    from events.models import CheckIn

    present = CheckIn.objects.filter(event=event, undone_at__isnull=True).count()
    expected = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    return {"present": present, "expected": expected}


def door_list(*, event, query: str = "", limit: int = 300):
    """Registrants for the door, found by name or email (event staff see every registrant
    of the events they run), with their current check-in and its staff member."""
    from django.db.models import Prefetch

    from events.models import CheckIn

    rows = Registration.objects.filter(event=event).exclude(
        status=RegistrationStatus.CANCELLED, attended_at__isnull=True
    )
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(email__icontains=query))
    else:
        rows = rows.filter(status=RegistrationStatus.CONFIRMED)
    current = CheckIn.objects.filter(undone_at__isnull=True).select_related("by")
    rows = rows.prefetch_related(Prefetch("check_ins", queryset=current, to_attr="current"))
    rows = list(rows.order_by("name", "pk")[:limit])
    from events.timezones import describe_time

    for row in rows:
        row.check_in = row.current[0] if row.current else None
        row.check_in_time = describe_time(row.check_in.at, event) if row.check_in else ""
    return rows


def confirmed_registrants(*, event) -> list:
    """Everyone with a confirmed place at ``event``, by name."""
    return list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).order_by(
            "name", "pk"
        )
    )


def offline_list(*, event, registrations, tickets) -> list[dict]:
    """What a door device keeps for offline check-in: each confirmed registrant with
    their ticket's short code and a digest of its secret (never the secret itself).
    ``tickets``: registration pk → ticket (``events.tickets.tickets_for``)."""
    from events.models import CheckIn
    from events.models.tickets import secret_digest

    present = dict(
        CheckIn.objects.filter(event=event, undone_at__isnull=True).values_list(
            "registration_id", "at"
        )
    )
    return [
        {
            "registration": row.pk,
            "name": row.name or row.email,
            "code": tickets[row.pk].code,
            "display_code": tickets[row.pk].display_code,
            "digest": secret_digest(tickets[row.pk].secret),
            "checked_in_at": present[row.pk].isoformat() if row.pk in present else None,
        }
        for row in registrations
    ]


# ---------------------------------------------------------------------------
# Materials: what remains of an event and its sessions
# ---------------------------------------------------------------------------
@dataclass
class Material:
    kind: str  # "recording", "slides", "document" or "notes"
    id: str
    title: str
    public: bool
    value: object
    #: recordings: the player's HTML ("" when the address has none: a link only)
    player: str = ""
    #: slides and documents: the file, its type ("PDF") and size in bytes
    document: object = None
    file_type: str = ""
    file_size: int | None = None


def _material(item: dict, documents: dict) -> Material | None:
    from events.embeds import video_player

    value = item.get("value") or {}
    kind = item.get("type") or ""
    title = value.get("title") or ""
    found = Material(
        kind=kind,
        id=item.get("id") or "",
        title=title,
        public=bool(value.get("public")),
        value=value,
    )
    if kind == "recording":
        found.player = video_player(value.get("url") or "", title=title)
    elif kind in {"slides", "document"}:
        document = documents.get(value.get("document"))
        if document is None:  # the file was deleted since: nothing to show
            return None
        found.document = document
        found.file_type = (document.file_extension or "").upper()
        found.file_size = document.file_size or document.get_file_size()
    return found


def event_materials(*, event, viewer) -> dict:
    """The materials ``viewer`` may see, the event's own first, then by session.

    On an event for members or cohorts (``may_see_details``), visitors see only the
    materials an editor marked "Visitors may see it"; ``withheld`` counts the others, so
    the page can ask them to sign in. One query for every file (whatever the number of
    materials and sessions); players are built from the address (``events.embeds``)."""
    from wagtail.documents import get_document_model

    everything = may_see_details(event, viewer)
    items = event.material_items()
    wanted = {
        item["value"].get("document")
        for item, _session in items
        if item.get("type") in {"slides", "document"} and item.get("value")
    } - {None}
    documents = get_document_model().objects.in_bulk(wanted) if wanted else {}
    groups: list[dict] = []
    withheld = 0
    for item, session in items:
        material = _material(item, documents)
        if material is None:
            continue
        if not (everything or material.public):
            withheld += 1
            continue
        key = session.get("id", "") if session is not None else ""
        if not groups or groups[-1]["key"] != key:
            groups.append(
                {
                    "key": key,
                    "session": _session_heading(session) if session is not None else None,
                    "anchor": f"materials-{key}" if key else "",
                    "items": [],
                }
            )
        groups[-1]["items"].append(material)
    return {
        "material_groups": groups,
        "materials_withheld": withheld,
        "has_materials": bool(groups) or bool(withheld),
        "sessions_with_materials": {g["key"] for g in groups if g["key"]},
    }


def _session_heading(session: dict) -> dict:
    """A session's title, day and start as the materials section names it."""
    from datetime import date, time

    value = session.get("value") or {}

    def parse(kind, text):
        try:
            return kind.fromisoformat(text) if text else None
        except (TypeError, ValueError):
            return None

    return {
        "title": value.get("title") or "",
        "day": parse(date, value.get("day")),
        "starts_at": parse(time, value.get("starts_at")),
    }


# ---------------------------------------------------------------------------
# Members' materials: their files (home.document_guards)
# ---------------------------------------------------------------------------

#: The fields of an event whose documents are materials (the event's own, the sessions').
MATERIAL_FIELDS = ("materials", "agenda")


def may_read_material(event, document, viewer) -> bool:
    """Whether ``viewer`` may have ``document`` as one of ``event``'s materials: the event
    is live and shows it to them (marked "Visitors may see it", or ``may_see_details``).
    A file only a draft holds is nobody's yet."""
    if not event.live:
        return False
    for item, _session in event.material_items():
        value = item.get("value") or {}
        mine = item.get("type") in {"slides", "document"} and value.get("document") == document.pk
        if mine and (value.get("public") or may_see_details(event, viewer)):
            return True
    return False
