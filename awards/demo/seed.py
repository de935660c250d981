"""Demo awards: the index page, one edition open for nominations and one past edition
with published winners, in English, French and Spanish. Safe to run twice."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from awards.models import (
    AwardCategory,
    AwardCriterion,
    AwardIndexPage,
    AwardProgrammePage,
    JurorAssignment,
    JurorRole,
    Nomination,
    ProgrammeRound,
    Score,
)
from home.demo.images import attach, demo_image, image_for_themes
from home.demo.seed import publish, translate_page
from home.models import HomePage, SiteSettings, Theme

INDEX = {
    "en": (
        "Awards",
        "<p>Each year the community recognises reformers who open up government. Nominate a peer, follow the jury's work and read about past winners.</p>",
    ),
    "fr": (
        "Prix",
        "<p>Chaque année, la communauté distingue des réformateurs qui ouvrent l'action publique. Proposez un pair, suivez le travail du jury et découvrez les lauréats précédents.</p>",
    ),
    "es": (
        "Premios",
        "<p>Cada año la comunidad reconoce a personas que abren el gobierno. Nomine a un par, siga el trabajo del jurado y conozca a quienes ganaron antes.</p>",
    ),
}

CATEGORIES = [
    {
        "theme": "civic-space",
        "region": "",
        "en": (
            "Champions of civic space",
            "People and groups who keep space open for citizens to speak, organise and take part.",
        ),
        "fr": (
            "Champions de l'espace civique",
            "Des personnes et des groupes qui préservent l'espace où les citoyens s'expriment, s'organisent et participent.",
        ),
        "es": (
            "Defensores del espacio cívico",
            "Personas y grupos que mantienen abierto el espacio para que la ciudadanía hable, se organice y participe.",
        ),
    },
    {
        "theme": "anti-corruption",
        "region": "",
        "en": (
            "Open data in action",
            "Reforms where open data changed a decision, a budget or a public service.",
        ),
        "fr": (
            "Les données ouvertes en action",
            "Des réformes où les données ouvertes ont changé une décision, un budget ou un service public.",
        ),
        "es": (
            "Datos abiertos en acción",
            "Reformas en las que los datos abiertos cambiaron una decisión, un presupuesto o un servicio público.",
        ),
    },
]

CRITERIA = [
    {
        "weight": Decimal("2"),
        "en": ("Impact", "What changed for people, and how do we know?"),
        "fr": ("Impact", "Qu'est-ce qui a changé pour les gens, et comment le sait-on ?"),
        "es": ("Impacto", "¿Qué cambió para las personas y cómo lo sabemos?"),
    },
    {
        "weight": Decimal("1"),
        "en": ("Inclusion", "Who took part, and were the people most affected heard?"),
        "fr": (
            "Inclusion",
            "Qui a participé, et les personnes les plus concernées ont-elles été entendues ?",
        ),
        "es": ("Inclusión", "¿Quién participó y se escuchó a las personas más afectadas?"),
    },
    {
        "weight": Decimal("1"),
        "en": ("Lasting change", "Will the reform outlast the people who started it?"),
        "fr": (
            "Changement durable",
            "La réforme survivra-t-elle à celles et ceux qui l'ont lancée ?",
        ),
        "es": ("Cambio duradero", "¿Sobrevivirá la reforma a quienes la iniciaron?"),
    },
]

EDITIONS = [
    {
        "slug": "open-government-awards-2025",
        "past": True,
        "timezone": "Africa/Nairobi",
        "dates": (
            datetime(2025, 3, 1, 9, tzinfo=UTC),
            datetime(2025, 5, 31, 21, tzinfo=UTC),
            datetime(2025, 8, 31, 21, tzinfo=UTC),
            datetime(2025, 10, 15, 12, tzinfo=UTC),
        ),
        "en": (
            "Open Government Awards 2025",
            "<p>The 2025 awards celebrated reformers who used openness to rebuild trust after a hard decade for civic freedoms.</p>",
        ),
        "fr": (
            "Prix du gouvernement ouvert 2025",
            "<p>L'édition 2025 a distingué des réformateurs qui ont misé sur l'ouverture pour rétablir la confiance après une décennie difficile pour les libertés civiques.</p>",
        ),
        "es": (
            "Premios de Gobierno Abierto 2025",
            "<p>La edición 2025 celebró a quienes usaron la apertura para recuperar la confianza tras una década difícil para las libertades cívicas.</p>",
        ),
    },
    {
        "slug": "open-government-awards-2026",
        "past": False,
        "timezone": "Europe/Paris",
        "dates": None,
        "en": (
            "Open Government Awards 2026",
            "<p>Do you know someone who opened up government this year? Nominate them: a mayor, a civil servant, a journalist, a community organiser or an initiative.</p>",
        ),
        "fr": (
            "Prix du gouvernement ouvert 2026",
            "<p>Vous connaissez quelqu'un qui a ouvert l'action publique cette année ? Proposez sa candidature : maire, fonctionnaire, journaliste, militante associative ou initiative.</p>",
        ),
        "es": (
            "Premios de Gobierno Abierto 2026",
            "<p>¿Conoce a alguien que abrió el gobierno este año? Nomínelo: una alcaldesa, un funcionario, una periodista, una organizadora comunitaria o una iniciativa.</p>",
        ),
    },
]

ELIGIBILITY = {
    "en": "<p>Any person or initiative working for open government, in any country. Members of the jury and staff cannot be nominated.</p>",
    "fr": "<p>Toute personne ou initiative œuvrant pour un gouvernement ouvert, dans n'importe quel pays. Les membres du jury et l'équipe ne peuvent pas être proposés.</p>",
    "es": "<p>Cualquier persona o iniciativa que trabaje por el gobierno abierto, en cualquier país. No se puede nominar a miembros del jurado ni del equipo.</p>",
}

PAST_NOMINATIONS = [
    {
        "nominator": "amina.diallo@example.org",
        "category": 0,
        "name": "Fatou Ndiaye",
        "organisation": "Dakar Civic Watch",
        "country": "SN",
        "sector": "civil_society",
        "award": "winner",
        "scores": (9, 8, 9),
        "citation": {
            "en": "For defending the right to protest in Dakar with patient legal work and open court monitoring.",
            "fr": "Pour avoir défendu le droit de manifester à Dakar par un travail juridique patient et un suivi ouvert des audiences.",
            "es": "Por defender el derecho a la protesta en Dakar con un trabajo jurídico paciente y un seguimiento abierto de los juicios.",
        },
    },
    {
        "nominator": "lucia.fernandez@example.org",
        "category": 0,
        "name": "Radio Comunitaria La Voz",
        "kind": "initiative",
        "organisation": "La Voz",
        "country": "GT",
        "sector": "media",
        "award": "honourable_mention",
        "scores": (8, 9, 6),
        "citation": {
            "en": "For giving rural communities a place to question their local officials on air.",
            "fr": "Pour avoir offert aux communautés rurales un lieu où interroger leurs élus à l'antenne.",
            "es": "Por dar a las comunidades rurales un espacio para interpelar en directo a sus autoridades locales.",
        },
    },
    {
        "nominator": "james.okoro@example.org",
        "category": 1,
        "name": "Open Contracting Lagos",
        "kind": "initiative",
        "organisation": "Lagos State Procurement Agency",
        "country": "NG",
        "sector": "local_government",
        "award": "winner",
        "scores": (9, 7, 8),
        "citation": {
            "en": "For publishing every state contract as open data and cutting the price of school meals by a fifth.",
            "fr": "Pour avoir publié chaque marché public de l'État en données ouvertes et réduit d'un cinquième le prix des repas scolaires.",
            "es": "Por publicar cada contrato del estado como datos abiertos y reducir en una quinta parte el precio de las comidas escolares.",
        },
    },
    {
        "nominator": "sofia.rossi@example.org",
        "category": 1,
        "name": "Marta Bianchi",
        "organisation": "Comune di Bologna",
        "country": "IT",
        "sector": "local_government",
        "award": "",
        "scores": (7, 7, 7),
        "citation": {},
    },
]


def _locales():
    return {code: Locale.objects.get(language_code=code) for code in ("en", "fr", "es")}


def _translate_children(page, source, locale_code):
    """Give the translated page's categories and criteria their names in ``locale_code``."""
    for model, specs in ((AwardCategory, CATEGORIES), (AwardCriterion, CRITERIA)):
        originals = list(model.objects.filter(page=source).order_by("sort_order", "pk"))
        for original, spec in zip(originals, specs, strict=False):
            row = model.objects.filter(page=page, translation_key=original.translation_key).first()
            name, description = spec[locale_code]
            if row is not None and (row.name, row.description) != (name, description):
                row.name, row.description = name, description
                row.save()
    page.save_revision().publish()


