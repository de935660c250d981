"""Scale members: accounts, verified addresses, profiles, themes and connections.

Member ``n`` is ``scale-0000n@scale.example.org``; everything about them (name, sector,
country, bio, privacy levels, connections) comes from a random generator seeded with
``(seed, n)``, so the same ``n`` is always the same person and a larger run only adds the
new members and their connections. Rows go in with ``bulk_create``: no signal fires, so
nobody is notified and no welcome email leaves.
"""

import random
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from allauth.account.models import EmailAddress

from community.models import Connection, OpenTo, Profile, User, Visibility
from home.demo.scale import words
from home.demo.scale.progress import Progress
from home.models import Theme
from home.taxonomy import Sector, region_for_country


def _split(text: str) -> list[str]:
    """The words of a list written as text, one or more a line."""
    return text.split()


EMAIL_DOMAIN = "scale.example.org"
#: Every scale member signs in with this password (one hash, computed once per run).
PASSWORD = "scale-member-2026"
CHUNK = 2000
#: Average connections per member (each connection counts for both of its members).
CONNECTIONS_PER_MEMBER = 5

V = Visibility
#: Who may see the profile: 60 % members, 25 % everyone, 10 % connections, 5 % nobody,
#: dealt out in this order of twenty so that any twenty members in a row have the mix.
PROFILE_VISIBILITY = (
    (V.MEMBERS,) * 3
    + (V.PUBLIC, V.MEMBERS, V.CONNECTIONS, V.MEMBERS, V.PUBLIC)
    + (V.MEMBERS, V.HIDDEN, V.MEMBERS, V.PUBLIC, V.MEMBERS, V.MEMBERS, V.CONNECTIONS)
    + (V.PUBLIC, V.MEMBERS, V.MEMBERS, V.PUBLIC, V.MEMBERS)
)
FIELDS = ("organisation", "location", "photo", "links")

