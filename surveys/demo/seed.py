"""Demo surveys: a stakeholder survey answered twice (a year ago and last month), with its
"trust between sectors" scale tagged ``trust``, and the post-event survey attached to the
past events that have attendees.

Idempotent: surveys are found by their English title, rounds by their survey and event,
answers are written only when their round is made. No email is sent (the invitations are
marked as told), so a demo run never fills the outbox.
"""

import random
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from home.taxonomy import sector_family
from surveys.models import Audience, Invitation, Receipt, Response, Survey, SurveyRound

TRUST = "6d1f3c2a-7a55-4b0e-9d0b-2f1e3b9a0001"
CHANGE = "6d1f3c2a-7a55-4b0e-9d0b-2f1e3b9a0002"
WORKED = "6d1f3c2a-7a55-4b0e-9d0b-2f1e3b9a0003"
IDEAS = "6d1f3c2a-7a55-4b0e-9d0b-2f1e3b9a0004"
USEFUL = "6d1f3c2a-7a55-4b0e-9d0b-2f1e3b9a0011"
AGAIN = "6d1f3c2a-7a55-4b0e-9d0b-2f1e3b9a0012"
BETTER = "6d1f3c2a-7a55-4b0e-9d0b-2f1e3b9a0013"

STAKEHOLDER = {
    "en": {
        "title": "Network survey: trust and collaboration",
        "introduction": "Every year we ask the people of the network how it is growing. "
        "It takes five minutes.",
        "questions": {
            TRUST: (
                "How much do you trust people from the other sector family (government or "
                "civil society) to work with you on reform?",
                "Not at all",
                "Completely",
                [],
            ),
            CHANGE: (
                "Compared with a year ago, your work with the other sector is…",
                "",
                "",
                ["Closer", "About the same", "More distant"],
            ),
            WORKED: (
                "What have you done with someone from the other sector this year?",
                "",
                "",
                ["Met them", "Shared a resource", "Worked on a reform together"],
            ),
            IDEAS: ("What would help you build trust across sectors?", "", "", []),
        },
    },
    "fr": {
        "title": "Enquête sur le réseau : confiance et collaboration",
        "introduction": "Chaque année, nous demandons aux membres du réseau comment il "
        "grandit. Cela prend cinq minutes.",
        "questions": {
            TRUST: (
                "Quelle confiance accordez-vous aux personnes de l’autre famille de secteurs "
                "(gouvernement ou société civile) pour mener une réforme avec vous ?",
                "Aucune",
                "Totale",
                [],
            ),
            CHANGE: (
                "Par rapport à l’an dernier, votre travail avec l’autre secteur est…",
                "",
                "",
                ["Plus proche", "À peu près le même", "Plus distant"],
            ),
            WORKED: (
                "Qu’avez-vous fait cette année avec une personne de l’autre secteur ?",
                "",
                "",
                [
                    "Nous nous sommes rencontré·es",
                    "Partagé une ressource",
                    "Mené une réforme ensemble",
                ],
            ),
            IDEAS: (
                "Qu’est-ce qui vous aiderait à bâtir la confiance entre secteurs ?",
                "",
                "",
                [],
            ),
        },
    },
    "es": {
        "title": "Encuesta de la red: confianza y colaboración",
        "introduction": "Cada año preguntamos a las personas de la red cómo está creciendo. "
        "Le tomará cinco minutos.",
        "questions": {
            TRUST: (
                "¿Cuánto confía en las personas de la otra familia de sectores (gobierno o "
                "sociedad civil) para trabajar con usted en una reforma?",
                "Nada",
                "Totalmente",
                [],
            ),
            CHANGE: (
                "En comparación con hace un año, su trabajo con el otro sector es…",
                "",
                "",
                ["Más cercano", "Más o menos igual", "Más distante"],
            ),
            WORKED: (
                "¿Qué ha hecho este año con alguien del otro sector?",
                "",
                "",
                ["Nos reunimos", "Compartimos un recurso", "Trabajamos juntos en una reforma"],
            ),
            IDEAS: ("¿Qué le ayudaría a construir confianza entre sectores?", "", "", []),
        },
    },
}
KINDS = {TRUST: "scale", CHANGE: "choice", WORKED: "multiple_choice", IDEAS: "long_text"}

