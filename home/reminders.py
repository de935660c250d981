"""Reminders before deadlines: one kernel job for every app with something people must
finish in time (a draft application, unscored nominations, a nomination to accept).

An app registers a :class:`Source` from its ``apps.ready()``::

    from home import reminders

    reminders.register(
        reminders.Source(
            key="cohorts.draft_application",
            kind="cohorts.deadline_draft",      # a Kind in cohorts/notifications.py
            label=_("Draft applications"),
            due=draft_applications_due,         # due(now, until) -> Iterable[Due]
            permission="cohorts.manage_cohort", # staff who see it and set its times
        )
    )

``due(now, until)`` answers the unfinished items whose deadline is in ``(now, until]``,
computed when the beat task runs (``home.tasks.reminders_send``, which calls
:func:`send_due`), so people who finished are never reminded. Staff choose per source how
long before the deadline reminders go (Settings → Reminder times; default 7 days and 1
day). A reminder for offset ``o`` is due once ``now >= deadline - o`` and ``now <
deadline``; when several are due at once (a late first run, a deadline set close) only
the closest to the deadline goes.

Each reminder goes at most once: a ``home.SentReminder`` row (source, recipient, target,
offset, deadline) under a unique constraint is inserted in a savepoint, then ``notify()``
runs in the same transaction with a dedupe key of the same parts. Two workers at once
send once; a second run sends nothing new; a moved deadline is a new deadline. The kind's
templates receive the source's ``context`` plus ``deadline`` (aware; the ``date`` filter
shows it in the due's time zone), ``deadline_text`` (formatted in the recipient's
language), ``time_zone_label`` ("Nairobi time (UTC+3)"), ``offset`` and ``offset_label``
("1 day").
"""

from __future__ import annotations

import hashlib
import logging
import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

DEFAULT_OFFSETS = (timedelta(days=7), timedelta(days=1))
#: Who sees every source's reminders and times (superusers hold it without rows).
VIEW_ALL = "home.view_sentreminder"


@dataclass(frozen=True)
class Due:
    """One unfinished thing one person should be reminded of."""

    recipient: Any  # a User, or a home.notify.Address
    target: str  # stable key of the unfinished thing, e.g. "cohorts.application:42"
    deadline: datetime  # aware
    context: dict  # extra template context for the kind
    link: Any = None  # path (or absolute URL, page, ("url-name", *args)) it points at
    #: The time zone the deadline is shown in (the programme's); default the site's.
    time_zone: str = ""


