"""Demo events: every type, upcoming and past, in English, French and Spanish.

One event is full with a waiting list. Registrations are written directly (not through
the services) so that seeding sends no email. Idempotent: existing pages are left alone.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from events.demo import content
from events.models import (
    CheckIn,
    CheckInMethod,
    EventIndexPage,
    EventPage,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    Speaker,
)
from home.demo.images import attach, demo_image, portrait
from home.demo.seed import publish, translate_page
from home.models import HomePage, Theme

LANGS = ("en", "fr", "es")

#: The demo banner for each type of event (home.demo.images).
TYPE_IMAGES = {
    "global_summit": "stage",
    "regional": "map",
    "learning_exchange": "gathering",
    "webinar": "webinar",
}


def _time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _agenda(language: str, speakers: dict, spec: dict, day) -> list:
    """The demo's agenda inside the event's own days and hours: the opening at the start,
    the working groups after it, the commitments ending when the event ends (on its last
    day)."""
    start, end = _time(spec["start"]), _time(spec["end"])
    last = day + timedelta(days=spec.get("length_days", 1) - 1)
    first_minutes = start.hour * 60 + start.minute
    end_minutes = end.hour * 60 + end.minute
    if last == day:
        # One day: three equal slots, each session leaving a quarter of its slot free.
        slot = (end_minutes - first_minutes) // 3
        slots = [
            (day, first_minutes + n * slot, first_minutes + n * slot + slot * 3 // 4)
            for n in range(3)
        ]
        slots[-1] = (day, end_minutes - slot * 3 // 4, end_minutes)
    else:
        slots = [
            (day, first_minutes, first_minutes + 90),
            (day, first_minutes + 120, first_minutes + 240),
            (last, end_minutes - 90, end_minutes),
        ]

    def hhmm(minutes: int) -> str:
        minutes -= minutes % 15 if minutes != end_minutes else 0
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    blocks = []
    for (title, keys), (on, begins, ends) in zip(content.AGENDA[language], slots, strict=True):
        blocks.append(
            {
                "type": "session",
                "value": {
                    "day": on.isoformat() if last != day else None,
                    "starts_at": hhmm(begins),
                    "ends_at": hhmm(ends),
                    "title": title,
                    "description": "",
                    "speakers": [speakers[language][key].pk for key in keys],
                },
            }
        )
    return blocks


def _speakers(locales, log) -> dict:
    User = get_user_model()
    out = {code: {} for code in LANGS}
    for number, spec in enumerate(content.SPEAKERS):
        original = Speaker.objects.filter(locale=locales["en"], name=spec["name"]).first()
        if original is None:
            original = Speaker.objects.create(
                locale=locales["en"],
                name=spec["name"],
                role=spec["role"]["en"],
                photo=portrait(number),
                user=User.objects.filter(email=spec["member"]).first() if spec["member"] else None,
            )
        out["en"][spec["key"]] = original
        for code in ("fr", "es"):
            translated = original.get_translation_or_none(locales[code])
            if translated is None:
                translated = original.copy_for_translation(locales[code])
                translated.role = spec["role"][code]
                translated.save()
            out[code][spec["key"]] = translated
        # Speakers seeded before the demo had pictures get their portrait now.
        Speaker.objects.filter(translation_key=original.translation_key, photo__isnull=True).update(
            photo=portrait(number)
        )
    return out


def _questions(page: EventPage, language: str, originals=None) -> None:
    if page.questions.exists():
        return
    for position, (label, kind) in enumerate(content.QUESTIONS[language]):
        question = RegistrationQuestion(
            page=page, locale=page.locale, label=label, kind=kind, sort_order=position
        )
        if originals:
            question.translation_key = originals[position].translation_key
        question.save()


def _fill_full_event(event: EventPage, now) -> None:
    """Three places taken, two people waiting: the demo of a waiting list."""
    if Registration.objects.filter(event=event).exists():
        return
    User = get_user_model()
    people = list(
        User.objects.filter(email__endswith="@example.org", is_superuser=False).order_by("pk")[:5]
    )
    for number, user in enumerate(people, start=1):
        confirmed = number <= event.capacity
        Registration.objects.create(
            event=event,
            user=user,
            name=user.get_full_name(),
            email=user.email,
            queue_number=number,
            status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
            confirmed_at=now if confirmed else None,
            show_in_attendee_list=number % 2 == 1,
        )


def _attended(event: EventPage, now) -> None:
    if Registration.objects.filter(event=event).exists():
        return
    User = get_user_model()
    for number, user in enumerate(
        User.objects.filter(email__endswith="@example.org", is_superuser=False).order_by("pk")[:3],
        start=1,
    ):
        registration = Registration.objects.create(
            event=event,
            user=user,
            name=user.get_full_name(),
            email=user.email,
            queue_number=number,
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=event.start - timedelta(days=10),
            attended_at=event.start + timedelta(minutes=10) if number < 3 else None,
            show_in_attendee_list=True,
            reminded_24h_at=event.start - timedelta(days=1),
            reminded_1h_at=event.start - timedelta(hours=1),
        )
        if registration.attended_at:  # let in at the door, found by name
            CheckIn.objects.create(
                registration=registration,
                event=event,
                at=registration.attended_at,
                method=CheckInMethod.NAME,
                device="Door 1",
            )


def _slides(slug: str, title: str, language: str):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from spaces.demo.seed import demo_pdf

    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        data = demo_pdf(title, ["OpenGov Collective - demo slides", slug])
        document.file.save(f"{slug}-slides-{language}.pdf", ContentFile(data), save=False)
        document.save()
    return document


def _materials(event: EventPage, locales, log) -> None:
    """A recording with its notes and slides on two past events, in every language. The
    attendees are marked as told first: seeding sends no email."""
    import uuid

    spec = content.MATERIALS.get(event.slug)
    if spec is None or event.materials:
        return
    ids = {
        kind: str(uuid.uuid5(uuid.NAMESPACE_URL, f"{event.slug}/{kind}"))
        for kind in ("recording", "slides")
    }
    EventPage.objects.filter(translation_key=event.translation_key).update(
        told_materials=[ids["recording"], ids["slides"]]
    )
    for code in LANGS:
        page = event if code == "en" else event.get_translation_or_none(locales[code])
        if page is None:
            continue
        page = EventPage.objects.get(pk=page.pk)
        text = spec[code]
        page.materials = [
            {
                "type": "recording",
                "id": ids["recording"],
                "value": {
                    "title": text["recording"],
                    "url": spec["recording"],
                    "transcript": text["transcript"],
                    "public": True,
                },
            },
            {
                "type": "slides",
                "id": ids["slides"],
                "value": {
                    "title": text["slides"],
                    "document": _slides(event.slug, text["slides"], code).pk,
                    "public": True,
                },
            },
        ]
        publish(page)
    log(f"Materials for “{event.title}”.")


@transaction.atomic
def seed(log) -> None:
    locales = {code: Locale.objects.get(language_code=code) for code in LANGS}
    home = HomePage.objects.filter(locale=locales["en"]).first()
    if home is None:
        log("Events: no home page yet, skipped.")
        return
    now = timezone.now()
    index = EventIndexPage.objects.filter(locale=locales["en"]).first()
    if index is None:
        title, intro = content.INDEX["en"]
        index = EventIndexPage(title=title, slug="events", intro=intro, locale=locales["en"])
        home.add_child(instance=index)
        publish(index)
        log("Created the events index.")
    for code in ("fr", "es"):
        if index.get_translation_or_none(locales[code]) is None:
            title, intro = content.INDEX[code]
            slug = {"fr": "evenements", "es": "eventos"}[code]
            translate_page(index, locales[code], title=title, intro=intro, slug=slug)

    speakers = _speakers(locales, log)
    themes = {(t.slug, t.locale_id): t for t in Theme.objects.all()}
    for spec in content.EVENTS:
        event = EventPage.objects.filter(locale=locales["en"], slug=spec["slug"]).first()
        if event is None:
            day = (now + timedelta(days=spec["days"])).date()
            text = spec["en"]
            event = EventPage(
                locale=locales["en"],
                slug=spec["slug"],
                event_type=spec["type"],
                start_date=day,
                start_time=_time(spec["start"]),
                end_date=day + timedelta(days=spec.get("length_days", 1) - 1),
                end_time=_time(spec["end"]),
                timezone=spec["timezone"],
                attendance_mode=spec["mode"],
                country=spec["country"],
                online_url="https://meet.example.org/opengov-" + spec["slug"]
                if spec["mode"] != "in_person"
                else "",
                capacity=spec["capacity"],
                online_capacity=spec.get("online_capacity"),
                image=demo_image(TYPE_IMAGES[spec["type"]]),
                working_languages=spec["languages"],
                registration_closes=datetime.combine(
                    day, time(0, 0), tzinfo=timezone.get_current_timezone()
                )
                if spec["days"] > 30
                else None,
                **{
                    key: text.get(key, "")
                    for key in ("title", "summary", "venue_name", "city", "accessibility", "body")
                },
            )
            if spec.get("agenda"):
                event.agenda = _agenda("en", speakers, spec, day)
            index.add_child(instance=event)
            theme = themes.get((spec["theme"], locales["en"].pk))
            if theme:
                event.themes.set([theme])
            _questions(event, "en")
            publish(event)
            log(f"Created the event “{event.title}”.")
        originals = list(event.questions.order_by("sort_order"))
        for code in ("fr", "es"):
            if event.get_translation_or_none(locales[code]) is not None:
                continue
            text = spec[code]
            fields = {
                key: text.get(key, "")
                for key in ("title", "summary", "venue_name", "city", "accessibility", "body")
            }
            if spec.get("agenda"):
                fields["agenda"] = EventPage._meta.get_field("agenda").stream_block.to_python(
                    _agenda(code, speakers, spec, event.start_date)
                )
            translated = translate_page(event, locales[code], **fields)
            translated = EventPage.objects.get(pk=translated.pk)
            theme = themes.get((spec["theme"], locales[code].pk))
            if theme:
                translated.themes.set([theme])
            translated.questions.all().delete()
            _questions(translated, code, originals)
            publish(translated)
        attach(event, demo_image(TYPE_IMAGES[spec["type"]]), field="image")
        if spec.get("full"):
            _fill_full_event(event, now)
        elif spec["days"] < 0:
            _attended(event, now)
        _materials(event, locales, log)
