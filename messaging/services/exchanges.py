"""Mentoring and peer exchange as a workflow.

A member sends a member who is open to it a structured request (``exchange_request``);
the recipient accepts (a direct conversation opens with the request as its first
message), proposes something else (the requester then accepts the proposal or
withdraws) or declines with a kind, pre-written reply. After the agreed period
(``ExchangeRequest.PERIODS``) both are asked, once, how it went
(``exchanges_ask_feedback``, run by Celery beat).

Who may ask whom is ``messaging.permissions.exchange_refusals``, the same rule the
profile page's button uses.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from home.errors import check_length
from home.notify import mark_read, notify
from messaging import permissions
from messaging.errors import ExchangeError, MessagingError, exchange_at_limit
from messaging.models import ExchangeFeedback, ExchangeRequest
from messaging.services.conversations import (
    _display_name,
    _lock_users,
    conversation_open_for_exchange,
)

#: Requests a member may send in any 24 hours.
REQUESTS_PER_DAY = 5
#: Languages any request may be in, whatever the two speak.
PLATFORM_LANGUAGES = ("en", "fr", "es")
MAX_TOPIC = 120
MAX_HOPES = 1000
MAX_NOTE = 600
MAX_COMMENT = 600


def request_languages(sender, recipient) -> list[str]:
    """The languages a request between the two may be in: those both speak, then
    English, French and Spanish (codes, without repeats)."""
    from community.models import Profile

    spoken = dict(
        Profile.objects.filter(user_id__in=[sender.pk, recipient.pk]).values_list(
            "user_id", "languages"
        )
    )
    mine = list(spoken.get(sender.pk) or [])
    theirs = set(spoken.get(recipient.pk) or [])
    both = [code for code in mine if code in theirs]
    return list(dict.fromkeys([*both, *PLATFORM_LANGUAGES]))


def _tell_recipient(request: ExchangeRequest) -> None:
    notify(
        request.recipient,
        "messaging.exchange_request",
        context={
            "sender_name": _display_name(request.sender),
            "kind": request.kind,
            "kind_label": ExchangeRequest.Kind(request.kind).label,
        },
        link=("messaging:exchange", request.pk),
        dedupe_key=f"exchange:{request.pk}:request",
    )


def _tell_requester(request: ExchangeRequest, outcome: str) -> None:
    notify(
        request.sender,
        "messaging.exchange_answered",
        context={
            "recipient_name": _display_name(request.recipient),
            "outcome": outcome,
            "kind_label": ExchangeRequest.Kind(request.kind).label,
            "reply": ExchangeRequest.DECLINE_REPLIES.get(request.decline_reply, ""),
        },
        link=("messaging:exchange", request.pk),
        dedupe_key=f"exchange:{request.pk}:{outcome}",
    )


def _locked(request) -> ExchangeRequest:
    return (
        ExchangeRequest.objects.select_for_update()
        .select_related("sender", "recipient")
        .get(pk=request.pk)
    )


@transaction.atomic
def exchange_request(
    *, sender, recipient, kind: str, topic: str, hopes: str, format: str, language: str, now=None
) -> ExchangeRequest:
    """Ask ``recipient`` for mentoring or a peer exchange (see the module docstring)."""
    now = now or timezone.now()
    topic = check_length((topic or "").strip(), MAX_TOPIC)
    hopes = check_length((hopes or "").strip(), MAX_HOPES)
    if format not in ExchangeRequest.Format.values:
        raise ExchangeError("bad_format")
    if recipient is None:
        raise ExchangeError("not_found", status=404)
    _lock_users([sender.pk, recipient.pk])
    code = permissions.exchange_refusal(sender, recipient, kind, now=now)
    if code:
        raise ExchangeError(code, status=404 if code == "not_found" else None)
    if language not in request_languages(sender, recipient):
        raise ExchangeError("bad_language")
    sent = ExchangeRequest.objects.filter(sender=sender, created_at__gte=now - timedelta(hours=24))
    if sent.count() >= REQUESTS_PER_DAY:
        raise ExchangeError("per_day", params={"limit": REQUESTS_PER_DAY})
    try:
        with transaction.atomic():
            request = ExchangeRequest.objects.create(
                sender=sender,
                recipient=recipient,
                kind=kind,
                topic=topic,
                hopes=hopes,
                format=format,
                language=language,
                created_at=now,
            )
    except IntegrityError:
        raise ExchangeError("already_open") from None
    _tell_recipient(request)
    return request


def _running(user, now) -> int:
    return ExchangeRequest.objects.filter(
        recipient=user, status=ExchangeRequest.Status.ACCEPTED, ends_at__gt=now
    ).count()


@transaction.atomic
def exchange_accept(*, user, request, now=None) -> ExchangeRequest:
    """The recipient accepts a waiting request, or the requester accepts the recipient's
    proposal (its format then applies). Opens the direct conversation between the two
    with the request as the requester's first message, sets ``ends_at`` and tells the
    requester (when the recipient accepted)."""
    from messaging.models import MessagingSettings

    now = now or timezone.now()
    request = _locked(request)
    if user.pk not in (request.sender_id, request.recipient_id):
        raise ExchangeError("not_yours", status=404)
    by_recipient = user.pk == request.recipient_id
    expected = ExchangeRequest.Status.PENDING if by_recipient else ExchangeRequest.Status.PROPOSED
    if request.status != expected:
        raise ExchangeError("answered")
    # The recipient's limit holds whoever accepts: a proposal accepted later must not
    # take them past the number of exchanges they run at once.
    settings = MessagingSettings.objects.filter(user_id=request.recipient_id).first()
    limit = settings.exchanges_at_once if settings else 3
    if _running(request.recipient, now) >= limit:
        raise exchange_at_limit(limit) if by_recipient else ExchangeError("full")
    if not by_recipient:
        request.format = request.proposed_format or request.format
    body = f"**{request.topic}**\n\n{request.hopes}".strip()
    try:
        conversation, _message = conversation_open_for_exchange(
            requester=request.sender,
            recipient=request.recipient,
            body=body,
            language=request.language,
            now=now,
        )
    except MessagingError as exc:  # a block either way, or a suspended requester
        raise ExchangeError("unavailable") from exc
    request.status = ExchangeRequest.Status.ACCEPTED
    request.conversation = conversation
    request.answered_at = request.answered_at or now
    request.ends_at = now + ExchangeRequest.PERIODS[ExchangeRequest.Format(request.format)]
    request.save(update_fields=["status", "format", "conversation", "answered_at", "ends_at"])
    if by_recipient:
        _tell_requester(request, "accepted")
    else:
        notify(
            request.recipient,
            "messaging.exchange_answered",
            context={
                "recipient_name": _display_name(request.sender),
                "outcome": "proposal_accepted",
                "kind_label": ExchangeRequest.Kind(request.kind).label,
                "reply": "",
            },
            link=("messaging:exchange", request.pk),
            dedupe_key=f"exchange:{request.pk}:proposal_accepted",
        )
    _seen(user, request, now)
    return request


def _seen(user, request, now) -> None:
    mark_read(
        user,
        kinds=["messaging.exchange_request", "messaging.exchange_answered"],
        dedupe_prefix=f"exchange:{request.pk}:",
        now=now,
    )


def _as_recipient(user, request, now) -> ExchangeRequest:
    request = _locked(request)
    if user.pk != request.recipient_id:
        raise ExchangeError("not_yours", status=404)
    if request.status != ExchangeRequest.Status.PENDING:
        raise ExchangeError("answered")
    return request


@transaction.atomic
def exchange_propose(*, user, request, format: str, note: str, now=None) -> ExchangeRequest:
    """The recipient proposes something else: another format, and a note."""
    now = now or timezone.now()
    request = _as_recipient(user, request, now)
    if format not in ExchangeRequest.Format.values:
        raise ExchangeError("bad_format")
    request.status = ExchangeRequest.Status.PROPOSED
    request.proposed_format = format
    request.proposal = check_length((note or "").strip(), MAX_NOTE)
    request.answered_at = now
    request.save(update_fields=["status", "proposed_format", "proposal", "answered_at"])
    _tell_requester(request, "proposed")
    _seen(user, request, now)
    return request


@transaction.atomic
def exchange_decline(*, user, request, reply: str, now=None) -> ExchangeRequest:
    """The recipient declines with one of the kind, pre-written replies."""
    now = now or timezone.now()
    if reply not in ExchangeRequest.DECLINE_REPLIES:
        raise ExchangeError("bad_reply")
    request = _as_recipient(user, request, now)
    request.status = ExchangeRequest.Status.DECLINED
    request.decline_reply = reply
    request.answered_at = now
    request.save(update_fields=["status", "decline_reply", "answered_at"])
    _tell_requester(request, "declined")
    _seen(user, request, now)
    return request


@transaction.atomic
def exchange_withdraw(*, user, request, now=None) -> ExchangeRequest:
    """The requester withdraws a request still waiting, or declines the proposal."""
    now = now or timezone.now()
    request = _locked(request)
    if user.pk != request.sender_id:
        raise ExchangeError("not_yours", status=404)
    if not request.is_open:
        raise ExchangeError("answered")
    request.status = ExchangeRequest.Status.WITHDRAWN
    request.save(update_fields=["status"])
    # The recipient's notification no longer leads to anything to answer.
    mark_read(
        request.recipient,
        kinds=["messaging.exchange_request"],
        dedupe_prefix=f"exchange:{request.pk}:",
        now=now,
    )
    return request


@transaction.atomic
def exchange_feedback(
    *, user, request, rating: int, comment: str = "", now=None
) -> ExchangeFeedback:
    """One answer per person to "how did it go?", for an accepted request."""
    now = now or timezone.now()
    request = _locked(request)
    if user.pk not in (request.sender_id, request.recipient_id):
        raise ExchangeError("not_yours", status=404)
    if request.status != ExchangeRequest.Status.ACCEPTED:
        raise ExchangeError("not_accepted")
    try:
        rating = ExchangeFeedback.Rating(int(rating))
    except (TypeError, ValueError):
        raise ExchangeError("bad_reply") from None
    comment = check_length((comment or "").strip(), MAX_COMMENT)
    try:
        with transaction.atomic():
            feedback = ExchangeFeedback.objects.create(
                request=request, author=user, rating=rating, comment=comment, created_at=now
            )
    except IntegrityError:
        raise ExchangeError("feedback_given") from None
    mark_read(
        user,
        kinds=["messaging.exchange_feedback"],
        dedupe_prefix=f"exchange:{request.pk}:feedback:{user.pk}",
        now=now,
    )
    return feedback


def exchanges_ask_feedback(*, now=None) -> int:
    """Ask both people, once, how it went, for every accepted exchange whose period has
    ended. Each request is claimed by a conditional update, so two runs at once ask once.
    Returns the number of requests asked about."""
    now = now or timezone.now()
    due = ExchangeRequest.objects.filter(
        status=ExchangeRequest.Status.ACCEPTED,
        ends_at__lte=now,
        feedback_asked_at__isnull=True,
    ).values_list("pk", flat=True)
    asked = 0
    for pk in list(due[:500]):
        with transaction.atomic():
            claimed = ExchangeRequest.objects.filter(pk=pk, feedback_asked_at__isnull=True).update(
                feedback_asked_at=now
            )
            if not claimed:
                continue
            request = ExchangeRequest.objects.select_related("sender", "recipient").get(pk=pk)
            for person, other in (
                (request.sender, request.recipient),
                (request.recipient, request.sender),
            ):
                notify(
                    person,
                    "messaging.exchange_feedback",
                    context={
                        "other_name": _display_name(other),
                        "kind_label": ExchangeRequest.Kind(request.kind).label,
                    },
                    link=("messaging:exchange_feedback", request.pk),
                    dedupe_key=f"exchange:{request.pk}:feedback:{person.pk}",
                )
            asked += 1
    return asked


@transaction.atomic
def exchanges_end_for_block(*, blocker, blocked, now=None) -> int:
    """A block withdraws every request still waiting between the two, either way, without
    telling anyone (an accepted exchange's conversation ends with the block itself)."""
    from django.db.models import Q

    return ExchangeRequest.objects.filter(
        Q(sender=blocker, recipient=blocked) | Q(sender=blocked, recipient=blocker),
        status__in=ExchangeRequest.OPEN,
    ).update(status=ExchangeRequest.Status.WITHDRAWN)


def exchange_member_data(user) -> list[dict]:
    """The member's requests, sent and received, and their own feedback (data download)."""
    from django.db.models import Q

    rows = []
    requests = (
        ExchangeRequest.objects.filter(Q(sender=user) | Q(recipient=user))
        .select_related("sender__profile", "recipient__profile")
        .prefetch_related("feedback")
        .order_by("created_at")
    )
    for request in requests:
        sent = request.sender_id == user.pk
        other = request.recipient if sent else request.sender
        mine = [f for f in request.feedback.all() if f.author_id == user.pk]
        rows.append(
            {
                "direction": "sent" if sent else "received",
                "other": getattr(getattr(other, "profile", None), "display_name", ""),
                "kind": request.kind,
                "topic": request.topic,
                "hopes": request.hopes,
                "format": request.format,
                "language": request.language,
                "status": request.status,
                "proposed_format": request.proposed_format,
                "proposal": request.proposal,
                "decline_reply": request.decline_reply_text,
                "created_at": request.created_at,
                "answered_at": request.answered_at,
                "ends_at": request.ends_at,
                "my_feedback": (
                    {"rating": mine[0].rating, "comment": mine[0].comment} if mine else None
                ),
            }
        )
    return rows