#: Country, weight, cities, language of the member (most members write English).
COUNTRIES = (
    ("SN", 4, ("Dakar", "Thiès", "Saint-Louis"), "fr"),
    ("NG", 5, ("Abuja", "Lagos", "Kano"), "en"),
    ("KE", 5, ("Nairobi", "Mombasa", "Kisumu"), "en"),
    ("GH", 3, ("Accra", "Kumasi"), "en"),
    ("CI", 3, ("Abidjan", "Bouaké"), "fr"),
    ("CM", 2, ("Yaoundé", "Douala"), "fr"),
    ("CD", 2, ("Kinshasa", "Lubumbashi"), "fr"),
    ("ZA", 3, ("Johannesburg", "Cape Town", "Durban"), "en"),
    ("TN", 2, ("Tunis", "Sfax"), "fr"),
    ("MA", 2, ("Rabat", "Casablanca"), "fr"),
    ("JO", 1, ("Amman",), "en"),
    ("LB", 1, ("Beirut",), "fr"),
    ("CO", 5, ("Bogotá", "Medellín", "Cali"), "es"),
    ("MX", 5, ("Ciudad de México", "Guadalajara", "Oaxaca"), "es"),
    ("AR", 4, ("Buenos Aires", "Córdoba", "Mendoza"), "es"),
    ("PE", 3, ("Lima", "Arequipa"), "es"),
    ("CL", 2, ("Santiago", "Valparaíso"), "es"),
    ("GT", 2, ("Ciudad de Guatemala",), "es"),
    ("BR", 4, ("São Paulo", "Recife", "Brasília"), "en"),
    ("US", 4, ("Washington", "New York", "Chicago"), "en"),
    ("CA", 2, ("Ottawa", "Montréal", "Toronto"), "en"),
    ("PH", 4, ("Manila", "Quezon City", "Cebu"), "en"),
    ("ID", 4, ("Jakarta", "Bandung", "Surabaya"), "en"),
    ("IN", 4, ("New Delhi", "Mumbai", "Bengaluru"), "en"),
    ("NP", 1, ("Kathmandu",), "en"),
    ("KR", 1, ("Seoul",), "en"),
    ("AU", 1, ("Canberra", "Sydney"), "en"),
    ("FR", 4, ("Paris", "Lyon", "Marseille"), "fr"),
    ("ES", 4, ("Madrid", "Barcelona", "Sevilla"), "es"),
    ("GB", 3, ("London", "Manchester", "Edinburgh"), "en"),
    ("DE", 2, ("Berlin", "Hamburg"), "en"),
    ("IT", 2, ("Rome", "Milan"), "en"),
    ("UA", 3, ("Kyiv", "Lviv"), "en"),
    ("GE", 1, ("Tbilisi",), "en"),
    ("MD", 1, ("Chișinău",), "en"),
    ("BE", 1, ("Brussels",), "fr"),
)
SECTORS = (
    (Sector.CIVIL_SOCIETY, 28),
    (Sector.NATIONAL_GOVERNMENT, 16),
    (Sector.LOCAL_GOVERNMENT, 14),
    (Sector.ACADEMIA, 10),
    (Sector.MEDIA, 7),
    (Sector.PARLIAMENT, 5),
    (Sector.OVERSIGHT, 5),
    (Sector.SOCIAL_MOVEMENT, 5),
    (Sector.MULTILATERAL, 4),
    (Sector.PRIVATE_SECTOR, 4),
    (Sector.JUDICIARY, 2),
)
#: Organisation patterns per sector and language: {w} a word, {c} a city, {a} an acronym.
ORGANISATIONS = {
    Sector.CIVIL_SOCIETY: {
        "en": ("{W} Watch {c}", "Open {W} Initiative", "{a} Foundation", "Centre for {W}"),
        "fr": ("Observatoire {w} de {c}", "Association {a}", "Collectif {w} et {w2}"),
        "es": ("Observatorio de {w} de {c}", "Fundación {a}", "Red por {w}"),
    },
    Sector.NATIONAL_GOVERNMENT: {
        "en": ("Ministry of {W}", "National {W} Agency", "Office of the {W} Commissioner"),
        "fr": ("Ministère {w}", "Agence nationale {a}", "Direction générale {w}"),
        "es": ("Ministerio de {w}", "Secretaría de {w}", "Agencia Nacional {a}"),
    },
    Sector.LOCAL_GOVERNMENT: {
        "en": ("{c} City Council", "{c} County", "Municipality of {c}"),
        "fr": ("Mairie de {c}", "Conseil départemental de {c}", "Ville de {c}"),
        "es": ("Alcaldía de {c}", "Municipalidad de {c}", "Gobierno de {c}"),
    },
    Sector.ACADEMIA: {
        "en": ("University of {c}", "{c} Institute of {W}", "{a} Research Lab"),
        "fr": ("Université de {c}", "Institut {a}", "Laboratoire {w}"),
        "es": ("Universidad de {c}", "Instituto {a}", "Centro de estudios de {w}"),
    },
    Sector.MEDIA: {
        "en": ("{c} Post", "{a} Media", "The {W} Desk"),
        "fr": ("Le Journal de {c}", "{a} Médias", "Radio {c}"),
        "es": ("Diario de {c}", "{a} Noticias", "Radio {c}"),
    },
    Sector.PARLIAMENT: {
        "en": ("National Assembly", "Parliamentary {W} Committee", "Senate"),
        "fr": ("Assemblée nationale", "Commission {w}", "Sénat"),
        "es": ("Congreso", "Comisión de {w}", "Asamblea Legislativa"),
    },
    Sector.OVERSIGHT: {
        "en": ("Supreme Audit Office", "{W} Ombudsman", "Anti-Corruption Commission"),
        "fr": ("Cour des comptes", "Médiateur {w}", "Autorité {a}"),
        "es": ("Contraloría General", "Defensoría de {w}", "Auditoría Superior"),
    },
    Sector.SOCIAL_MOVEMENT: {
        "en": ("{W} Now", "{c} for {W}", "Movement {a}"),
        "fr": ("Mouvement {a}", "{c} en lutte", "Collectif {w}"),
        "es": ("Movimiento {a}", "{c} por {w}", "Colectivo {w}"),
    },
    Sector.MULTILATERAL: {
        "en": ("{a} Development Bank", "{W} Fund", "{a} Partnership"),
        "fr": ("Fonds {a}", "Agence {a}", "Partenariat {w}"),
        "es": ("Banco {a}", "Fondo {a}", "Alianza por {w}"),
    },
    Sector.PRIVATE_SECTOR: {
        "en": ("{a} Consulting", "{W}Tech Ltd", "{a} Analytics"),
        "fr": ("{a} Conseil", "{a} Solutions", "Cabinet {a}"),
        "es": ("{a} Consultores", "{a} Soluciones", "{a} Datos"),
    },
    Sector.JUDICIARY: {
        "en": ("High Court of {c}", "Judicial Council", "{c} Court of Appeal"),
        "fr": ("Tribunal de {c}", "Cour d’appel de {c}", "Conseil de la magistrature"),
        "es": ("Tribunal de {c}", "Corte Suprema", "Consejo de la Judicatura"),
    },
}
FIRST_NAMES = {
    "en": _split(
        "Amara Grace James Mei Priya Rizal Hannah Olena Kwame Aisha Daniel Sara Tomás "
        "Nkechi David Lina Samuel Ruth Arjun Anjali Joseph Esther Kofi Maria Ivan Ana Peter "
        "Zara Musa Leila Thabo Yuki Chen Omar Nadia Ahmed Fatima Paolo Emma Noah"
    ),
    "fr": _split(
        "Amina Fatou Jean Claire Inès Moussa Awa Youssef Camille Élodie Mamadou Aïcha "
        "Pierre Sophie Ibrahima Nadia Hugo Chloé Ousmane Mariam Louis Adama Léa Karim "
        "Salimata Thomas Yasmine Julien Aminata Marc"
    ),
    "es": _split(
        "Lucía Carlos Valentina Andrés Ana Elena Diego Camila Mateo Sofía Javier "
        "Isabel Luis Gabriela Pablo Daniela Jorge Paula Miguel Carmen Ricardo Natalia "
        "Felipe Rosa Sebastián Laura Alejandro Marta Tomás Verónica"
    ),
}
LAST_NAMES = {
    "en": _split(
        "Okoro Wanjiru Smith Tanaka Sharma Santoso Kovalenko Mensah Ali Otieno "
        "Johnson Reyes Adeyemi Chen Kim Singh Park Nguyen Cruz Brown Osei Mwangi Patel "
        "Hassan Novak Silva Williams Ibrahim Murray Achieng"
    ),
    "fr": _split(
        "Diallo Ndiaye Dubois Moreau Traoré Benali Haddad Sow Koné Martin Bernard "
        "Camara Fall Petit Diop Lefèvre Mbeki Girard Cissé Mercier Touré Laurent Sy Blanc "
        "Keita Garnier Ba Faure Kaboré Roux"
    ),
    "es": _split(
        "Fernández Rojas Mendoza Gómez Vargas Reyes López Martínez García Torres "
        "Ramírez Flores Castro Morales Ortiz Herrera Medina Ruiz Díaz Álvarez Romero Navarro "
        "Vega Silva Guerrero Cabrera Molina Paredes Rivas Salazar"
    ),
}