@dataclass(frozen=True)
class Source:
    """Something with a deadline that people must finish, declared by its app."""

    key: str  # "cohorts.draft_application"
    kind: str  # a notify Kind key declared by the app, e.g. "cohorts.deadline_draft"
    label: Any  # lazy; for staff ("Draft applications")
    due: Callable[[datetime, datetime], Iterable[Due]]
    #: Staff holding this permission see its sent reminders and set its times
    #: (holders of ``home.view_sentreminder`` see every source).
    permission: str = VIEW_ALL
    #: Reminder times until staff set others.
    default_offsets: tuple[timedelta, ...] = field(default=DEFAULT_OFFSETS)


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Declare a source (from ``apps.ready()``). Declaring a key twice is an error."""
    existing = _SOURCES.get(source.key)
    if existing is not None and existing != source:
        raise ImproperlyConfigured(f"Reminder source {source.key!r} is declared twice.")
    _SOURCES[source.key] = source


def sources() -> list[Source]:
    return list(_SOURCES.values())


def source(key: str) -> Source | None:
    return _SOURCES.get(key)


def sources_for(user) -> list[Source]:
    """The sources whose reminders ``user`` (staff) may see and schedule."""
    from home.permissions import has

    if has(user, VIEW_ALL):
        return sources()
    return [s for s in _SOURCES.values() if has(user, s.permission)]


# ---------------------------------------------------------------------------
# Reminder times: "7d, 1d, 12h"
# ---------------------------------------------------------------------------

_UNITS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "j": "d",
    "jour": "d",
    "jours": "d",
    "dia": "d",
    "dias": "d",
    "día": "d",
    "días": "d",
    "h": "h",
    "hour": "h",
    "hours": "h",
    "heure": "h",
    "heures": "h",
    "hora": "h",
    "horas": "h",
}
_PART = re.compile(r"^\s*(\d{1,4})\s*([^\d\s]*)\s*$")
MAX_OFFSET = timedelta(days=366)


def parse_offsets(text: str) -> list[timedelta]:
    """``"7d, 1 day, 12h"`` → offsets, longest first, without repeats. A bare number is
    days. Raises ``ValueError`` with a message for people on anything else."""
    offsets: set[timedelta] = set()
    for raw in re.split(r"[,;]", text or ""):
        if not raw.strip():
            continue
        match = _PART.match(raw)
        unit = _UNITS.get(match.group(2).lower().rstrip(".")) if match else None
        if match and not match.group(2):
            unit = "d"
        if not match or unit is None:
            raise ValueError(
                _("“%(part)s” is not a reminder time: write 7d for 7 days or 12h for 12 hours.")
                % {"part": raw.strip()[:40]}
            )
        amount = int(match.group(1))
        offset = timedelta(days=amount) if unit == "d" else timedelta(hours=amount)
        if not timedelta(hours=1) <= offset <= MAX_OFFSET:
            raise ValueError(
                _("A reminder time is between 1 hour and 366 days before the deadline.")
            )
        offsets.add(offset)
    return sorted(offsets, reverse=True)


def format_offsets(offsets: Iterable[timedelta]) -> str:
    """The stored form of offsets: ``"7d, 1d, 12h"``."""
    parts = []
    for offset in sorted(offsets, reverse=True):
        hours = int(offset.total_seconds() // 3600)
        parts.append(f"{hours // 24}d" if hours % 24 == 0 else f"{hours}h")
    return ", ".join(parts)


def offset_label(offset: timedelta) -> str:
    """ "7 days", "12 hours" in the active language."""
    hours = int(offset.total_seconds() // 3600)
    if hours % 24 == 0:
        days = hours // 24
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def offsets_by_source() -> dict[str, list[timedelta]]:
    """Every source's reminder times: staff's, else the source's defaults (one query)."""
    from home.models import ReminderSchedule

    chosen = dict(ReminderSchedule.objects.values_list("source", "offsets"))
    out = {}
    for src in _SOURCES.values():
        if src.key in chosen:
            out[src.key] = parse_offsets(chosen[src.key])
        else:
            out[src.key] = sorted(src.default_offsets, reverse=True)
    return out


def offset_due(offsets: Iterable[timedelta], deadline: datetime, now: datetime):
    """The one offset due at ``now`` for ``deadline``: the closest to the deadline among
    those reached (``now >= deadline - o``), or None when none is or it has passed."""
    remaining = deadline - now
    if remaining <= timedelta(0):
        return None
    reached = [o for o in offsets if o >= remaining]
    return min(reached) if reached else None


# ---------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------


def recipient_key(recipient) -> tuple[str, Any, str]:
    """``(key, user or None, email)`` of a User or an Address."""
    from home.notify import Address

    user = recipient.user if isinstance(recipient, Address) else recipient
    email = recipient.email or ""
    if user is not None:
        return f"user:{user.pk}", user, email
    return f"email:{email.strip().lower()}", None, email


def dedupe_key(source_key: str, rkey: str, target: str, offset, deadline) -> str:
    key = (
        f"reminder:{source_key}:{rkey}:{target}:{int(offset.total_seconds())}:"
        f"{int(deadline.timestamp())}"
    )
    if len(key) <= 200:
        return key
    return "reminder:" + hashlib.sha256(key.encode()).hexdigest()


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _context(due: Due, offset: timedelta, zone) -> Callable[[str], dict]:
    from home.l10n import zone_label

    def build(language: str) -> dict:
        extra = due.context(language) if callable(due.context) else dict(due.context or {})
        local = timezone.localtime(due.deadline, zone)
        with translation.override(language):
            return {
                "deadline": due.deadline,
                "deadline_local": local,
                "deadline_text": formats.date_format(local, "DATETIME_FORMAT"),
                "time_zone": zone.key,
                "time_zone_label": zone_label(zone.key, due.deadline),
                "offset": offset,
                "offset_label": offset_label(offset),
                **extra,
            }

    return build


