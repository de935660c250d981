"""Demo members: a few dozen reformers across sectors, countries, languages and every
privacy level, some already connected, and the member directory in three languages.

Idempotent: members are found by email, profiles are filled only while still blank,
connections and pages are created only when missing.
"""

from django.db import transaction

from wagtail.models import Locale

from allauth.account.models import EmailAddress

from community.models import Connection, DirectoryPage, Profile, User, Visibility
from home.models import HomePage, SiteSettings, Theme

PASSWORD = "member-demo-2026"  # the same as home's demo members
P, M, C, H = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.CONNECTIONS, Visibility.HIDDEN

# email, name, language, sector, country, city, organisation, headline (in the member's
# language), themes, languages spoken, open to, visibility, {field audiences}
MEMBERS = [
    (
        "amina.diallo@example.org",
        "Amina Diallo",
        "fr",
        "civil_society",
        "SN",
        "Dakar",
        "Forum Civil Sénégal",
        "Je suis le financement politique et la transparence des marchés publics au Sénégal.",
        ["anti-corruption", "access-to-information"],
        ["fr", "en"],
        ["mentoring", "peer_exchange"],
        P,
        {},
    ),
    (
        "lucia.fernandez@example.org",
        "Lucía Fernández",
        "es",
        "local_government",
        "CO",
        "Medellín",
        "Alcaldía de Medellín",
        "Coordino presupuestos participativos en los barrios de Medellín.",
        ["participation-inclusion", "fiscal-openness"],
        ["es", "en"],
        ["peer_exchange", "speaking"],
        M,
        {},
    ),
    (
        "james.okoro@example.org",
        "James Okoro",
        "en",
        "national_government",
        "NG",
        "Abuja",
        "Bureau of Public Procurement",
        "I lead Nigeria's open contracting portal and its data standard.",
        ["anti-corruption", "digital-governance"],
        ["en", "yo"],
        ["speaking", "peer_exchange"],
        M,
        {"organisation_visibility": C},
    ),
    (
        "mei.tanaka@example.org",
        "Mei Tanaka",
        "en",
        "academia",
        "JP",
        "Tokyo",
        "University of Tokyo",
        "Researching how open data changes local budgets in Asia.",
        ["fiscal-openness", "digital-governance"],
        ["ja", "en"],
        ["mentoring"],
        P,
        {},
    ),
    (
        "sofia.rossi@example.org",
        "Sofia Rossi",
        "en",
        "media",
        "IT",
        "Milan",
        "IrpiMedia",
        "Investigative journalist covering lobbying and beneficial ownership.",
        ["anti-corruption"],
        ["it", "en", "fr"],
        ["media"],
        M,
        {"location_visibility": C},
    ),
    (
        "fatou.ndiaye@example.org",
        "Fatou Ndiaye",
        "fr",
        "parliament",
        "SN",
        "Dakar",
        "Assemblée nationale du Sénégal",
        "Députée, je défends une loi d’accès à l’information depuis 2019.",
        ["access-to-information", "civic-space"],
        ["fr", "en"],
        ["speaking"],
        P,
        {},
    ),
    (
        "jean.mbeki@example.org",
        "Jean-Paul Mbeki",
        "fr",
        "oversight",
        "CI",
        "Abidjan",
        "Cour des comptes",
        "Auditeur, je publie les rapports de la Cour en données ouvertes.",
        ["fiscal-openness", "anti-corruption"],
        ["fr"],
        ["peer_exchange"],
        M,
        {},
    ),
    (
        "claire.dubois@example.org",
        "Claire Dubois",
        "fr",
        "national_government",
        "FR",
        "Paris",
        "Direction interministérielle du numérique",
        "Je coordonne le plan d’action national pour un gouvernement ouvert.",
        ["digital-governance", "public-services"],
        ["fr", "en", "es"],
        ["mentoring", "speaking"],
        P,
        {},
    ),
    (
        "youssef.benali@example.org",
        "Youssef Benali",
        "fr",
        "civil_society",
        "MA",
        "Rabat",
        "Association Transparence Maroc",
        "Je forme les jeunes à suivre les budgets communaux.",
        ["fiscal-openness", "participation-inclusion"],
        ["ar", "fr"],
        ["mentoring"],
        C,
        {},
    ),
    (
        "aicha.traore@example.org",
        "Aïcha Traoré",
        "fr",
        "social_movement",
        "ML",
        "Bamako",
        "Collectif des femmes rurales",
        "Je porte la voix des femmes rurales dans les plans locaux.",
        ["participation-inclusion", "civic-space"],
        ["fr"],
        ["peer_exchange"],
        H,
        {},
    ),
    (
        "marc.lefevre@example.org",
        "Marc Lefèvre",
        "fr",
        "judiciary",
        "BE",
        "Bruxelles",
        "Tribunal de première instance",
        "Juge, je travaille sur l’ouverture des décisions de justice.",
        ["justice", "access-to-information"],
        ["fr", "en"],
        ["speaking"],
        M,
        {"organisation_visibility": C},
    ),
    (
        "nadia.haddad@example.org",
        "Nadia Haddad",
        "fr",
        "media",
        "TN",
        "Tunis",
        "Inkyfada",
        "Journaliste de données, j’enquête sur les marchés publics.",
        ["anti-corruption", "access-to-information"],
        ["ar", "fr", "en"],
        ["media", "peer_exchange"],
        M,
        {"location_visibility": H, "photo_visibility": H},
    ),
    (
        "carlos.mendoza@example.org",
        "Carlos Mendoza",
        "es",
        "national_government",
        "MX",
        "Ciudad de México",
        "Secretaría de la Función Pública",
        "Impulso la publicación de contratos en formato abierto.",
        ["anti-corruption", "digital-governance"],
        ["es", "en"],
        ["speaking"],
        P,
        {},
    ),
    (
        "valentina.rojas@example.org",
        "Valentina Rojas",
        "es",
        "civil_society",
        "CL",
        "Santiago",
        "Fundación Ciudadanía Inteligente",
        "Trabajo en participación digital y consultas públicas.",
        ["participation-inclusion", "digital-governance"],
        ["es", "en", "pt"],
        ["mentoring", "peer_exchange"],
        P,
        {},
    ),
    (
        "diego.torres@example.org",
        "Diego Torres",
        "es",
        "parliament",
        "PE",
        "Lima",
        "Congreso de la República",
        "Asesor legislativo en transparencia y lobby.",
        ["anti-corruption"],
        ["es", "qu"],
        ["peer_exchange"],
        M,
        {},
    ),
    (
        "camila.souza@example.org",
        "Camila Souza",
        "es",
        "oversight",
        "BR",
        "Brasília",
        "Controladoria-Geral da União",
        "Audito el gasto público y sus datos abiertos.",
        ["fiscal-openness"],
        ["pt", "es", "en"],
        ["mentoring"],
        M,
        {},
    ),
    (
        "andres.gomez@example.org",
        "Andrés Gómez",
        "es",
        "social_movement",
        "GT",
        "Ciudad de Guatemala",
        "Red Ciudadana",
        "Defiendo el espacio cívico y a quienes lo defienden.",
        ["civic-space", "justice"],
        ["es"],
        ["peer_exchange"],
        C,
        {"organisation_visibility": C, "location_visibility": C},
    ),
    (
        "maria.lopez@example.org",
        "María López",
        "es",
        "local_government",
        "ES",
        "Madrid",
        "Ayuntamiento de Madrid",
        "Dirijo el portal de transparencia municipal.",
        ["access-to-information", "public-services"],
        ["es", "en"],
        ["speaking", "mentoring"],
        P,
        {},
    ),
    (
        "elena.vargas@example.org",
        "Elena Vargas",
        "es",
        "academia",
        "AR",
        "Buenos Aires",
        "Universidad de Buenos Aires",
        "Investigo la justicia abierta en América Latina.",
        ["justice"],
        ["es", "en"],
        ["mentoring"],
        M,
        {},
    ),
    (
        "roberto.silva@example.org",
        "Roberto Silva",
        "es",
        "private_sector",
        "UY",
        "Montevideo",
        "Datos Abiertos Consultores",
        "Ayudo a gobiernos a publicar datos útiles.",
        ["digital-governance"],
        ["es", "pt"],
        ["peer_exchange"],
        H,
        {},
    ),
    (
        "isabel.castro@example.org",
        "Isabel Castro",
        "es",
        "multilateral",
        "PA",
        "Ciudad de Panamá",
        "Banco de Desarrollo Regional",
        "Financio proyectos de integridad en la región.",
        ["anti-corruption", "fiscal-openness"],
        ["es", "en"],
        ["speaking"],
        M,
        {"links_visibility": C},
    ),
    (
        "grace.wanjiru@example.org",
        "Grace Wanjiru",
        "en",
        "civil_society",
        "KE",
        "Nairobi",
        "Mzalendo Trust",
        "Tracking parliament and making its work readable for citizens.",
        ["access-to-information", "participation-inclusion"],
        ["en", "sw"],
        ["mentoring", "media"],
        P,
        {},
    ),
    (
        "samuel.mensah@example.org",
        "Samuel Mensah",
        "en",
        "local_government",
        "GH",
        "Accra",
        "Accra Metropolitan Assembly",
        "Bringing citizens into local budget hearings.",
        ["fiscal-openness", "participation-inclusion"],
        ["en"],
        ["peer_exchange"],
        M,
        {},
    ),
    (
        "priya.sharma@example.org",
        "Priya Sharma",
        "en",
        "academia",
        "IN",
        "New Delhi",
        "Centre for Policy Research",
        "Researching right-to-information requests at scale.",
        ["access-to-information"],
        ["hi", "en"],
        ["mentoring", "speaking"],
        M,
        {},
    ),
    (
        "rizal.santoso@example.org",
        "Rizal Santoso",
        "en",
        "national_government",
        "ID",
        "Jakarta",
        "Ministry of Administrative Reform",
        "Running Indonesia's public service complaints platform.",
        ["public-services", "digital-governance"],
        ["id", "en"],
        ["peer_exchange"],
        M,
        {},
    ),
    (
        "ana.reyes@example.org",
        "Ana Reyes",
        "en",
        "civil_society",
        "PH",
        "Manila",
        "Right to Know, Right Now!",
        "Campaigning for a freedom of information law.",
        ["access-to-information", "civic-space"],
        ["tl", "en"],
        ["media", "speaking"],
        C,
        {},
    ),
    (
        "olena.kovalenko@example.org",
        "Olena Kovalenko",
        "en",
        "oversight",
        "UA",
        "Kyiv",
        "National Agency on Corruption Prevention",
        "Verifying asset declarations of public officials.",
        ["anti-corruption"],
        ["uk", "en"],
        ["speaking"],
        M,
        {"location_visibility": C},
    ),
    (
        "tom.becker@example.org",
        "Tom Becker",
        "en",
        "media",
        "DE",
        "Berlin",
        "CORRECTIV",
        "Data editor working on climate finance tracking.",
        ["climate-action", "fiscal-openness"],
        ["de", "en"],
        ["media"],
        P,
        {},
    ),
    (
        "hannah.smith@example.org",
        "Hannah Smith",
        "en",
        "multilateral",
        "GB",
        "London",
        "Open Contracting Partners",
        "Helping cities publish procurement data people use.",
        ["anti-corruption", "public-services"],
        ["en", "fr"],
        ["mentoring"],
        M,
        {},
    ),
    (
        "lars.nilsson@example.org",
        "Lars Nilsson",
        "en",
        "national_government",
        "SE",
        "Stockholm",
        "Swedish Agency for Digital Government",
        "Opening up climate and environment data.",
        ["climate-action", "digital-governance"],
        ["en"],
        ["peer_exchange"],
        M,
        {},
    ),
    (
        "kemal.yilmaz@example.org",
        "Kemal Yılmaz",
        "en",
        "social_movement",
        "TR",
        "Izmir",
        "",
        "Organising neighbourhood assemblies on public services.",
        ["civic-space", "public-services"],
        ["tr", "en"],
        ["peer_exchange"],
        H,
        {},
    ),
    (
        "zainab.ali@example.org",
        "Zainab Ali",
        "en",
        "judiciary",
        "PK",
        "Lahore",
        "Lahore High Court",
        "Working on court data and access to justice for women.",
        ["justice", "participation-inclusion"],
        ["ur", "en"],
        ["mentoring"],
        C,
        {"organisation_visibility": H},
    ),
    (
        "michael.chen@example.org",
        "Michael Chen",
        "en",
        "private_sector",
        "AU",
        "Melbourne",
        "CivicTech Lab",
        "Building open-source tools for beneficial ownership registers.",
        ["anti-corruption", "digital-governance"],
        ["en", "zh"],
        ["peer_exchange", "speaking"],
        P,
        {},
    ),
    (
        "leila.haidari@example.org",
        "Leila Haidari",
        "en",
        "civil_society",
        "JO",
        "Amman",
        "Open Budget Jordan",
        "Climate budgets and public participation in the Middle East.",
        ["climate-action", "fiscal-openness"],
        ["ar", "en"],
        ["mentoring"],
        M,
        {},
    ),
    (
        "pierre.nkurunziza@example.org",
        "Pierre Nkurunziza",
        "fr",
        "local_government",
        "RW",
        "Kigali",
        "Ville de Kigali",
        "J’ouvre les données des services municipaux.",
        ["public-services", "digital-governance"],
        ["fr", "en"],
        ["peer_exchange"],
        M,
        {},
    ),
    (
        "ines.moreau@example.org",
        "Inès Moreau",
        "fr",
        "academia",
        "CA",
        "Montréal",
        "Université de Montréal",
        "Je recherche l’effet des consultations publiques sur le climat.",
        ["climate-action", "participation-inclusion"],
        ["fr", "en"],
        ["mentoring", "speaking"],
        P,
        {},
    ),
]