def email_for(number: int) -> str:
    return f"scale-{number:05d}@{EMAIL_DOMAIN}"


def number_of(email: str) -> int:
    return int(email.split("@", 1)[0].removeprefix("scale-"))


def weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def _rng(seed: int, number: int, part: str = "") -> random.Random:
    return random.Random(f"{seed}:{number}:{part}")  # noqa: S311 (demo data, not secrets)


def person(seed: int, number: int) -> dict:
    """Everything about scale member ``number``, always the same for the same seed."""
    rng = _rng(seed, number)
    country, _weight, cities, language = weighted(rng, [(c, c[1]) for c in COUNTRIES])
    # A few write in a language other than their country's.
    if rng.random() < 0.15:
        language = rng.choice(words.LANGUAGES)
    first, last = rng.choice(FIRST_NAMES[language]), rng.choice(LAST_NAMES[language])
    sector = weighted(rng, SECTORS)
    city = rng.choice(cities) if rng.random() < 0.85 else ""
    org_words = words.draw(rng, language, 2)
    pattern = rng.choice(ORGANISATIONS[sector][language])
    organisation = pattern.format(
        w=org_words[0],
        w2=org_words[1],
        W=org_words[0].capitalize(),
        c=city or cities[0],
        a=rng.choice(words.acronyms()),
    )
    visibility = PROFILE_VISIBILITY[(number * 7) % len(PROFILE_VISIBILITY)]
    audiences = {}
    for field in FIELDS:
        # Mostly the profile's own level; sometimes a narrower one (never wider).
        level = visibility
        if rng.random() < 0.3:
            level = rng.choice([v for v in Visibility.values if v <= visibility])
        audiences[f"{field}_visibility"] = level
    spoken = list(dict.fromkeys([language, *rng.sample(("en", "fr", "es", "pt", "ar"), 1)]))
    return {
        "number": number,
        "email": email_for(number),
        "name": f"{first} {last}",
        "language": language,
        "sector": sector,
        "country": country,
        "city": city,
        "organisation": organisation[:160] if rng.random() < 0.9 else "",
        "headline": words.headline(rng, language)[:160],
        "bio": words.bio(rng, language) if rng.random() < 0.9 else "",
        "visibility": visibility,
        "audiences": audiences,
        "languages": spoken,
        "open_to": rng.sample(OpenTo.values, rng.choice((0, 1, 1, 2))),
        "allow_search_engines": visibility == V.PUBLIC and rng.random() < 0.5,
        "theme_count": rng.choice((0, 1, 2, 2, 3)),
        "joined_days_ago": rng.randint(0, 3 * 365),
    }