POST_EVENT = {
    "en": {
        "title": "How was the event?",
        "introduction": "Three questions, to make the next event better.",
        "questions": {
            USEFUL: ("How useful was the event for your work?", "Not useful", "Very useful", []),
            AGAIN: ("Would you come to a similar event?", "", "", ["Yes", "Maybe", "No"]),
            BETTER: ("What should we change next time?", "", "", []),
        },
    },
    "fr": {
        "title": "Comment s’est passé l’événement ?",
        "introduction": "Trois questions, pour que le prochain événement soit meilleur.",
        "questions": {
            USEFUL: (
                "L’événement a-t-il été utile pour votre travail ?",
                "Pas utile",
                "Très utile",
                [],
            ),
            AGAIN: (
                "Viendriez-vous à un événement semblable ?",
                "",
                "",
                ["Oui", "Peut-être", "Non"],
            ),
            BETTER: ("Que devrions-nous changer la prochaine fois ?", "", "", []),
        },
    },
    "es": {
        "title": "¿Cómo le fue en el evento?",
        "introduction": "Tres preguntas, para que el próximo evento sea mejor.",
        "questions": {
            USEFUL: ("¿Qué tan útil fue el evento para su trabajo?", "Nada útil", "Muy útil", []),
            AGAIN: ("¿Asistiría a un evento similar?", "", "", ["Sí", "Tal vez", "No"]),
            BETTER: ("¿Qué deberíamos cambiar la próxima vez?", "", "", []),
        },
    },
}
POST_KINDS = {USEFUL: "scale", AGAIN: "choice", BETTER: "long_text"}

IDEAS_ANSWERS = [
    "Working on one concrete reform together, with a shared timeline.",
    "Peer exchanges where officials and activists visit each other's offices.",
    "Publishing the data we both rely on, so that nobody argues about the numbers.",
    "Meeting more often in small groups rather than at large conferences.",
    "Mentoring across sectors during the cohort.",
    "Being honest about what went wrong in earlier co-creation processes.",
]


def _typography(text: str, language: str) -> str:
    """French puts a non-breaking space before : ; ? ! (GLOSSARY.md)."""
    return re.sub(r" ([:;?!])", "\u00a0\\1", text) if language == "fr" else text


def _stream(spec: dict, kinds: dict, tags: dict, language: str = "en") -> list[dict]:
    blocks = []
    for qid, (label, low, high, choices) in spec["questions"].items():
        label = _typography(label, language)
        blocks.append(
            {
                "type": "question",
                "id": qid,
                "value": {
                    "kind": kinds[qid],
                    "label": label,
                    "help_text": "",
                    "required": kinds[qid] in ("scale", "choice"),
                    "choices": choices,
                    "scale_min": 1,
                    "scale_max": 5,
                    "min_label": low,
                    "max_label": high,
                    "max_length": None,
                    "tag": tags.get(qid, ""),
                },
            }
        )
    return blocks


def _survey(texts: dict, kinds: dict, tags: dict, **fields) -> tuple[Survey, bool]:
    locales = {code: Locale.objects.filter(language_code=code).first() for code in texts}
    english = locales["en"]
    survey = Survey.objects.filter(locale=english, title=texts["en"]["title"]).first()
    created = survey is None
    if created:
        survey = Survey(
            locale=english,
            title=texts["en"]["title"],
            introduction=texts["en"]["introduction"],
            questions=_stream(texts["en"], kinds, tags),
            **fields,
        )
        survey.save()
    for code in ("fr", "es"):
        if locales.get(code) is None or survey.has_translation(locales[code]):
            continue
        copy = survey.copy_for_translation(locales[code])
        copy.title = _typography(texts[code]["title"], code)
        copy.introduction = _typography(texts[code]["introduction"], code)
        copy.questions = _stream(texts[code], kinds, tags, code)
        copy.save()
    return survey, created


def _members():
    return list(
        get_user_model()
        .objects.filter(email__endswith="@example.org", is_superuser=False, profile__isnull=False)
        .select_related("profile")
        .order_by("pk")
    )


