"""Pages benchmark (not a test): every listing's CPU per request at demo data and at scale
data, and anonymous pages served from the page cache, against a hello-world view measured
in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogc_pages \
        .venv/bin/python benchmarks/pages/bench_pages.py [--members 20000] [--events 1000] \
        [--stories 1000] [--requests 40]

It migrates the database and seeds the demo, measures, then runs ``seed_scale`` (in a
process of its own) with the
sizes given (idempotent: a second run reuses the data) and measures again. Each page is
timed through Django's test client in this process (the whole middleware stack, no
network) in turns with the hello-world view (``benchmarks.groups.bench_groups.measure``),
so both see the same load on a shared machine. The table gives CPU per request at both
sizes and the change between them; a listing is flat when the change stays within 15 %.

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
        ("stories, page 5", "/en/stories/?page=5", False),
        ("news", "/en/news/", False),
        ("resources", "/en/resources/", False),
        ("events, upcoming", "/en/events/", False),
        ("events, past", "/en/events/?when=past", False),
        ("themes", "/en/themes/", False),
        ("awards", "/en/awards/", False),
        ("members (visitor)", "/en/members/", False),
        ("members (signed in)", "/en/members/", True),
        ("members, search 'budget' (signed in)", "/en/members/?q=budget", True),
        ("members, page 50 (signed in)", "/en/members/?page=50", True),
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
    return {
        label: measure(member if signed_in else visitor, url, requests)
        for label, url, signed_in in listings()
    }


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
        # In its own process, as it runs on a server: what the seeder leaves in memory
        # must not weigh on this process's timings (the garbage collector walks it).
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "seed_scale",
                f"--members={args.members}",
                f"--events={args.events}",
                f"--stories={args.stories}",
                "--quiet",
            ],
            check=True,
            cwd=ROOT,
        )
        scale = measure_all(args.requests)
        hits = cached(args.requests)
    print(
        "| listing | queries demo / scale | CPU ms demo | CPU ms scale | "
        "change (× hello) | × hello CPU (scale) | wall p95 ms (scale) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, (small, small_hello) in demo.items():
        big, big_hello = scale[label]
        if small["status"] != 200 or big["status"] != 200:
            print(f"| {label} | HTTP {small['status']} / {big['status']}: not timed | | | | | |")
            continue
        # As multiples of the hello-world view timed beside each, so that the machine's
        # load at the two moments cancels out.
        before = small["cpu"] / max(small_hello["cpu"], 0.001)
        after = big["cpu"] / max(big_hello["cpu"], 0.001)
        change = (after - before) / before * 100
        print(
            f"| {label} | {small['queries']} / {big['queries']} | {small['cpu']:.1f} | "
            f"{big['cpu']:.1f} | {change:+.0f} % | {after:.1f}"
            f" | {big['wall_p95']:.1f} |"
        )
    print()
    print("| anonymous page, cached | req/s | hello req/s | share of hello |")
    print("| --- | ---: | ---: | ---: |")
    for label, page, hello in hits:
        if not page:
            print(f"| {label} | not answered from the cache | | |")
            continue
        print(f"| {label} | {page:.0f} | {hello:.0f} | {page / hello * 100:.0f} % |")
    hellos = [h for _p, h in demo.values() if h] + [h for _p, h in scale.values() if h]
    if hellos:
        print(
            "hello world (median over the pages): "
            f"{statistics.median(h['wall'] for h in hellos):.2f} ms wall, "
            f"{statistics.median(h['cpu'] for h in hellos):.2f} ms CPU"
        )


if __name__ == "__main__":
    main()