def _edition(index, locs, spec, themes):
    now = timezone.now()
    page = AwardProgrammePage.objects.filter(slug=spec["slug"], locale=locs["en"]).first()
    if page is None:
        if spec["dates"]:
            opens, closes, judging, announcement = spec["dates"]
        else:
            opens = now - timedelta(days=14)
            closes = now + timedelta(days=45)
            judging = now + timedelta(days=90)
            announcement = now + timedelta(days=120)
        title, purpose = spec["en"]
        page = AwardProgrammePage(
            title=title,
            slug=spec["slug"],
            locale=locs["en"],
            purpose=purpose,
            eligibility=ELIGIBILITY["en"],
            timezone=spec["timezone"],
            nominations_open=opens,
            nominations_close=closes,
            judging_close=judging,
            announcement_at=announcement,
            min_scores=2,
            listing_image=demo_image("award"),
        )
        for position, category in enumerate(CATEGORIES):
            name, description = category["en"]
            page.categories.add(
                AwardCategory(
                    name=name,
                    description=description,
                    sort_order=position,
                    theme=themes.get(category["theme"]),
                    image=image_for_themes([category["theme"]]),
                    locale=locs["en"],
                )
            )
        for position, criterion in enumerate(CRITERIA):
            name, description = criterion["en"]
            page.criteria.add(
                AwardCriterion(
                    name=name,
                    description=description,
                    weight=criterion["weight"],
                    sort_order=position,
                    locale=locs["en"],
                )
            )
        index.add_child(instance=page)
        publish(page)
    for code in ("fr", "es"):
        if page.get_translation_or_none(locs[code]) is None:
            title, purpose = spec[code]
            translated = translate_page(
                page, locs[code], title=title, purpose=purpose, eligibility=ELIGIBILITY[code]
            )
            _translate_children(translated, page, code)
    attach(page, demo_image("award"))
    _picture_categories(page)
    return AwardProgrammePage.objects.get(pk=page.pk)