CONNECTIONS = [
    ("amina.diallo@example.org", "james.okoro@example.org"),
    ("amina.diallo@example.org", "fatou.ndiaye@example.org"),
    ("amina.diallo@example.org", "youssef.benali@example.org"),
    ("lucia.fernandez@example.org", "valentina.rojas@example.org"),
    ("lucia.fernandez@example.org", "carlos.mendoza@example.org"),
    ("lucia.fernandez@example.org", "andres.gomez@example.org"),
    ("james.okoro@example.org", "grace.wanjiru@example.org"),
    ("james.okoro@example.org", "hannah.smith@example.org"),
    ("mei.tanaka@example.org", "rizal.santoso@example.org"),
    ("sofia.rossi@example.org", "nadia.haddad@example.org"),
    ("sofia.rossi@example.org", "olena.kovalenko@example.org"),
    ("claire.dubois@example.org", "ines.moreau@example.org"),
    ("ana.reyes@example.org", "priya.sharma@example.org"),
    ("zainab.ali@example.org", "elena.vargas@example.org"),
]

DIRECTORY = {
    "en": (
        "Members",
        "members",
        "<p>Find reformers by country, sector, theme and language. You only see what each member chose to share with you.</p>",
    ),
    "fr": (
        "Membres",
        "membres",
        "<p>Trouvez des réformateurs par pays, secteur, thème et langue. Vous ne voyez que ce que chaque membre a choisi de vous montrer.</p>",
    ),
    "es": (
        "Miembros",
        "miembros",
        "<p>Encuentra a personas reformistas por país, sector, tema e idioma. Solo ves lo que cada persona eligió compartir contigo.</p>",
    ),
}