def after_bulk_profiles(ids: list[int]) -> None:
    """Called with the ids of the profiles just bulk-inserted (``save()`` did not run).

    The hook point for what a profile's ``save()`` or signals would have kept up to date,
    such as a search vector; nothing to do yet."""


def existing_numbers() -> dict[int, int]:
    """Scale member number -> user id, in one query."""
    rows = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("email", "pk")
    return {number_of(email): pk for email, pk in rows}


def _create_chunk(people: list[dict], *, password: str, themes: list, now: datetime) -> None:
    users = [
        User(
            email=p["email"],
            name=p["name"],
            first_name=p["name"].split(" ", 1)[0],
            last_name=p["name"].split(" ", 1)[1],
            preferred_language=p["language"],
            password=password,
            date_joined=now - timedelta(days=p["joined_days_ago"]),
        )
        for p in people
    ]
    User.objects.bulk_create(users, batch_size=1000, ignore_conflicts=True)
    ids = dict(
        User.objects.filter(email__in=[p["email"] for p in people]).values_list("email", "pk")
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=ids[p["email"]], email=p["email"], verified=True, primary=True)
            for p in people
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    have_profile = set(
        Profile.objects.filter(user_id__in=ids.values()).values_list("user_id", flat=True)
    )
    profiles = [
        Profile(
            user_id=ids[p["email"]],
            display_name=p["name"],
            headline=p["headline"],
            organisation=p["organisation"],
            sector=p["sector"],
            country=p["country"],
            city=p["city"],
            region=region_for_country(p["country"]),
            languages=p["languages"],
            bio=p["bio"],
            open_to=p["open_to"],
            visibility=p["visibility"],
            allow_search_engines=p["allow_search_engines"],
            **p["audiences"],
        )
        for p in people
        if ids[p["email"]] not in have_profile
    ]
    Profile.objects.bulk_create(profiles, batch_size=1000)
    created = dict(
        Profile.objects.filter(user_id__in=[p.user_id for p in profiles]).values_list(
            "user_id", "pk"
        )
    )
    if themes:
        through = Profile.themes.through
        links = []
        for p in people:
            profile_id = created.get(ids[p["email"]])
            if profile_id is None:
                continue
            rng = _rng(0, p["number"], "themes")
            for theme in rng.sample(themes, min(p["theme_count"], len(themes))):
                links.append(through(profile_id=profile_id, theme_id=theme))
        through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
    after_bulk_profiles(sorted(created.values()))


