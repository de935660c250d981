"""Groups benchmark (not a test): a thread of 5,000 posts and a list of 500 groups, against
a hello-world view measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogc_groups \
        .venv/bin/python benchmarks/groups/bench_groups.py [--groups 500] [--posts 5000] \
        [--requests 40]

It migrates the database, builds the data with bulk inserts (once: a second run reuses
it), then times signed-in GETs through Django's test client in this process (the whole
middleware stack, no network), after 5 warm-up requests each: wall time and CPU time per
request (median and p95), the SQL queries per request, and each as a ratio to the
hello-world view, timed in turns with each page (one request of each per round) so that
both see the same load on a shared machine. The same pages at a tenth of the data show whether the cost grows.

Pages: the thread (first page, and the last page, asked for with an out-of-range page
number that ``Paginator.get_page`` answers with the last one), the group page, the list of
groups (``/en/groups/``) and a filtered search on it (``?kind=thematic&q=budget``).
A page that does not answer 200 is reported with its status and not timed (the views are
built by other parts at the same time).
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

#: Words the group names are made of; "Budget" is one name in ten (the search).
WORDS = [
    "Budget",
    "Procurement",
    "Justice",
    "Climate",
    "Parliament",
    "Participation",
    "Integrity",
    "Data",
    "Services",
    "Media",
]
PEERS = 60


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. .../ogc_groups).")
    call_command("migrate", verbosity=0, interactive=False)


def build(prefix: str, groups: int, posts: int):
    """A member (``<prefix>-owner``) in a tenth of ``groups`` groups (open, on request, by
    invitation, a few secret), each with a few members, and in one open group with 20
    threads, one of which holds ``posts`` posts by 60 authors. Returns (owner, space,
    thread)."""
    from django.utils import timezone

    from wagtail.models import Locale

    from community.models import Profile, User
    from home.text import formatted_html
    from spaces.models import Membership, Post, Space, Thread, ThreadSubscription

    owner = User.objects.filter(email=f"{prefix}-owner@example.org").first()
    if owner is not None:
        space = Space.objects.get(slug=f"{prefix}-big")
        return owner, space, space.threads.order_by("-post_count").first()
    owner = User.objects.create(email=f"{prefix}-owner@example.org", name=f"{prefix} owner")
    owner.profile.display_name = "Benchmark Owner"
    owner.profile.save()
    User.objects.bulk_create(
        [User(email=f"{prefix}-{n}@example.org", name=f"Peer {n}") for n in range(PEERS)]
    )
    peers = list(User.objects.filter(email__startswith=f"{prefix}-").exclude(pk=owner.pk))
    Profile.objects.bulk_create(
        [Profile(user=p, display_name=p.name) for p in peers], ignore_conflicts=True
    )
    locale = Locale.get_default()
    accesses = ["open"] * 12 + ["request"] * 5 + ["invitation"] * 2 + ["secret"]
    spaces = Space.objects.bulk_create(
        [
            Space(
                locale=locale,
                name=f"{WORDS[n % len(WORDS)]} {'network' if n % 2 else 'coalition'} {n}",
                description=f"Reformers working on {WORDS[(n * 7) % len(WORDS)].lower()} "
                "reforms, sharing what worked and what did not.",
                slug=f"{prefix}-{n}",
                kind="thematic" if (n // 10) % 2 else "coalition",
                access=accesses[n % len(accesses)],
                region=["africa_middle_east", "americas", "asia_pacific", "europe", ""][n % 5],
            )
            for n in range(groups - 1)
        ]
        + [
            Space(
                locale=locale,
                name="Open contracting network",
                description="The benchmark's big group.",
                slug=f"{prefix}-big",
                kind="coalition",
                access="open",
            )
        ]
    )
    now = timezone.now()
    rows = []
    for n, space in enumerate(spaces):
        members = [peers[(n + k) % len(peers)] for k in range(3 + n % 6)]
        if n % 10 == 0 or space.slug.endswith("-big"):
            members.append(owner)
        for k, user in enumerate(members):
            rows.append(
                Membership(
                    space=space,
                    user=user,
                    state="active",
                    role="host" if k == 0 else "member",
                    created_at=now,
                    joined_at=now,
                )
            )
    big = spaces[-1]
    rows += [
        Membership(space=big, user=p, state="active", created_at=now, joined_at=now)
        for p in peers[9:]
    ]
    Membership.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    start = now - timedelta(days=200)
    threads = Thread.objects.bulk_create(
        [
            Thread(
                space=big,
                author=peers[k],
                title=f"Thread {k}: publishing contract amendments",
                created_at=start + timedelta(days=k),
                last_post_at=start + timedelta(days=k, hours=1),
                post_count=2,
            )
            for k in range(19)
        ]
    )
    long = Thread.objects.create(
        space=big,
        author=owner,
        title="The long thread: red flags in public procurement",
        created_at=start,
        last_post_at=now,
        post_count=posts,
    )
    short = []
    for thread in threads:
        for k in range(2):
            body = f"Post {k} in {thread.title}: notes on **open contracting**."
            short.append(
                Post(
                    thread=thread,
                    author=peers[k],
                    body=body,
                    html=formatted_html(body),
                    language="en",
                    created_at=thread.created_at + timedelta(minutes=k),
                )
            )
    Post.objects.bulk_create(short, batch_size=5000)
    html = formatted_html(
        "Notes on the **action plan**, see https://example.org/plan", linkify=True
    )
    authors = [owner, *peers]
    Post.objects.bulk_create(
        [
            Post(
                thread=long,
                author=authors[k % len(authors)],
                body=f"Post {k}: notes on the **action plan**, see https://example.org/plan",
                html=html,
                language=("en", "fr", "es")[k % 3],
                quote_text="An earlier post, quoted." if k % 10 == 5 else "",
                created_at=start + timedelta(minutes=k),
            )
            for k in range(posts)
        ],
        batch_size=5000,
    )
    ThreadSubscription.objects.bulk_create(
        [ThreadSubscription(thread=long, user=u, state="follow") for u in authors],
        ignore_conflicts=True,
    )
    return owner, big, long


def _timed(client, url: str) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    client.get(url)
    return time.perf_counter() - wall, time.process_time() - cpu


def _summary(walls: list[float], cpus: list[float]) -> dict:
    walls, cpus = sorted(walls), sorted(cpus)
    return {
        "wall": statistics.median(walls) * 1000,
        "wall_p95": walls[max(int(len(walls) * 0.95) - 1, 0)] * 1000,
        "cpu": statistics.median(cpus) * 1000,
    }


def measure(client, url: str, requests: int, hello_url: str = "/hello/") -> tuple[dict, dict]:
    """The page and the hello-world view, timed in turns (one request of each per
    round), so both see the same load on a shared machine. Returns (page, hello)."""
    from django.db import connection

    response = client.get(url)
    if response.status_code != 200:
        return {"status": response.status_code}, {}
    for _ in range(4):
        client.get(url)
        client.get(hello_url)
    # Counted with an execute wrapper: the request's own reset_queries() empties the log
    # that CaptureQueriesContext reads.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: (queries.append(sql), execute(sql, *a))[1]
    ):
        client.get(url)
    page, hello = ([], []), ([], [])
    for _ in range(requests):
        for timings, target in ((page, url), (hello, hello_url)):
            wall, cpu = _timed(client, target)
            timings[0].append(wall)
            timings[1].append(cpu)
    return {
        "status": 200,
        "queries": len(queries),
        "kb": len(response.content) / 1024,
        **_summary(*page),
    }, _summary(*hello)


def pages(groups: int, posts: int, space, thread) -> list[tuple[str, str]]:
    base = f"/en/groups/{space.slug}/"
    return [
        (f"thread, {posts:,} posts, first page", f"{base}discussions/{thread.pk}/"),
        (f"thread, {posts:,} posts, last page", f"{base}discussions/{thread.pk}/?page=999999"),
        ("group page", base),
        (f"groups list, {groups:,} groups", "/en/groups/"),
        (f"groups search, {groups:,} groups", "/en/groups/?kind=thematic&q=budget"),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=500)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    setup_django()
    from django.test import Client, override_settings
    from django.utils import timezone

    from spaces.models import Space

    sizes = [
        ("small", max(args.groups // 10, 2), max(args.posts // 10, 1)),
        ("full", args.groups, args.posts),
    ]
    built = {f"bench-{name}-{g}-{p}": build(f"bench-{name}-{g}-{p}", g, p) for name, g, p in sizes}
    rows = []
    with override_settings(ROOT_URLCONF="benchmarks.groups.hello_urls", ALLOWED_HOSTS=["*"]):
        for (_name, g, p), (prefix, (owner, space, thread)) in zip(
            sizes, built.items(), strict=True
        ):
            # Only this size's groups are listed: the other size's are archived meanwhile.
            Space.objects.filter(slug__startswith="bench-").update(archived_at=timezone.now())
            Space.objects.filter(slug__startswith=f"{prefix}-").update(archived_at=None)
            client = Client()
            client.force_login(owner)
            for label, url in pages(g, p, space, thread):
                rows.append((label, *measure(client, url, args.requests)))
    print("| page | wall ms (p50) | p95 | CPU ms | × hello wall | × hello CPU | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, r, h in rows:
        if r["status"] != 200:
            print(f"| {label} | HTTP {r['status']}: not timed | | | | | |")
            continue
        print(
            f"| {label} | {r['wall']:.1f} | {r['wall_p95']:.1f} | {r['cpu']:.1f} | "
            f"{r['wall'] / h['wall']:.1f} | {r['cpu'] / max(h['cpu'], 0.001):.1f} | {r['queries']} |"
        )
    hellos = [h for _label, r, h in rows if r["status"] == 200]
    if hellos:
        print(
            "hello world (median over the pages): "
            f"{statistics.median(h['wall'] for h in hellos):.2f} ms wall, "
            f"{statistics.median(h['cpu'] for h in hellos):.2f} ms CPU"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
