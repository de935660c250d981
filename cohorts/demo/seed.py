"""Demo content for cohorts: the programme, partners, and three cohorts (open, running,
completed with alumni and certificates), in three languages. Safe to run twice."""

import contextlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from allauth.account.models import EmailAddress

from cohorts import credential_keys, services
from cohorts.demo import content
from cohorts.models import (
    Application,
    ApplicationStatus,
    ApplicationSubmission,
    Certificate,
    CohortPage,
    Participant,
    PartnerOrganisation,
    ProgrammePage,
)
from cohorts.permissions import ensure_groups
from home.demo.images import attach, demo_image
from home.demo.seed import DEMO_MEMBER_PASSWORD, publish, stream_value, translate_page
from home.models import HomePage, Theme
from home.taxonomy import region_for_country, sector_family

LANGS = ("en", "fr", "es")


def _partners(locales) -> list[PartnerOrganisation]:
    originals = []
    for spec in content.PARTNERS:
        name, description = spec["en"]
        partner = PartnerOrganisation.objects.filter(locale=locales["en"], name=name).first()
        if partner is None:
            partner = PartnerOrganisation.objects.create(
                locale=locales["en"], name=name, description=description, url=spec["url"]
            )
        for code in ("fr", "es"):
            if partner.get_translation_or_none(locales[code]) is None:
                translated = partner.copy_for_translation(locales[code])
                translated.name, translated.description = spec[code]
                translated.save()
        originals.append(partner)
    return originals


def _programme_fields(code, partners):
    text = content.PROGRAMME[code]
    return {
        "title": text["title"],
        "intro": text["intro"],
        "purpose": text["purpose"],
        "eligibility": text["eligibility"],
        "selection": text["selection"],
        "faqs": stream_value(
            ProgrammePage,
            "faqs",
            [("faq", {"question": q, "answer": a}) for q, a in text["faq"]],
        ),
        "partners": stream_value(
            ProgrammePage, "partners", [("partner", {"partner": p.pk}) for p in partners]
        ),
    }


def _dates(kind, now):
    today = now.date()
    if kind == "open":
        return {
            "applications_open": now - timedelta(days=10),
            "applications_close": now + timedelta(days=30),
            "start_date": today + timedelta(days=75),
            "end_date": today + timedelta(days=300),
            "places": 25,
        }
    if kind == "running":
        return {
            "applications_open": now - timedelta(days=150),
            "applications_close": now - timedelta(days=110),
            "start_date": today - timedelta(days=30),
            "end_date": today + timedelta(days=120),
            "places": 20,
        }
    return {
        "applications_open": now - timedelta(days=520),
        "applications_close": now - timedelta(days=480),
        "start_date": today - timedelta(days=420),
        "end_date": today - timedelta(days=60),
        "places": 20,
    }


def _questions(code):
    return stream_value(
        CohortPage,
        "questions",
        [
            (
                "question",
                {"kind": k, "label": label, "help_text": h, "required": r, "choices": c},
            )
            for k, label, h, r, c in content.QUESTIONS[code]
        ],
    )


def _curriculum(code, start):
    from datetime import datetime, time

    return stream_value(
        CohortPage,
        "curriculum",
        [
            (
                "session",
                {
                    "date": timezone.make_aware(
                        datetime.combine(start + timedelta(days=21 * i), time(14, 0))
                    ),
                    "title": title,
                    "facilitator": facilitator,
                    "description": "",
                    "materials": [],
                },
            )
            for i, (title, facilitator) in enumerate(content.SESSIONS[code])
        ],
    )


def _rubric(code):
    return stream_value(
        CohortPage,
        "review_criteria",
        [
            (
                "criterion",
                {
                    "label": texts[code][0],
                    "description": texts[code][1],
                    "weight": weight,
                    "min_score": 1,
                    "max_score": 5,
                },
            )
            for weight, texts in content.RUBRIC
        ],
    )


