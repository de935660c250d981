"""Pages benchmark (not a test): every listing's CPU per request at demo data and at scale
data, and anonymous pages served from the page cache, against a hello-world view measured
in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogc_pages \
        .venv/bin/python benchmarks/pages/bench_pages.py [--members 20000] [--events 1000] \
        [--stories 1000] [--requests 40]

It migrates the database and seeds the demo and measures; then runs ``seed_scale`` (each
time in a process of its own) twice: first to "full pages" (``FULL_PAGES``: just enough
that every listing's first pages are full, which the demo's are not: its English stories
index holds 3 cards), then to the sizes given, measuring after each. Each page is timed
through Django's test client in this process (the whole middleware stack, no network) in
turns with the hello-world view (``benchmarks.groups.bench_groups.measure``), so both see
the same load on a shared machine. A listing is flat when its CPU, as a multiple of hello
world, changes by less than 15 % from full pages to scale data: the same cards on the page,
fifty times the data behind them. The change from the demo is printed too; it also counts
the cards the demo's short pages do not have.

The cached run switches the page cache on and times anonymous GETs that it answers
(``X-Page-Cache: hit``), as requests per second relative to the hello-world view.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("CELERY_BROKER_URL", None)

MEMBER = "amina.diallo@example.org"
#: seed_scale's members, events and stories for the "full pages" size.
FULL_PAGES = (2000, 200, 200)


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. .../ogc_pages).")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", quiet=True)


def listings() -> list[tuple[str, str, bool]]:
    """(label, URL, signed in) for every listing a reader pages through."""
    return [
        ("home", "/en/", False),
        ("stories", "/en/stories/", False),
        ("stories, page 3", "/en/stories/?page=3", False),
        ("news", "/en/news/", False),
        ("resources", "/en/resources/", False),
        ("events, upcoming", "/en/events/", False),
        ("events, past", "/en/events/?when=past", False),
        ("themes", "/en/themes/", False),
        ("awards", "/en/awards/", False),
        ("members (visitor)", "/en/members/", False),
        ("members (signed in)", "/en/members/", True),
        ("members, search 'budget' (signed in)", "/en/members/?q=budget", True),
        ("members, page 10 (signed in)", "/en/members/?page=10", True),
        ("groups", "/en/groups/", False),
        ("site search 'budget'", "/en/search/?q=budget", False),
        ("my space", "/en/me/", True),
        ("network", "/en/community/network/", True),
    ]


def measure_all(requests: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from benchmarks.groups.bench_groups import measure

    visitor, member = Client(), Client()
    member.force_login(get_user_model().objects.get(email=MEMBER))
    found = {}
    for label, url, signed_in in listings():
        client = member if signed_in else visitor
        page, hello = measure(client, url, requests)
        if page["status"] == 200:
            page["calls"] = python_calls(client, url)
        found[label] = (page, hello)
    return found


def python_calls(client, url: str, requests: int = 3) -> int:
    """Python function calls per request (cProfile's count): unlike time, the same on a
    loaded machine as on a quiet one, so it shows work that grows with the data even
    where the timings are noisy."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        client.get(url)
    profile.disable()
    return pstats.Stats(profile).total_calls // requests


def cached(requests: int) -> list[tuple[str, float, float]]:
    """(page, page req/s, hello req/s) for anonymous pages answered from the page cache."""
    from django.test import Client, override_settings

    from benchmarks.groups.bench_groups import measure

    rows = []
    with override_settings(PAGE_CACHE_ENABLED=True):
        client = Client()
        for label, url, signed_in in listings():
            if signed_in:
                continue
            client.get(url)
            if client.get(url).headers.get("X-Page-Cache") != "hit":
                rows.append((label, 0.0, 0.0))
                continue
            page, hello = measure(client, url, requests)
            rows.append((label, 1000 / page["wall"], 1000 / hello["wall"]))
    return rows


def seed_scale(members: int, events: int, stories: int) -> None:
    """``seed_scale`` in a process of its own, as it runs on a server: what the seeder
    leaves in memory must not weigh on this process's timings (the garbage collector
    walks it). Larger numbers add the difference to what is there."""
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "seed_scale",
            f"--members={members}",
            f"--events={events}",
            f"--stories={stories}",
            "--quiet",
        ],
        check=True,
        cwd=ROOT,
    )


def relative(page: dict, hello: dict) -> float:
    """The page's CPU as a multiple of the hello-world view timed beside it."""
    return page["cpu"] / max(hello["cpu"], 0.001)


def change(before: tuple[dict, dict], after: tuple[dict, dict]) -> str:
    """The change in CPU between two sizes, as multiples of hello world, so that the
    machine's load at the two moments cancels out."""
    if before[0]["status"] != 200 or after[0]["status"] != 200:
        return "n/a"
    first, second = relative(*before), relative(*after)
    return f"{(second - first) / first * 100:+.0f} %"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    setup_django()
    from django.test import override_settings

    with override_settings(ROOT_URLCONF="benchmarks.groups.hello_urls", ALLOWED_HOSTS=["*"]):
        demo = measure_all(args.requests)
        # Full pages: enough data for every listing's first pages to be full (the demo's
        # English stories index holds 3 cards, its past events 4), so that comparing with
        # the scale data isolates what the size of the data costs from what the number
        # of cards on a page costs (at most one page's worth, by construction).
        seed_scale(*FULL_PAGES)
        full = measure_all(args.requests)
        seed_scale(args.members, args.events, args.stories)
        scale = measure_all(args.requests)
        hits = cached(args.requests)
    print(
        "| listing | queries demo / full / scale | HTML kB demo / full / scale | "
        "CPU ms demo / full / scale | change full → scale (× hello) | "
        "change demo → scale (× hello) | Python calls full / scale | wall p95 ms (scale) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, small in demo.items():
        sizes = (small, full[label], scale[label])
        if any(page["status"] != 200 for page, _hello in sizes):
            statuses = " / ".join(str(page["status"]) for page, _hello in sizes)
            print(f"| {label} | HTTP {statuses}: not timed | | | | | | |")
            continue
        queries = " / ".join(str(page["queries"]) for page, _hello in sizes)
        kb = " / ".join(f"{page['kb']:.1f}" for page, _hello in sizes)
        cpu = " / ".join(f"{page['cpu']:.1f}" for page, _hello in sizes)
        before, after = sizes[1][0]["calls"], sizes[2][0]["calls"]
        calls = f"{before:,} / {after:,} ({(after - before) / before * 100:+.1f} %)"
        print(
            f"| {label} | {queries} | {kb} | {cpu} | {change(sizes[1], sizes[2])} | "
            f"{change(sizes[0], sizes[2])} | {calls} | {sizes[2][0]['wall_p95']:.1f} |"
        )
    print()
    print("| anonymous page, cached | req/s | hello req/s | share of hello |")
    print("| --- | ---: | ---: | ---: |")
    for label, page, hello in hits:
        if not page:
            print(f"| {label} | not answered from the cache | | |")
            continue
        print(f"| {label} | {page:.0f} | {hello:.0f} | {page / hello * 100:.0f} % |")
    hellos = [h for size in (demo, full, scale) for _p, h in size.values() if h]
    if hellos:
        print(
            "hello world (median over the pages): "
            f"{statistics.median(h['wall'] for h in hellos):.2f} ms wall, "
            f"{statistics.median(h['cpu'] for h in hellos):.2f} ms CPU"
        )


if __name__ == "__main__":
    main()
