"""Demo conversations between demo members: one in French, one in Spanish, one in English
and a small group, some read and some waiting. Safe to run twice: a conversation is
written only when the demo has none between the same people (or with the same title)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from messaging import services
from messaging.models import Conversation

User = get_user_model()

#: (title for a group or "", [emails, the starter first], language,
#:  [(index of the sender in the emails, message)]). Each sender has read the conversation
#: before answering; the last message is new to the others.
CONVERSATIONS = [
    (
        "",
        ["amina.diallo@example.org", "fatou.ndiaye@example.org"],
        "fr",
        [
            (
                0,
                "Bonjour Fatou, j’ai lu votre note sur la publication des déclarations de "
                "patrimoine des députés. Pourrions-nous en parler avant l’atelier de Dakar ?",
            ),
            (
                1,
                "Avec plaisir ! Je suis libre jeudi après-midi. Voici le texte de la loi : https://www.assemblee-nationale.sn",
            ),
            (0, "Parfait, jeudi à 15 h. Je vous envoie nos questions d’ici là."),
        ],
    ),
    (
        "",
        ["lucia.fernandez@example.org", "carlos.mendoza@example.org"],
        "es",
        [
            (
                0,
                "Hola Carlos, en Medellín queremos publicar los contratos de obras de cada "
                "barrio. ¿Cómo lo hicieron en el Ministerio?",
            ),
            (
                1,
                "Hola Lucía. Empezamos con el estándar de datos de contrataciones abiertas y un solo tablero. Le comparto lo que aprendimos.",
            ),
        ],
    ),
    (
        "",
        ["james.okoro@example.org", "amina.diallo@example.org"],
        "en",
        [
            (
                0,
                "Hi Amina, we are drafting the procurement portal's feedback form. Would "
                "you have ten minutes to look at it from a civil-society point of view?",
            ),
        ],
    ),
    (
        "Beneficial ownership peer group",
        ["amina.diallo@example.org", "james.okoro@example.org", "fatou.ndiaye@example.org"],
        "en",
        [
            (
                0,
                "Welcome! A small group to compare notes on beneficial ownership registers before the regional meeting.",
            ),
            (
                1,
                "Thanks Amina. Nigeria's register went live last year: happy to share what worked and what did not.",
            ),
            (
                2,
                "Merci ! Je peux présenter le projet de loi sénégalais (in French, with slides in English).",
            ),
        ],
    ),
]


def _exists(title: str, users) -> bool:
    if title:
        return Conversation.objects.filter(kind=Conversation.Kind.GROUP, title=title).exists()
    low, high = sorted(u.pk for u in users)
    return Conversation.objects.filter(
        kind=Conversation.Kind.DIRECT, pair_low_id=low, pair_high_id=high
    ).exists()


@transaction.atomic
def seed(log) -> None:
    created = 0
    start = timezone.now() - timedelta(days=3)
    for n, (title, emails, language, lines) in enumerate(CONVERSATIONS):
        users = list(User.objects.filter(email__in=emails))
        by_email = {u.email: u for u in users}
        if len(by_email) != len(emails) or _exists(title, users):
            continue
        people = [by_email[e] for e in emails]
        at = start + timedelta(hours=n * 5)
        first_sender, first_body = lines[0]
        conversation = services.conversation_start(
            sender=people[first_sender],
            recipients=[p for i, p in enumerate(people) if i != first_sender],
            body=first_body,
            title=title,
            language=language,
            now=at,
        )
        for sender, body in lines[1:]:
            at += timedelta(minutes=37)
            services.conversation_read(user=people[sender], conversation=conversation, now=at)
            services.message_send(
                sender=people[sender],
                conversation=conversation,
                body=body,
                language=language,
                now=at,
            )
        created += 1
    if created:
        log(f"Created {created} demo conversations.")