def seed_members(*, count: int, seed: int, now: datetime, quiet: bool = True) -> int:
    """Make sure scale members 1..count exist; returns how many were created."""
    existing = existing_numbers()
    missing = [n for n in range(1, count + 1) if n not in existing]
    # A member whose profile is missing (an interrupted run) is completed too.
    profiled = set(
        Profile.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}").values_list(
            "user_id", flat=True
        )
    )
    incomplete = [n for n, pk in existing.items() if n <= count and pk not in profiled]
    todo = sorted(set(missing) | set(incomplete))
    if not todo:
        return 0
    password = make_password(PASSWORD)
    themes = list(
        Theme.objects.filter(locale__language_code="en").order_by("pk").values_list("pk", flat=True)
    )
    with Progress("members", len(todo), quiet=quiet) as bar:
        for start in range(0, len(todo), CHUNK):
            chunk = [person(seed, n) for n in todo[start : start + CHUNK]]
            with transaction.atomic():
                _create_chunk(chunk, password=password, themes=themes, now=now)
            bar.advance(len(chunk))
    return len(missing)


def desired_connections(seed: int, count: int) -> Iterable[tuple[int, int]]:
    """The connections between scale members 1..count, as (earlier, later) numbers.

    Member ``n`` connects to a few members who joined before them, so the pairs of ``n``
    do not depend on ``count``: a larger run keeps every earlier pair. Early members are
    chosen more often (a few well-connected people, many with one or two), and more than
    half of the pairs share a region."""
    by_region: dict[str, list[int]] = {}
    for n in range(1, count + 1):
        rng = _rng(seed, n, "connections")
        region = region_for_country(person_country(seed, n))
        earlier = by_region.setdefault(region, [])
        wanted = min(n - 1, round(rng.expovariate(2 / CONNECTIONS_PER_MEMBER)))
        chosen = set()
        for _ in range(wanted):
            if earlier and rng.random() < 0.6:
                other = earlier[int(len(earlier) * rng.random() ** 2)]
            else:
                other = 1 + int((n - 1) * rng.random() ** 2)
            if other != n:
                chosen.add(other)
        for other in sorted(chosen):
            yield other, n
        earlier.append(n)


def person_country(seed: int, number: int) -> str:
    """The country of member ``number`` (the first draw of ``person``), cheaply."""
    rng = _rng(seed, number)
    return weighted(rng, [(c, c[1]) for c in COUNTRIES])[0]


def seed_connections(*, count: int, seed: int, quiet: bool = True) -> int:
    ids = existing_numbers()
    scale_ids = set(ids.values())
    existing = set()
    for low, high in (
        Connection.objects.filter(user_low__email__endswith=f"@{EMAIL_DOMAIN}")
        .values_list("user_low", "user_high")
        .iterator(chunk_size=10000)
    ):
        if high in scale_ids:
            existing.add((low, high))
    new = []
    for a, b in desired_connections(seed, count):
        if a in ids and b in ids:
            pair = Connection.ordered(ids[a], ids[b])
            if pair not in existing:
                existing.add(pair)
                new.append(Connection(user_low_id=pair[0], user_high_id=pair[1]))
    with Progress("connections", len(new), quiet=quiet) as bar:
        for start in range(0, len(new), 5000):
            with transaction.atomic():
                Connection.objects.bulk_create(
                    new[start : start + 5000], batch_size=1000, ignore_conflicts=True
                )
            bar.advance(len(new[start : start + 5000]))
    return len(new)
