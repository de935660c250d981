"""Messaging benchmark (not a test): the inbox of a member with 1,000 conversations and a
conversation of 10,000 messages, against a hello-world view measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogc_messages \
        .venv/bin/python benchmarks/messaging/bench_messaging.py [--conversations 1000] \
        [--messages 10000] [--requests 60]

It migrates the database, builds the data with bulk inserts (once: a second run reuses
it), then times signed-in GETs through Django's test client in this process (the whole
middleware stack, no network), after 5 warm-up requests each: wall time and CPU time per
request (median and p95), the SQL queries per request, and each as a ratio to the
hello-world view. The same pages at a tenth of the data show whether the cost grows.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("CELERY_BROKER_URL", None)


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. .../ogc_messages).")
    call_command("migrate", verbosity=0, interactive=False)


def build(prefix: str, conversations: int, messages: int):
    """A member (``<prefix>-owner``) in ``conversations`` direct conversations of 3
    messages each, one of which holds ``messages`` messages. Returns (owner, big)."""
    from django.utils import timezone

    from community.models import Connection, User
    from messaging.models import Conversation, Message, Participant

    owner = User.objects.filter(email=f"{prefix}-owner@example.org").first()
    if owner is not None:
        return owner, _largest(owner)
    owner = User.objects.create(email=f"{prefix}-owner@example.org", name=f"{prefix} owner")
    owner.profile.display_name = "Benchmark Owner"
    owner.profile.save()
    User.objects.bulk_create(
        [User(email=f"{prefix}-{n}@example.org", name=f"Peer {n}") for n in range(conversations)]
    )
    peers = list(User.objects.filter(email__startswith=f"{prefix}-").exclude(pk=owner.pk))
    from community.models import Profile

    Profile.objects.bulk_create(
        [Profile(user=p, display_name=p.name) for p in peers], ignore_conflicts=True
    )
    Connection.objects.bulk_create(
        [
            Connection(user_low_id=min(owner.pk, p.pk), user_high_id=max(owner.pk, p.pk))
            for p in peers
        ],
        ignore_conflicts=True,
    )
    start = timezone.now() - timedelta(days=400)
    convs = Conversation.objects.bulk_create(
        [
            Conversation(
                kind="direct",
                started_by=p,
                pair_low_id=min(owner.pk, p.pk),
                pair_high_id=max(owner.pk, p.pk),
                created_at=start + timedelta(minutes=n),
                last_message_at=start + timedelta(minutes=n, seconds=30),
            )
            for n, p in enumerate(peers)
        ]
    )
    places = []
    for n, (c, p) in enumerate(zip(convs, peers, strict=True)):
        at = start + timedelta(minutes=n, seconds=30)
        places.append(
            Participant(conversation=c, user=owner, joined_at=c.created_at, activity_at=at)
        )
        places.append(
            Participant(
                conversation=c, user=p, joined_at=c.created_at, activity_at=at, last_read_at=at
            )
        )
    Participant.objects.bulk_create(places, batch_size=2000)
    rows = []
    for n, (c, p) in enumerate(zip(convs, peers, strict=True)):
        for k in range(3):
            body = f"Message {k} about open contracting and beneficial ownership, number {n}."
            rows.append(
                Message(
                    conversation=c,
                    sender=p if k % 2 == 0 else owner,
                    body=body,
                    html=f"<p>{body}</p>",
                    language="en",
                    created_at=start + timedelta(minutes=n, seconds=10 * k),
                )
            )
    Message.objects.bulk_create(rows, batch_size=5000)
    big, peer = convs[-1], peers[-1]
    at = timezone.now() - timedelta(days=30)
    rows = []
    for k in range(messages):
        body = f"Long thread message {k}: notes on the **action plan** and https://example.org/{k}"
        rows.append(
            Message(
                conversation=big,
                sender=peer if k % 2 else owner,
                body=body,
                html=f"<p>Long thread message {k}: notes on the <strong>action plan</strong></p>",
                language="fr" if k % 3 else "es",
                created_at=at + timedelta(seconds=k),
            )
        )
    Message.objects.bulk_create(rows, batch_size=5000)
    Conversation.objects.filter(pk=big.pk).update(last_message_at=timezone.now())
    Participant.objects.filter(conversation=big).update(activity_at=timezone.now())
    return owner, big


def _largest(owner):
    from django.db.models import Count

    from messaging.models import Conversation

    return (
        Conversation.objects.filter(participants__user=owner)
        .annotate(n=Count("messages"))
        .order_by("-n")
        .first()
    )


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection

    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    walls, cpus = [], []
    # Counted with an execute wrapper: the request's own reset_queries() empties the log
    # that CaptureQueriesContext reads.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: (queries.append(sql), execute(sql, *a))[1]
    ):
        client.get(url)
    for _ in range(requests):
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    walls.sort()
    cpus.sort()
    return {
        "wall": statistics.median(walls) * 1000,
        "wall_p95": walls[int(len(walls) * 0.95) - 1] * 1000,
        "cpu": statistics.median(cpus) * 1000,
        "queries": len(queries),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    setup_django()
    from django.test import Client, override_settings

    sizes = [
        ("small", max(args.conversations // 10, 1), max(args.messages // 10, 1)),
        ("full", args.conversations, args.messages),
    ]
    built = {name: build(f"bench-{name}-{c}-{m}", c, m) for name, c, m in sizes}
    with override_settings(ROOT_URLCONF="benchmarks.messaging.hello_urls", ALLOWED_HOSTS=["*"]):
        rows = []
        for (_name, c, m), (owner, big) in zip(sizes, built.values(), strict=True):
            client = Client()
            client.force_login(owner)
            hello = measure(client, "/hello/", args.requests)
            for label, url in [
                (f"inbox, {c:,} conversations", "/en/messages/"),
                (
                    f"inbox page 10, {c:,} conversations",
                    "/en/messages/?page=10" if c >= 200 else "/en/messages/",
                ),
                (f"conversation, {m:,} messages", f"/en/messages/{big.pk}/"),
                (f"search, {c:,} conversations", "/en/messages/?q=beneficial"),
            ]:
                result = measure(client, url, args.requests)
                rows.append((label, result, hello))
    print("| page | wall ms (p50) | p95 | CPU ms | × hello wall | × hello CPU | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, r, h in rows:
        print(
            f"| {label} | {r['wall']:.1f} | {r['wall_p95']:.1f} | {r['cpu']:.1f} | "
            f"{r['wall'] / h['wall']:.1f} | {r['cpu'] / max(h['cpu'], 0.001):.1f} | {r['queries']} |"
        )
    print(f"hello world: {rows[0][2]['wall']:.2f} ms wall, {rows[0][2]['cpu']:.2f} ms CPU")


if __name__ == "__main__":
    main()
