"""Scale events and stories: English pages under the demo's event and story indexes.

Event ``n`` is the page with slug ``scale-event-0000n``, story ``n`` is ``scale-story-0000n``;
both are inserted with ``pages.bulk_add_children`` (no ``add_child``, no revision, nobody
notified), then added to the site search index in bulk. Events run from two years ago to a year ahead.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils.html import escape

from wagtail.search.backends import get_search_backends

from content.models import StoryIndexPage, StoryPage
from events.models import EventIndexPage, EventPage
from events.models.pages import AttendanceMode, Audience, EventType
from home.demo.scale import members, words
from home.demo.scale.pages import bulk_add_children, existing_slugs
from home.demo.scale.progress import Progress
from home.models import Theme
from home.taxonomy import Sector, region_for_country

EVENT_PREFIX = "scale-event-"
STORY_PREFIX = "scale-story-"
BATCH = 250

EVENT_TYPES = (
    (EventType.WEBINAR, 45),
    (EventType.LEARNING_EXCHANGE, 25),
    (EventType.REGIONAL, 22),
    (EventType.GLOBAL_SUMMIT, 8),
)
TYPE_TITLES = {
    EventType.WEBINAR: ("Webinar: {W} and {w}", "{W} in practice", "Ask me anything: {w}"),
    EventType.LEARNING_EXCHANGE: ("{W} peer exchange", "Learning from {c}: {w}"),
    EventType.REGIONAL: ("{c} regional meeting on {w}", "{W} forum, {c}"),
    EventType.GLOBAL_SUMMIT: ("Global summit on {w} and {w2}", "{W} summit {c}"),
}
ZONES = {
    "SN": "Africa/Dakar",
    "NG": "Africa/Lagos",
    "KE": "Africa/Nairobi",
    "CO": "America/Bogota",
    "MX": "America/Mexico_City",
    "AR": "America/Argentina/Buenos_Aires",
    "FR": "Europe/Paris",
    "ES": "Europe/Madrid",
    "GB": "Europe/London",
    "PH": "Asia/Manila",
    "ID": "Asia/Jakarta",
    "IN": "Asia/Kolkata",
    "US": "America/New_York",
    "UA": "Europe/Kyiv",
}


def event_slug(number: int) -> str:
    return f"{EVENT_PREFIX}{number:05d}"


def story_slug(number: int) -> str:
    return f"{STORY_PREFIX}{number:05d}"


def _rng(seed: int, number: int, part: str) -> random.Random:
    return random.Random(f"{seed}:{part}:{number}")  # noqa: S311 (demo data, not secrets)


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [escape(words.bio(rng, "en")) for _ in range(count)]


def event_page(seed: int, number: int, *, now: datetime, themes: list[int]) -> EventPage:
    rng = _rng(seed, number, "event")
    kind = members.weighted(rng, EVENT_TYPES)
    country = rng.choice(list(ZONES))
    zone = ZONES[country]
    city = next(c[2][0] for c in members.COUNTRIES if c[0] == country)
    w, w2 = words.draw(rng, "en", 2)
    title = rng.choice(TYPE_TITLES[kind]).format(W=w.capitalize(), w=w, w2=w2, c=city)
    # From two years ago to a year ahead; a little more past than future.
    day = (now + timedelta(days=rng.randint(-730, 365))).date()
    length = 1 if kind in (EventType.WEBINAR, EventType.LEARNING_EXCHANGE) else rng.randint(1, 3)
    start_hour = rng.choice((9, 10, 13, 14, 15, 16))
    mode = (
        AttendanceMode.ONLINE
        if kind == EventType.WEBINAR
        else rng.choice((AttendanceMode.IN_PERSON, AttendanceMode.HYBRID))
    )
    # Webinars are often unlimited; in-person events have a room.
    capacity = (
        None
        if kind == EventType.WEBINAR and rng.random() < 0.4
        else rng.choice((15, 20, 25, 30, 40, 50, 80, 100, 150, 300))
    )
    published = datetime.combine(day, time(12), tzinfo=now.tzinfo) - timedelta(
        days=rng.randint(20, 90)
    )
    page = EventPage(
        title=title[:255],
        slug=event_slug(number),
        event_type=kind,
        summary=words.bio(rng, "en", sentences=1)[:300],
        body="".join(f"<p>{p}</p>" for p in _paragraphs(rng, rng.randint(2, 4))),
        start_date=day,
        start_time=time(start_hour),
        end_date=day + timedelta(days=length - 1),
        end_time=time(start_hour + rng.choice((1, 2, 3))),
        timezone=zone,
        attendance_mode=mode,
        venue_name="" if mode == AttendanceMode.ONLINE else f"{city} Civic Centre",
        city="" if mode == AttendanceMode.ONLINE else city,
        country="" if mode == AttendanceMode.ONLINE else country,
        online_url=f"https://meet.example.org/{event_slug(number)}"
        if mode != AttendanceMode.IN_PERSON
        else "",
        capacity=capacity,
        audience=Audience.MEMBERS if rng.random() < 0.3 else Audience.PUBLIC,
        working_languages=rng.choice((["en"], ["en", "fr"], ["en", "es"], ["en", "fr", "es"])),
        first_published_at=min(published, now),
    )
    page.compute_times()
    page.region = region_for_country(page.country.code if page.country else "")
    page._scale_themes = rng.sample(themes, min(len(themes), rng.choice((1, 1, 2))))
    return page


def story_page(seed: int, number: int, *, now: datetime, themes: list[int]) -> StoryPage:
    rng = _rng(seed, number, "story")
    country = members.person_country(seed, rng.randint(1, 20000))
    w, w2 = words.draw(rng, "en", 2)
    city = next(c[2][0] for c in members.COUNTRIES if c[0] == country)
    title = rng.choice(
        (
            "How {c} opened up {w}",
            "{W} and {w2}: what we learned",
            "From {w} to {w2} in {c}",
            "The long road to {w} in {c}",
        )
    ).format(W=w.capitalize(), w=w, w2=w2, c=city)
    body = [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in _paragraphs(rng, 3)]
    page = StoryPage(
        title=title[:255],
        slug=story_slug(number),
        summary=words.bio(rng, "en", sentences=1)[:300],
        country=country,
        region=region_for_country(country),
        sectors=rng.sample(Sector.values, rng.choice((1, 2))),
        body=StoryPage._meta.get_field("body").stream_block.to_python(body),
        first_published_at=now - timedelta(days=rng.randint(1, 1500)),
    )
    page._scale_themes = rng.sample(themes, min(len(themes), rng.choice((1, 2, 2, 3))))
    return page


def _themes() -> list[int]:
    return list(
        Theme.objects.filter(locale__language_code="en").order_by("pk").values_list("pk", flat=True)
    )


def _seed_pages(*, index, count, prefix, slug, build, seed, now, quiet, label) -> int:
    have = existing_slugs(index, prefix)
    todo = [n for n in range(1, count + 1) if slug(n) not in have]
    themes = _themes()
    model = None
    with Progress(label, len(todo), quiet=quiet) as bar:
        for start in range(0, len(todo), BATCH):
            batch = [build(seed, n, now=now, themes=themes) for n in todo[start : start + BATCH]]
            model = type(batch[0])
            with transaction.atomic():
                bulk_add_children(index, batch)
                through = model.themes.through
                through.objects.bulk_create(
                    [
                        through(**{f"{model._meta.model_name}_id": page.pk, "theme_id": theme})
                        for page in batch
                        for theme in page._scale_themes
                    ],
                    batch_size=1000,
                )
                # Into the site search (Wagtail's index), in bulk as update_index does.
                for backend in get_search_backends(with_auto_update=True):
                    backend.add_bulk(model, batch)
            bar.advance(len(batch))
    return len(todo)


def seed_events(*, count: int, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    index = EventIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        if count and log:
            log("  events skipped: the demo has no event index (seed_demo's events step).")
        return 0
    return _seed_pages(
        index=index,
        count=count,
        prefix=EVENT_PREFIX,
        slug=event_slug,
        build=event_page,
        seed=seed,
        now=now,
        quiet=quiet,
        label="events",
    )


def seed_stories(*, count: int, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    index = StoryIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        if count and log:
            log("  stories skipped: the demo has no story index (seed_demo's content step).")
        return 0
    return _seed_pages(
        index=index,
        count=count,
        prefix=STORY_PREFIX,
        slug=story_slug,
        build=story_page,
        seed=seed,
        now=now,
        quiet=quiet,
        label="stories",
    )