def _answer(round_: SurveyRound, user, answers: dict, at) -> None:
    Receipt.objects.create(round=round_, user=user, answered_at=at)
    sector = user.profile.sector
    Response.objects.create(
        round=round_,
        answers=answers,
        sector_family=sector_family(sector) if sector else "",
        region=user.profile.region,
    )


def _stakeholder_round(survey, members, *, opens, closes, trust_shift, rng) -> bool:
    round_ = SurveyRound.objects.create(
        survey=survey, group="all", opens_at=opens, closes_at=closes
    )
    Invitation.objects.bulk_create(
        [Invitation(round=round_, user=m, notified_at=opens) for m in members]
    )
    answering = members[: max(12, len(members) * 2 // 3)]
    for number, member in enumerate(answering):
        trust = min(5, max(1, round(rng.gauss(3.0 + trust_shift, 0.9))))
        answers = {
            TRUST: trust,
            CHANGE: 0 if trust >= 4 else (1 if trust == 3 else 2),
            WORKED: sorted(rng.sample([0, 1, 2], k=1 + number % 3)),
        }
        if number < len(IDEAS_ANSWERS):
            answers[IDEAS] = IDEAS_ANSWERS[number]
        _answer(round_, member, answers, opens + timedelta(days=1 + number % 10))
    return True


def _post_event_rounds(survey, now, rng) -> int:
    from events.models import EventPage, Registration

    made = 0
    event_ids = set(
        Registration.objects.filter(
            attended_at__isnull=False, user__isnull=False, event__end__lt=now
        ).values_list("event_id", flat=True)
    )
    for event in EventPage.objects.filter(pk__in=event_ids).order_by("pk"):
        if SurveyRound.objects.filter(survey=survey, event=event).exists():
            continue
        round_ = SurveyRound.objects.create(
            survey=survey,
            event=event,
            opens_at=event.end,
            closes_at=event.end + timedelta(days=survey.days_to_answer),
        )
        attendees = list(
            get_user_model()
            .objects.filter(
                event_registrations__event=event, event_registrations__attended_at__isnull=False
            )
            .select_related("profile")
            .distinct()
        )
        Invitation.objects.bulk_create(
            [Invitation(round=round_, user=u, notified_at=event.end) for u in attendees]
        )
        for user in attendees[:1]:
            if getattr(user, "profile", None) is not None:
                _answer(round_, user, {USEFUL: rng.choice([4, 5]), AGAIN: 0}, event.end)
        made += 1
    return made


@transaction.atomic
def seed(log) -> None:
    if Locale.objects.filter(language_code="en").first() is None:
        log("Surveys: no locales yet, skipped.")
        return
    now = timezone.now()
    rng = random.Random(15)  # the same demo answers on every fresh database
    survey, created = _survey(
        STAKEHOLDER,
        KINDS,
        {TRUST: "trust"},
        audience=Audience.STAKEHOLDERS,
        group="all",
        opens_at=now - timedelta(days=400),
        days_to_answer=30,
    )
    if created:
        log("Created the network survey (trust and collaboration).")
    members = _members()
    rounds = 0
    if len(members) >= 5 and not SurveyRound.objects.filter(survey=survey).exists():
        day = now.replace(hour=9, minute=0, second=0, microsecond=0)
        rounds += _stakeholder_round(
            survey,
            members,
            opens=day - timedelta(days=395),
            closes=day - timedelta(days=365),
            trust_shift=0.0,
            rng=rng,
        )
        rounds += _stakeholder_round(
            survey,
            members,
            opens=day - timedelta(days=60),
            closes=day - timedelta(days=30),
            trust_shift=0.6,
            rng=rng,
        )
    post, created = _survey(
        POST_EVENT,
        POST_KINDS,
        {},
        audience=Audience.AFTER_EVENT,
        opens_at=now - timedelta(days=365),
        days_to_answer=14,
    )
    if created:
        log("Created the post-event survey.")
    events = _post_event_rounds(post, now, rng)
    if rounds or events:
        log(f"Answered {rounds} network survey round(s); attached {events} past event(s).")