def _picture_categories(page) -> None:
    """Categories seeded before the demo had pictures get their theme's picture (once)."""
    pictures = [image_for_themes([c["theme"]]) for c in CATEGORIES]
    for edition in AwardProgrammePage.objects.filter(translation_key=page.translation_key):
        missing = list(edition.categories.filter(image__isnull=True).order_by("sort_order", "pk"))
        for category in missing:
            category.image = pictures[min(category.sort_order, len(pictures) - 1)]
            category.save(update_fields=["image"])
        if missing:
            edition.save_revision().publish()


def _past_results(page, log):
    User = get_user_model()
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    categories = list(page.categories.order_by("sort_order"))
    criteria = list(page.criteria.order_by("sort_order"))
    jurors = [users.get("mei.tanaka@example.org"), users.get("sofia.rossi@example.org")]
    for position, juror in enumerate(j for j in jurors if j is not None):
        role, _ = JurorRole.objects.get_or_create(
            programme=page, user=juror, defaults={"publish_name": position == 0}
        )
        for category in categories:
            JurorAssignment.objects.get_or_create(juror=role, category=category)
    for spec in PAST_NOMINATIONS:
        nominator = users.get(spec["nominator"])
        nomination, created = Nomination.objects.get_or_create(
            programme=page,
            nominee_name=spec["name"],
            defaults={
                "category": categories[spec["category"]],
                "nominator": nominator,
                "organisation": spec["organisation"],
                "country": spec["country"],
                "sector": spec["sector"],
                "contact_email": f"{spec['name'].split()[0].lower()}@example.net",
                "statements": {
                    str(c.pk): spec["citation"].get("en", "A steady, careful reform.")
                    for c in criteria
                },
                "kind": spec.get("kind", Nomination.Kind.PERSON),
                "status": Nomination.Status.SUBMITTED,
                "submitted_at": page.nominations_close - timedelta(days=10),
                "shortlisted": True,
                "award": spec["award"],
                "citation": spec["citation"],
            },
        )
        kind = spec.get("kind", Nomination.Kind.PERSON)
        if nomination.kind != kind:  # demos seeded before initiatives were told apart
            nomination.kind = kind
            nomination.save(update_fields=["kind"])
        if created:
            for juror in (j for j in jurors if j is not None):
                if juror == nominator:
                    continue
                for criterion, value in zip(criteria, spec["scores"], strict=False):
                    Score.objects.get_or_create(
                        juror=juror,
                        nomination=nomination,
                        criterion=criterion,
                        defaults={"value": value},
                    )
    ProgrammeRound.objects.get_or_create(
        programme=page,
        defaults={
            "deliberation_opened_at": page.judging_close,
            "results_published_at": page.announcement_at,
        },
    )
    log("Awards: past edition with published winners.")