def _seed_review(cohort, locales, log) -> None:
    """The open call's review form in every language, and the demo reviewer assigned to
    its submitted applications (when the staff seeder made them)."""
    from cohorts import services
    from community.models import User

    if not cohort.criteria_list():
        cohort.review_criteria = _rubric("en")
        cohort.save(update_fields=["review_criteria"])
        for code in ("fr", "es"):
            page = cohort.get_translation_or_none(locales[code])
            if page is not None:
                page = page.specific
                page.review_criteria = _rubric(code)
                _translate_blocks(cohort, page, "review_criteria")
                page.save(update_fields=["review_criteria"])
        log("Cohorts: the open call has a review form.")
    reviewer = User.objects.filter(email="reviewer@staff.example.org").first()
    staff = User.objects.filter(email="programmes@staff.example.org").first()
    if reviewer is None or staff is None:
        return
    for application in cohort.applications.filter(status__in=services.REVIEWABLE):
        with contextlib.suppress(services.RubricError):
            services.assignment_add(application=application, reviewer=reviewer, by=staff)


def _translate_blocks(original, translated, field):
    """Keep block ids equal across languages (answers are stored by question id)."""
    source = getattr(original, field)
    target = getattr(translated, field)
    for src, dst in zip(source, target, strict=False):
        dst.id = src.id
    return target


def _people(locales):
    User = get_user_model()
    people = []
    for email, name, language, country, sector, scope in content.PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_MEMBER_PASSWORD, name=name, preferred_language=language
            )
            profile = user.profile
            profile.display_name = name
            profile.country = country
            profile.sector = sector
            profile.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people.append((user, country, sector, scope))
    return people


def _application(cohort, user, country, sector, scope, status, released, when, answers):
    application, created = Application.objects.get_or_create(
        cohort=cohort,
        applicant=user,
        defaults={
            "applicant_name": user.name,
            "language": user.preferred_language,
            "status": status,
            "released_status": status if released else "",
            "released_at": when if released else None,
            "country": country,
            "region": region_for_country(country),
            "sector": sector,
            "sector_family": sector_family(sector),
            "scope": scope,
            "answers": answers,
            "submitted_at": when,
            "submission_count": 1,
        },
    )
    if created:
        ApplicationSubmission.objects.create(
            application=application, number=1, submitted_at=when, data=application.snapshot()
        )
    return application


NAV_LABEL = {"en": "Cohorts", "fr": "Cohortes", "es": "Cohortes"}


def _navigation(programme, locales) -> None:
    """A "Cohorts" link in the main navigation of each language, once."""
    from home.models import SiteSettings

    for code in LANGS:
        row = SiteSettings.objects.filter(locale=locales[code]).first()
        target = programme.get_translation_or_none(locales[code])
        if row is None or target is None:
            continue
        raw = [dict(item) for item in row.navigation.raw_data]
        if any((item.get("value") or {}).get("page") == target.pk for item in raw):
            continue
        raw.append(
            {"type": "link", "value": {"label": NAV_LABEL[code], "page": target.pk, "url": ""}}
        )
        row.navigation = raw
        row.save()


#: The demo picture of each kind of cohort (home.demo.images); the programme's is "steps".
COHORT_IMAGES = {"open": "map", "running": "gathering", "completed": "pattern"}


def _cohort_image(kind):
    return demo_image(COHORT_IMAGES.get(kind, "pattern"))


