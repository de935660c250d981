"""Directory benchmark (not a test): full-text search at 20,000 members, against a
hello-world view measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogc_search_bench \
        .venv/bin/python benchmarks/directory/bench_directory.py [--members 20000] \
        [--requests 60] [--explain]

It migrates the database, seeds the demo (``seed_demo``, idempotent), then adds
``--members`` members with bulk inserts (once: a second run reuses them): names drawn
from 160 given names and 160 family names, bios of 25-60 words from a 2,000-word
vocabulary with a few topic words, so that a common word ("procurement") matches a few
per cent of members, not most of them; audiences mixed (60 % public, 28 % members,
8 % connections only, 4 % only me; the organisation and location audiences vary too).
The signed-in viewer has 50 connections.

Then it times GETs through Django's test client in this process (the whole middleware
stack, no network), after 5 warm-up requests each, anonymous and signed in: the directory
with no query, a common word, a two-word name, filters with text; median and p95 wall
time, SQL queries, and ratios to the hello-world view. ``--explain`` prints EXPLAIN
(ANALYZE, BUFFERS) of the search and count queries of the common word, signed in.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("CELERY_BROKER_URL", None)

PREFIX = "bench-dir"


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


GIVEN = _words(
    "Amina Ana Andrés Anh Aroha Ayesha Bea Bilal Carmen Chen Chidi Chloé Dana Daniel Dara "
    "David Diego Dina Elena Emeka Emma Fatima Felipe Femi Fiona Gabriel Gloria Grace Hana "
    "Hassan Hugo Ibrahim Ines Ivan Jamal Jana Javier Jin Joana Jonas Jorge Juan Julia Kamal "
    "Karin Kemal Kenji Khadija Kofi Lara Laura Léa Leila Lina Lucas Lucía Luis Maja Malik "
    "Marco María Marta Mateo Maya Mehmet Mei Miguel Mira Mohammed Nadia Nia Nico Nina Noor "
    "Olga Omar Oscar Pablo Paula Pedro Priya Rafael Rahul Rana Raúl Rita Rosa Ruth Sami "
    "Sara Selin Sergio Sofía Sipho Sunita Tamar Tanvir Teresa Thabo Tomás Uma Valeria "
    "Vera Victor Wanjiru Wei Yara Yasmin Yusuf Zainab Zara Zeynep Adaeze Bongani Carla "
    "Dmitri Esra Farah Gustavo Hiroshi Ilse Jelena Kwame Lindiwe Mariam Nkechi Olamide "
    "Paolo Quang Rania Sandra Tariq Ulla Vusi Wiremu Ximena Yohannes Zodwa Abena Bruno "
    "Cyril Delia Ebru Fadi Gita Heba Imran Jesús Kasia Lwazi Mona Nuno Oksana Pilar Rui"
)
FAMILY = _words(
    "Abebe Acheampong Adeyemi Agarwal Ahmed Alvarez Andersen Aoki Banda Barbosa Becker "
    "Bello Bianchi Castillo Chakraborty Chavez Cohen Costa Da Silva Dlamini Dubois Eze "
    "Fernández Fischer Flores García Gomes González Gupta Haddad Hansen Hernández Hoang "
    "Hussain Ibrahim Ito Jensen Kamau Kaya Khan Kim Koch Kowalski Kumar Laurent Lee "
    "Lopez Mahlangu Martin Martínez Mensah Mendes Meyer Moreau Morales Moyo Mwangi Nakamura "
    "Nguyen Novak Nwosu Obi Odhiambo Okafor Okonkwo Olsen Ortiz Otieno Öztürk Park Patel "
    "Pereira Petrov Phiri Popescu Quispe Rahman Ramírez Reyes Richter Rivera Rodríguez "
    "Rossi Ruiz Sánchez Santos Sato Schmidt Schneider Shah Silva Singh Sithole Smith "
    "Suárez Suzuki Tanaka Tran Torres Traoré Tshabalala Usman Van Dijk Vargas Vasquez "
    "Wagner Wang Watanabe Weber Wójcik Yamamoto Yilmaz Yusuf Zhang Zulu Achieng Bakr "
    "Cárdenas Diallo Essien Farouk Gashi Hakimi Iyer Jovanović Karimi Lindqvist Mbeki "
    "Nair Ochieng Pham Qureshi Rojas Sow Tembo Umar Villa Waweru Xu Yadav Zapata Appiah"
)
TOPIC = _words(
    "procurement transparency budget parliament accountability anticorruption contracting "
    "ownership fiscal audit oversight legislative justice elections land extractives "
    "climate health education water digital data openness participation civic"
)
ORGS = _words(
    "Ministry of Finance|Open Contracting Partnership|Transparency Network|City Hall|"
    "National Audit Office|Civic Tech Lab|Budget Watch|Parliament Office|Data Desk|"
    "Integrity Institute|Land Rights Forum|Public Health Agency",
    sep="|",
)
CITIES = _words("Nairobi Lagos Lima Manila Paris Madrid Accra Bogotá Jakarta Tunis Kyiv Oaxaca")
COUNTRIES = _words("KE NG PE PH FR ES GH CO ID TN UA MX")
SECTORS = ["national_government", "civil_society", "media", "oversight", "academia"]


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. .../ogc_search_bench).")
    call_command("migrate", verbosity=0, interactive=False)
    from community.models import DirectoryPage

    if not DirectoryPage.objects.live().exists():
        call_command("seed_demo", verbosity=0)


def _vocabulary(rng) -> list[str]:
    letters = "abcdefghijklmnoprstuvwyz"
    words = set()
    while len(words) < 2000:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(4, 10))))
    return sorted(words)


def build(members: int):
    """``members`` members (once) and a viewer with 50 connections; returns the viewer."""
    from community.models import Connection, Profile, User, Visibility

    viewer = User.objects.filter(email=f"{PREFIX}-viewer@example.org").first()
    if viewer is not None and User.objects.filter(email__startswith=f"{PREFIX}-").count() > members:
        return viewer
    from home.models import Theme
    from home.taxonomy import region_for_country

    rng = random.Random(2026)
    vocabulary = _vocabulary(rng)
    viewer = viewer or User.objects.create(email=f"{PREFIX}-viewer@example.org", name="Viewer")
    existing = User.objects.filter(email__startswith=f"{PREFIX}-").count() - 1
    users = User.objects.bulk_create(
        [
            User(email=f"{PREFIX}-{n}@example.org", name=f"Member {n}")
            for n in range(existing, members)
        ],
        batch_size=2000,
    )
    audiences = (
        [Visibility.PUBLIC] * 60
        + [Visibility.MEMBERS] * 28
        + [Visibility.CONNECTIONS] * 8
        + [Visibility.HIDDEN] * 4
    )
    field_audiences = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.CONNECTIONS]
    rows = []
    for user in users:
        words = rng.choices(vocabulary, k=rng.randint(25, 60))
        # Each topic word in about 3 % of bios ("procurement" is the common word).
        words += [t for t in TOPIC if rng.random() < 0.03]
        rng.shuffle(words)
        at = rng.randrange(len(COUNTRIES))
        rows.append(
            Profile(
                user=user,
                display_name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                headline=" ".join(rng.choices(vocabulary, k=4)).capitalize(),
                organisation=rng.choice(ORGS),
                sector=rng.choice(SECTORS),
                country=COUNTRIES[at],
                region=region_for_country(COUNTRIES[at]),
                city=CITIES[at],
                languages=rng.sample(["en", "fr", "es", "pt", "sw", "ar"], 2),
                bio=" ".join(words).capitalize() + ".",
                visibility=rng.choice(audiences),
                organisation_visibility=rng.choice(field_audiences),
                location_visibility=rng.choice(field_audiences),
            )
        )
    # Profiles may already exist (a signal creates one per user): replace them.
    Profile.objects.filter(user__in=users).delete()
    Profile.objects.bulk_create(rows, batch_size=2000)
    themes = list(Theme.objects.filter(locale__language_code="en"))
    through = Profile.themes.through
    through.objects.bulk_create(
        [
            through(profile_id=p.pk, theme_id=rng.choice(themes).pk)
            for p in Profile.objects.filter(user__in=users).only("pk")
        ],
        batch_size=5000,
    )
    peers = users[:50]
    Connection.objects.bulk_create(
        [
            Connection(user_low_id=min(viewer.pk, p.pk), user_high_id=max(viewer.pk, p.pk))
            for p in peers
        ],
        ignore_conflicts=True,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return viewer


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection

    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: (queries.append(sql), execute(sql, *a))[1]
    ):
        client.get(url)
    walls = []
    for _ in range(requests):
        wall = time.perf_counter()
        client.get(url)
        walls.append(time.perf_counter() - wall)
    walls.sort()
    return {
        "p50": statistics.median(walls) * 1000,
        "p95": walls[max(int(len(walls) * 0.95) - 1, 0)] * 1000,
        "queries": len(queries),
    }


def explain(viewer, params: dict) -> None:
    """EXPLAIN ANALYZE of the page's search query and of its capped count."""
    from django.db import connection

    from community.directory import filtered_profiles
    from community.search_vectors import AUDIENCES
    from home.pagination import CappedPaginator

    data = dict(params)
    qs = filtered_profiles(viewer, data).select_related("user").defer(*AUDIENCES)
    paginator = CappedPaginator(qs, 20)
    for label, query in [
        ("page 1", qs[:20]),
        ("count", paginator.object_list.order_by().values("pk")[: paginator.cap + 1]),
    ]:
        sql, sql_params = query.query.sql_with_params()
        if label == "count":
            sql = f"SELECT COUNT(*) FROM ({sql}) subquery"
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, sql_params)
            print(f"--- EXPLAIN ANALYZE, {label}, {params}")
            for (line,) in cursor.fetchall():
                print(line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    setup_django()
    from django.test import Client, override_settings

    from community.models import DirectoryPage, Profile

    started = time.perf_counter()
    viewer = build(args.members)
    print(
        f"data ready in {time.perf_counter() - started:.1f} s: {Profile.objects.count():,} profiles"
    )
    url = DirectoryPage.objects.live().filter(locale__language_code="en").first().url
    name = Profile.objects.filter(user__email__startswith=f"{PREFIX}-", visibility=30).first()
    two_words = name.display_name
    cases = [
        ("no query", {}),
        ("common word", {"q": "procurement"}),
        ("two-word name", {"q": two_words}),
        (
            "filters + text",
            {"q": "budget", "region": "africa_middle_east", "sector": "civil_society"},
        ),
    ]
    with override_settings(ROOT_URLCONF="benchmarks.messaging.hello_urls", ALLOWED_HOSTS=["*"]):
        from urllib.parse import urlencode

        rows = []
        for who in ["anonymous", "signed in"]:
            client = Client()
            if who == "signed in":
                client.force_login(viewer)
            hello = measure(client, "/hello/", args.requests)
            rows.append((who, "hello world", hello, hello))
            for label, params in cases:
                target = url + ("?" + urlencode(params) if params else "")
                rows.append((who, label, measure(client, target, args.requests), hello))
    print(f"two-word name: {two_words!r}")
    print("| viewer | page | p50 ms | p95 ms | × hello p50 | × hello p95 | queries |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for who, label, r, h in rows:
        print(
            f"| {who} | {label} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p50'] / h['p50']:.1f} | {r['p95'] / h['p95']:.1f} | {r['queries']} |"
        )
    if args.explain:
        for _label, params in cases[1:]:
            explain(viewer, params)


if __name__ == "__main__":
    main()