def send_one(src: Source, due: Due, offset: timedelta, *, now: datetime) -> bool:
    """Claim and send one reminder; False when it was already sent (by anyone)."""
    from home.models import SentReminder
    from home.notify import notify

    rkey, user, email = recipient_key(due.recipient)
    zone = _zone(due.time_zone)
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentReminder.objects.create(
                    source=src.key,
                    kind=src.kind,
                    recipient_key=rkey,
                    recipient=user,
                    email=email[:254],
                    target=due.target[:200],
                    offset=offset,
                    deadline=due.deadline,
                    sent_at=now,
                )
        except IntegrityError:
            return False
        with timezone.override(zone):
            notify(
                due.recipient,
                src.kind,
                context=_context(due, offset, zone),
                link=due.link,
                dedupe_key=dedupe_key(src.key, rkey, due.target, offset, due.deadline),
            )
    return True


def send_due(*, now: datetime | None = None) -> int:
    """Send every reminder due at ``now``, each at most once. Returns how many went."""
    from home.models import SentReminder

    now = now or timezone.now()
    offsets = offsets_by_source()
    sent = 0
    for src in sources():
        chosen = offsets.get(src.key) or []
        if not chosen:
            continue
        until = now + max(chosen)
        already = set(
            SentReminder.objects.filter(source=src.key, deadline__gt=now).values_list(
                "recipient_key", "target", "offset", "deadline"
            )
        )
        try:
            items = list(src.due(now, until))
        except Exception:
            logger.exception("Reminder source %s failed", src.key)
            continue
        for due in items:
            offset = offset_due(chosen, due.deadline, now)
            if offset is None or due.deadline > until:
                continue
            rkey, user, email = recipient_key(due.recipient)
            if user is not None and not user.is_active:
                continue
            if not user and not email:
                continue
            if (rkey, due.target[:200], offset, due.deadline) in already:
                continue
            try:
                if send_one(src, due, offset, now=now):
                    sent += 1
            except Exception:
                logger.exception("Reminder %s for %s failed", src.key, due.target)
    return sent


# ---------------------------------------------------------------------------
# Staff: reminder times
# ---------------------------------------------------------------------------


def set_offsets(*, source_key: str, text: str, by, now: datetime | None = None):
    """Staff set when a source's reminders go (``"7d, 1d"``; empty: none). Returns the
    ``ReminderSchedule``. Raises ``NotAllowed`` for staff who may not, and
    ``ReminderTimesInvalid`` for times that cannot be read."""
    from wagtail.log_actions import log

    from home.errors import NotAllowed, ServiceError
    from home.models import ReminderSchedule

    src = source(source_key)
    if src is None or src not in sources_for(by):
        raise NotAllowed("reminders.not_allowed")
    try:
        offsets = parse_offsets(text)
    except ValueError as exc:
        raise ServiceError("reminders.invalid_times", str(exc)) from None
    stored = format_offsets(offsets)
    with transaction.atomic():
        schedule, _created = ReminderSchedule.objects.select_for_update().get_or_create(
            source=src.key, defaults={"offsets": stored}
        )
        before = None if _created else schedule.offsets
        if before != stored:
            schedule.offsets = stored
            schedule.save()
            log(
                schedule,
                "home.reminder_times",
                user=by,
                data={"source": src.key, "before": before, "after": stored},
                timestamp=now or timezone.now(),
            )
    return schedule


def schedule_rows(user) -> list[dict]:
    """The sources ``user`` manages with their reminder times (one query)."""
    offsets = offsets_by_source()
    from home.models import ReminderSchedule

    chosen = set(ReminderSchedule.objects.values_list("source", flat=True))
    return [
        {
            "source": src,
            "offsets": offsets.get(src.key, []),
            "text": format_offsets(offsets.get(src.key, [])),
            "labels": [offset_label(o) for o in offsets.get(src.key, [])],
            "is_default": src.key not in chosen,
        }
        for src in sources_for(user)
    ]