def _open_edition(page):
    User = get_user_model()
    juror = User.objects.filter(email="james.okoro@example.org").first()
    if juror is None:
        return
    role, _ = JurorRole.objects.get_or_create(
        programme=page, user=juror, defaults={"publish_name": True}
    )
    for category in page.categories.all():
        JurorAssignment.objects.get_or_create(juror=role, category=category)


def _add_to_navigation(index, locs) -> None:
    """Link the awards index from each language's main navigation (once)."""
    for locale in locs.values():
        page = index.get_translation_or_none(locale)
        settings_row = SiteSettings.objects.filter(locale=locale).first()
        if page is None or settings_row is None:
            continue
        items = list(settings_row.navigation.raw_data)
        if any((item.get("value") or {}).get("page") == page.pk for item in items):
            continue
        items.append({"type": "link", "value": {"label": "", "page": page.pk, "url": ""}})
        settings_row.navigation = items
        settings_row.save()


@transaction.atomic
def seed(log) -> None:
    locs = _locales()
    home = HomePage.objects.filter(locale=locs["en"]).first()
    if home is None:
        log("Awards: no home page yet; run the home seeder first.")
        return
    index = AwardIndexPage.objects.filter(locale=locs["en"]).first()
    if index is None:
        title, intro = INDEX["en"]
        index = AwardIndexPage(title=title, slug="awards", intro=intro, locale=locs["en"])
        home.add_child(instance=index)
        publish(index)
        log("Awards: created the awards index.")
    for code in ("fr", "es"):
        if index.get_translation_or_none(locs[code]) is None:
            title, intro = INDEX[code]
            translate_page(index, locs[code], title=title, intro=intro)
    _add_to_navigation(index, locs)
    themes = {t.slug: t for t in Theme.objects.filter(locale=locs["en"])}
    past = _edition(index, locs, EDITIONS[0], themes)
    current = _edition(index, locs, EDITIONS[1], themes)
    _past_results(past, log)
    _open_edition(current)