@transaction.atomic
def seed(log) -> None:
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGS}
    home = HomePage.objects.filter(locale=locales["en"]).first()
    if home is None:
        log("Cohorts: no home page; run the home seeder first.")
        return
    ensure_groups()
    partners = _partners(locales)
    programme = ProgrammePage.objects.filter(locale=locales["en"], slug="leadership").first()
    if programme is None:
        programme = ProgrammePage(slug="leadership", locale=locales["en"], timezone="UTC")
        for name, value in _programme_fields("en", partners).items():
            setattr(programme, name, value)
        programme.listing_image = demo_image("steps")
        home.add_child(instance=programme)
        publish(programme)
        log("Cohorts: created the Leadership Collective programme.")
    for code in ("fr", "es"):
        if programme.get_translation_or_none(locales[code]) is None:
            translated_partners = [p.get_translation(locales[code]) for p in partners]
            translate_page(programme, locales[code], **_programme_fields(code, translated_partners))

    attach(programme, demo_image("steps"))
    _navigation(programme, locales)

    now = timezone.now()
    theme = Theme.objects.filter(locale=locales["en"], slug="anti-corruption").first()
    cohorts = {}
    for spec in content.COHORTS:
        cohort = CohortPage.objects.filter(locale=locales["en"], slug=spec["slug"]).first()
        if cohort is None:
            dates = _dates(spec["kind"], now)
            title, intro = spec["en"]
            cohort = CohortPage(
                slug=spec["slug"],
                locale=locales["en"],
                title=title,
                intro=intro,
                region=spec["region"],
                theme=theme if not spec["region"] else None,
                format=spec["format"],
                location=spec["location"],
                listing_image=_cohort_image(spec["kind"]),
                questions=_questions("en"),
                targets=stream_value(
                    CohortPage,
                    "targets",
                    [
                        ("target", {"group": "family:government", "target": 10}),
                        ("target", {"group": "family:civil_society", "target": 8}),
                        ("target", {"group": "scope:local", "target": 6}),
                    ],
                ),
                **dates,
            )
            cohort.curriculum = _curriculum("en", cohort.start_date)
            programme.add_child(instance=cohort)
            publish(cohort)
            log(f"Cohorts: created {title}.")
        for code in ("fr", "es"):
            if cohort.get_translation_or_none(locales[code]) is None:
                title, intro = spec[code]
                page = cohort.copy_for_translation(locales[code], copy_parents=False).specific
                page.title, page.intro = title, intro
                page.questions = _questions(code)
                _translate_blocks(cohort, page, "questions")
                page.curriculum = _curriculum(code, cohort.start_date)
                _translate_blocks(cohort, page, "curriculum")
                publish(page)
        attach(cohort, _cohort_image(spec["kind"]))
        cohorts[spec["kind"]] = cohort

    people = _people(locales)
    first_question = cohorts["open"].question_list()[0]["id"]

    # The open call: two submitted applications and one draft.
    for user, country, sector, scope in people[:2]:
        _application(
            cohorts["open"],
            user,
            country,
            sector,
            scope,
            ApplicationStatus.SUBMITTED,
            False,
            now - timedelta(days=2),
            {first_question: "Publishing the county budget in plain language."},
        )
    _seed_review(cohorts["open"], locales, log)
    # The running cohort: four participants.
    for user, country, sector, scope in people[1:5]:
        application = _application(
            cohorts["running"],
            user,
            country,
            sector,
            scope,
            ApplicationStatus.ACCEPTED,
            True,
            now - timedelta(days=120),
            {first_question: "Open contracting data for hospitals."},
        )
        Participant.objects.get_or_create(
            cohort=cohorts["running"], user=user, defaults={"application": application}
        )
    # The completed cohort: five alumni with certificates, one who did not complete.
    completed = cohorts["completed"]
    for index, (user, country, sector, scope) in enumerate(people):
        application = _application(
            completed,
            user,
            country,
            sector,
            scope,
            ApplicationStatus.ACCEPTED,
            True,
            now - timedelta(days=490),
            {first_question: "Access to information requests online."},
        )
        finished = index < 5
        participant, _ = Participant.objects.get_or_create(
            cohort=completed,
            user=user,
            defaults={
                "application": application,
                "status": Participant.Status.COMPLETED
                if finished
                else Participant.Status.NOT_COMPLETED,
                "completed_at": now - timedelta(days=60) if finished else None,
            },
        )
        if finished and not Certificate.objects.filter(participant=participant).exists():
            Certificate.objects.create(
                participant=participant,
                holder_name=user.name,
                cohort_title=completed.title,
                programme_title=programme.title,
                issued_on=completed.end_date,
            )
        if finished:
            # Signed as an Open Badges 3.0 credential (once; the demo generates its key).
            certificate = Certificate.objects.get(participant=participant)
            if not certificate.credential:
                with contextlib.suppress(credential_keys.KeysUnavailable):
                    services.certificate_sign(certificate=certificate)
