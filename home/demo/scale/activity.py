"""Scale activity, in proportion to the number of members: event registrations, cohort
applications, award nominations, group memberships and direct conversations.

Bulk inserts only: no service runs, so nobody is notified or emailed. Each part keeps the
invariants its service keeps: an event never has more confirmed places than its capacity,
and has a waiting list only when full; one registration per member and event, one
application per member and cohort, one membership per member and group, one open direct
conversation per pair. Idempotent: a part skips what already has scale rows (an event
with registrations, a cohort's existing applicants, ...). A part whose demo content is
missing (no cohorts, no award programmes, no groups) is skipped with a note.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from home.demo.scale import members, words
from home.demo.scale.content import EVENT_PREFIX
from home.demo.scale.progress import Progress
from home.taxonomy import region_for_country, sector_family


def _rng(seed: int, part: str, key) -> random.Random:
    return random.Random(f"{seed}:{part}:{key}")  # noqa: S311 (demo data, not secrets)


def _scale_users() -> dict[int, dict]:
    """Scale member user id -> the fields activity rows copy, in one query."""
    from community.models import Profile

    rows = Profile.objects.filter(user__email__endswith=f"@{members.EMAIL_DOMAIN}").values_list(
        "user_id",
        "display_name",
        "user__email",
        "organisation",
        "sector",
        "country",
        "user__preferred_language",
    )
    return {
        row[0]: {
            "number": members.number_of(row[2]),
            "name": row[1],
            "email": row[2],
            "organisation": row[3],
            "sector": row[4],
            "country": row[5],
            "language": row[6],
        }
        for row in rows
    }


def seed_registrations(*, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    """Registrations on scale events: most events partly full, some full with a waiting
    list (future ones), a tenth cancelled, past confirmed places mostly checked in."""
    from events.models import EventPage, Registration, RegistrationStatus

    people = _scale_users()
    ids = sorted(people)
    if not ids:
        return 0
    events = list(
        EventPage.objects.filter(slug__startswith=EVENT_PREFIX, registration_enabled=True)
        .exclude(registrations__isnull=False)
        .values_list("pk", "slug", "capacity", "start", "end")
    )
    created = 0
    with Progress("registrations", len(events), quiet=quiet) as bar:
        for start in range(0, len(events), 100):
            rows = []
            for pk, slug, capacity, begins, ends in events[start : start + 100]:
                rng = _rng(seed, "registrations", slug)
                past = ends is not None and ends < now
                room = capacity or rng.randint(20, 200)
                fill = rng.uniform(0.2, 1.0) if past else rng.uniform(0.1, 1.4)
                wanted = min(len(ids), int(room * fill) + 1)
                confirmed = min(wanted, capacity) if capacity else wanted
                waiting = wanted - confirmed if not past else 0
                cancelled = min(len(ids) - confirmed - waiting, rng.randint(0, wanted // 10 + 1))
                chosen = rng.sample(ids, confirmed + waiting + cancelled)
                opened = (begins or now) - timedelta(days=60)
                for queue, user_id in enumerate(chosen, start=1):
                    person = people[user_id]
                    registered = opened + timedelta(minutes=queue * rng.randint(5, 90))
                    if queue <= confirmed:
                        status = RegistrationStatus.CONFIRMED
                    elif queue <= confirmed + waiting:
                        status = RegistrationStatus.WAITLISTED
                    else:
                        status = RegistrationStatus.CANCELLED
                    rows.append(
                        Registration(
                            event_id=pk,
                            user_id=user_id,
                            name=person["name"],
                            email=person["email"],
                            status=status,
                            queue_number=queue,
                            show_in_attendee_list=rng.random() < 0.5,
                            confirmed_at=registered
                            if status != RegistrationStatus.WAITLISTED
                            else None,
                            cancelled_at=registered + timedelta(days=2)
                            if status == RegistrationStatus.CANCELLED
                            else None,
                            attended_at=begins
                            if past
                            and status == RegistrationStatus.CONFIRMED
                            and rng.random() < 0.7
                            else None,
                        )
                    )
            with transaction.atomic():
                Registration.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
            created += len(rows)
            bar.advance(len(events[start : start + 100]))
    return created


def seed_applications(*, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    """Per demo cohort, one applicant in forty scale members: a third drafts, the rest
    submitted (with the submission row the review screens read)."""
    from cohorts.models import Application, ApplicationSubmission, CohortPage
    from cohorts.models.applications import ApplicationStatus, Gender, Scope

    cohorts = list(CohortPage.objects.filter(locale__language_code="en").order_by("pk"))
    if not cohorts:
        if log:
            log("  applications skipped: the demo has no cohorts (seed_demo's cohorts step).")
        return 0
    people = _scale_users()
    ids = sorted(people)
    created = 0
    for cohort in cohorts:
        have = set(Application.objects.filter(cohort=cohort).values_list("applicant_id", flat=True))
        # One member in forty, chosen by member number: a larger run adds the new ones.
        offset = cohort.pk % 40  # one member in forty (at least one, however few)
        if offset >= len(ids):
            offset = cohort.pk % len(ids)
        wanted = [i for i in ids if (people[i]["number"] - 1) % 40 == offset and i not in have]
        rows = []
        for user_id in wanted:
            rng = _rng(seed, f"application-{cohort.pk}", people[user_id]["number"])
            person = people[user_id]
            submitted = rng.random() < 0.67
            when = now - timedelta(days=rng.randint(1, 60))
            rows.append(
                Application(
                    cohort=cohort,
                    applicant_id=user_id,
                    applicant_name=person["name"],
                    language=person["language"],
                    status=ApplicationStatus.SUBMITTED if submitted else ApplicationStatus.DRAFT,
                    organisation=person["organisation"],
                    role=words.headline(rng, "en")[:160],
                    country=person["country"],
                    region=region_for_country(person["country"]),
                    sector=person["sector"],
                    sector_family=sector_family(person["sector"]),
                    scope=rng.choice(Scope.values),
                    gender=rng.choice(Gender.values),
                    answers={},
                    submitted_at=when if submitted else None,
                    submission_count=1 if submitted else 0,
                )
            )
        with transaction.atomic():
            Application.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
            fresh = Application.objects.filter(
                cohort=cohort, applicant_id__in=wanted, status=ApplicationStatus.SUBMITTED
            ).select_related("theme")
            ApplicationSubmission.objects.bulk_create(
                [
                    ApplicationSubmission(
                        application=application,
                        number=1,
                        submitted_at=application.submitted_at,
                        data={**application.snapshot(), "files": {}},
                    )
                    for application in fresh.prefetch_related("files")
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )
        created += len(rows)
    return created


def seed_nominations(*, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    """Per demo award programme, one nomination per hundred scale members, of other
    scale members; most submitted, some drafts."""
    from awards.models import AwardProgrammePage, Nomination
    from awards.models.nominations import normalise
    from awards.models.pages import AwardCategory

    programmes = list(AwardProgrammePage.objects.filter(locale__language_code="en").order_by("pk"))
    if not programmes:
        if log:
            log(
                "  nominations skipped: the demo has no award programmes (seed_demo's awards step)."
            )
        return 0
    people = _scale_users()
    ids = sorted(people)
    created = 0
    for programme in programmes:
        categories = list(AwardCategory.objects.filter(page=programme).values_list("pk", flat=True))
        if not categories:
            continue
        have = set(
            Nomination.objects.filter(programme=programme).values_list("nominator_id", flat=True)
        )
        # One nominator in a hundred, chosen by member number, nominating any scale member
        # (with fewer than a hundred members, still one: the offset falls among them).
        offset = programme.pk % 100
        if offset >= len(ids):
            offset = programme.pk % len(ids)
        nominators = [i for i in ids if (people[i]["number"] - 1) % 100 == offset and i not in have]
        rows = []
        for nominator in nominators:
            rng = _rng(seed, f"nomination-{programme.pk}", people[nominator]["number"])
            nominee = rng.choice(ids)
            person = people[nominee]
            is_self = nominator == nominee
            submitted = rng.random() < 0.8
            rows.append(
                Nomination(
                    programme=programme,
                    category_id=rng.choice(categories),
                    nominator_id=nominator,
                    is_self=is_self,
                    nominee_name=person["name"],
                    organisation=person["organisation"],
                    country=person["country"],
                    sector=person["sector"],
                    nominee_user_id=nominee,
                    statements={"why": words.bio(rng, "en")},
                    status=Nomination.Status.SUBMITTED if submitted else Nomination.Status.DRAFT,
                    match_key=f"{normalise(person['name'])}|{normalise(person['organisation'])}"[
                        :330
                    ],
                    submitted_at=now - timedelta(days=rng.randint(1, 30)) if submitted else None,
                )
            )
        with transaction.atomic():
            Nomination.objects.bulk_create(rows, batch_size=1000)
        created += len(rows)
    return created


def seed_memberships(*, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    """Scale members in the demo's open and on-request groups: about one in three
    members joins one or two; a few wait for the hosts' answer."""
    from spaces.models import Membership, Space
    from spaces.models.spaces import Access

    spaces = list(
        Space.objects.filter(
            original__isnull=True,
            archived_at__isnull=True,
            access__in=[Access.OPEN, Access.REQUEST],
        )
        .order_by("pk")
        .values_list("pk", "access")
    )
    if not spaces:
        if log:
            log(
                "  group memberships skipped: the demo has no open groups (seed_demo's groups step)."
            )
        return 0
    ids = sorted(_scale_users())
    have = set(
        Membership.objects.filter(user__email__endswith=f"@{members.EMAIL_DOMAIN}").values_list(
            "space_id", "user_id"
        )
    )
    rows = []
    for user_id in ids:
        rng = _rng(seed, "groups", user_id)
        if rng.random() > 0.35:
            continue
        for space_id, access in rng.sample(spaces, min(len(spaces), rng.choice((1, 1, 2)))):
            if (space_id, user_id) in have:
                continue
            asked = access == Access.REQUEST and rng.random() < 0.2
            when = now - timedelta(days=rng.randint(1, 700))
            rows.append(
                Membership(
                    space_id=space_id,
                    user_id=user_id,
                    state=Membership.State.REQUESTED if asked else Membership.State.ACTIVE,
                    created_at=when,
                    joined_at=None if asked else when,
                )
            )
    with transaction.atomic():
        Membership.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