def _directory(log) -> None:
    from home.demo.seed import publish, translate_page

    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale=en).first()
    if home is None:
        return
    page = DirectoryPage.objects.filter(locale=en).first()
    if page is None:
        title, slug, intro = DIRECTORY["en"]
        page = DirectoryPage(title=title, slug=slug, intro=intro, locale=en)
        home.add_child(instance=page)
        publish(page)
        log("Created the member directory.")
    pages = {"en": page}
    for code in ("fr", "es"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        translated = page.get_translation_or_none(locale)
        if translated is None:
            title, slug, intro = DIRECTORY[code]
            translated = translate_page(page, locale, title=title, slug=slug, intro=intro)
        pages[code] = translated
    # A "Members" link in each language's main navigation, once.
    for code, directory in pages.items():
        row = SiteSettings.objects.filter(locale__language_code=code).first()
        if row is None:
            continue
        linked = any(
            block.block_type == "link"
            and getattr(block.value.get("page"), "pk", None) == directory.pk
            for block in row.navigation
        )
        if not linked:
            row.navigation.append(("link", {"label": "", "page": directory, "url": ""}))
            row.save()


@transaction.atomic
def seed(log) -> None:
    themes = {t.slug: t for t in Theme.objects.filter(locale__language_code="en")}
    users = {}
    created = 0
    for (
        email,
        name,
        language,
        sector,
        country,
        city,
        org,
        headline,
        theme_slugs,
        spoken,
        open_to,
        visibility,
        audiences,
    ) in MEMBERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=PASSWORD, name=name, preferred_language=language
            )
            created += 1
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
        profile = Profile.objects.get(user=user)
        if profile.headline:
            continue  # already filled in (by us or by the member): leave it alone
        profile.display_name = name
        profile.headline = headline
        profile.organisation = org
        profile.sector = sector
        profile.country = country
        profile.city = city
        profile.languages = spoken
        profile.open_to = open_to
        profile.visibility = visibility
        for field in ("organisation", "location", "photo", "links"):
            value = audiences.get(f"{field}_visibility", visibility)
            setattr(profile, f"{field}_visibility", min(value, visibility))
        profile.save()
        profile.themes.set([themes[s] for s in theme_slugs if s in themes])
    if created:
        log(f"Created {created} demo members.")
    for a, b in CONNECTIONS:
        low, high = Connection.ordered(users[a].pk, users[b].pk)
        Connection.objects.get_or_create(user_low_id=low, user_high_id=high)
    _directory(log)