def seed_conversations(*, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    """Direct conversations between connected scale members, one per ten members, each
    with two to eight messages; returns the number of messages."""
    from community.models import Connection
    from home.text import formatted_html
    from messaging.models import Conversation, Message, Participant

    users = _scale_users()
    ids = set(users)
    pairs = sorted(
        (low, high)
        for low, high in Connection.objects.filter(
            user_low__email__endswith=f"@{members.EMAIL_DOMAIN}"
        ).values_list("user_low", "user_high")
        if high in ids
    )
    have = set(
        Conversation.objects.filter(
            kind=Conversation.Kind.DIRECT, pair_low__email__endswith=f"@{members.EMAIL_DOMAIN}"
        )
        .filter(Q(ended_at__isnull=True))
        .values_list("pair_low", "pair_high")
    )
    # One connection in twenty-five (about one conversation per ten members), chosen by
    # the pair itself, so that a larger run keeps the earlier choices.
    wanted = [
        p
        for p in pairs
        if p not in have and _rng(seed, "conversation-pick", f"{p[0]}-{p[1]}").random() < 0.04
    ]
    created = 0
    with Progress("conversations", len(wanted), quiet=quiet) as bar:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            plans = []
            for low, high in chunk:
                prng = _rng(seed, "conversation", f"{low}-{high}")
                begun = now - timedelta(days=prng.randint(1, 400), minutes=prng.randint(0, 1440))
                times = [begun]
                for _ in range(prng.randint(1, 7)):
                    times.append(times[-1] + timedelta(minutes=prng.randint(3, 3000)))
                plans.append((low, high, prng, times))
            with transaction.atomic():
                conversations = Conversation.objects.bulk_create(
                    [
                        Conversation(
                            kind=Conversation.Kind.DIRECT,
                            started_by_id=low,
                            pair_low_id=low,
                            pair_high_id=high,
                            created_at=times[0],
                            last_message_at=times[-1],
                        )
                        for low, high, _prng, times in plans
                    ],
                    batch_size=500,
                )
                if conversations[0].pk is None:
                    by_pair = {
                        (low, high): pk
                        for low, high, pk in Conversation.objects.filter(
                            kind=Conversation.Kind.DIRECT,
                            ended_at__isnull=True,
                            pair_low__in=[p[0] for p in chunk],
                        ).values_list("pair_low", "pair_high", "pk")
                    }
                    for conversation in conversations:
                        key = (conversation.pair_low_id, conversation.pair_high_id)
                        conversation.pk = by_pair[key]
                places, messages = [], []
                for conversation, (low, high, prng, times) in zip(
                    conversations, plans, strict=True
                ):
                    for user_id in (low, high):
                        places.append(
                            Participant(
                                conversation_id=conversation.pk,
                                user_id=user_id,
                                joined_at=times[0],
                                activity_at=times[-1],
                                last_read_at=times[-1]
                                if user_id == low or prng.random() < 0.7
                                else None,
                            )
                        )
                    for position, when in enumerate(times):
                        sender = (low, high)[position % 2]
                        language = users[sender]["language"]
                        body = words.bio(prng, language, sentences=prng.choice((1, 2)))
                        messages.append(
                            Message(
                                conversation_id=conversation.pk,
                                sender_id=sender,
                                body=body,
                                html=formatted_html(body, linkify=True),
                                language=language,
                                created_at=when,
                            )
                        )
                Participant.objects.bulk_create(places, batch_size=2000)
                Message.objects.bulk_create(messages, batch_size=2000)
            created += len(messages)
            bar.advance(len(chunk))
    return created


THREAD_TITLES = (
    "Who is working on {w} this year?",
    "Resources on {w} and {w2}",
    "Lessons from {w}: share yours",
    "Question about {w}",
    "{W}: a draft for comments",
)


def seed_threads(*, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    """Discussions in the groups scale members joined: a thread per fifty active scale
    members of a group, each with two to ten posts by its members; returns the posts.
    A larger run adds the threads the group's new members bring."""
    from home.text import formatted_html
    from spaces.models import Membership, Post, Thread

    domain = f"@{members.EMAIL_DOMAIN}"
    active = {}
    for space_id, user_id in (
        Membership.objects.filter(state=Membership.State.ACTIVE, user__email__endswith=domain)
        .order_by("space_id", "user_id")
        .values_list("space_id", "user_id")
    ):
        active.setdefault(space_id, []).append(user_id)
    if not active:
        return 0
    languages = dict(
        Membership.objects.filter(user__email__endswith=domain).values_list(
            "user_id", "user__preferred_language"
        )
    )
    have = {}
    for space_id in Thread.objects.filter(author__email__endswith=domain).values_list(
        "space_id", flat=True
    ):
        have[space_id] = have.get(space_id, 0) + 1
    created = 0
    for space_id, authors in active.items():
        wanted = -(-len(authors) // 50) - have.get(space_id, 0)  # one per fifty, rounded up
        if wanted <= 0:
            continue
        plans = []
        for number in range(have.get(space_id, 0) + 1, have.get(space_id, 0) + wanted + 1):
            rng = _rng(seed, f"thread-{space_id}", number)
            w, w2 = words.draw(rng, "en", 2)
            title = rng.choice(THREAD_TITLES).format(W=w.capitalize(), w=w, w2=w2)
            times = [now - timedelta(days=rng.randint(1, 300))]
            for _ in range(rng.randint(1, 9)):
                times.append(times[-1] + timedelta(minutes=rng.randint(10, 4000)))
            writers = [rng.choice(authors) for _ in times]
            plans.append((rng, title, times, writers))
        with transaction.atomic():
            threads = Thread.objects.bulk_create(
                [
                    Thread(
                        space_id=space_id,
                        author_id=writers[0],
                        title=title,
                        created_at=times[0],
                        last_post_at=times[-1],
                        post_count=len(times),
                    )
                    for _rng_, title, times, writers in plans
                ]
            )
            posts = []
            for thread, (rng, _title, times, writers) in zip(threads, plans, strict=True):
                for when, author in zip(times, writers, strict=True):
                    language = languages.get(author, "en")
                    body = words.bio(rng, language, sentences=rng.choice((1, 2, 3)))
                    posts.append(
                        Post(
                            thread_id=thread.pk,
                            author_id=author,
                            body=body,
                            html=formatted_html(body, linkify=True),
                            language=language,
                            created_at=when,
                        )
                    )
            Post.objects.bulk_create(posts, batch_size=2000)
        created += len(posts)
    return created
