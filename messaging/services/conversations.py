"""Conversations and messages.

Starting a direct conversation locks both members' rows (lowest id first) and the database
refuses a second open conversation for the pair, so two members writing to each other at
the same moment share one. Sending updates each reader's ``activity_at`` (the inbox order
and the unread count) in the same transaction, and tells them through ``notify()``.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from home.errors import check_length
from home.notify import mark_read, notify
from home.private_files import sniff
from home.text import formatted_html
from messaging import permissions
from messaging.errors import MessagingError
from messaging.models import Attachment, Conversation, Message, MessagingSettings, Participant
from messaging.models.conversations import MAX_BODY, MAX_PARTICIPANTS, MAX_TITLE, Audience

User = get_user_model()

#: Conversations a member may start in any 24 hours, and how many of them with people
#: they are not connected with.
CONVERSATIONS_PER_DAY = 20
STRANGERS_PER_DAY = 5
#: Messages a member may send in any minute.
MESSAGES_PER_MINUTE = 10
#: Until someone not connected with the sender replies, the sender may send this many.
FIRST_MESSAGES = 3
MAX_FILES = 3
EDIT_WINDOW = timedelta(minutes=15)


def _lock_users(ids) -> None:
    list(User.objects.select_for_update().filter(pk__in=list(ids)).order_by("pk").values("pk"))


def _display_name(user) -> str:
    from community.models import Profile

    profile = Profile.objects.filter(user=user).only("display_name").first()
    return profile.display_name if profile else user.get_full_name()


def _refuse(code: str):
    params = {"limit": MAX_PARTICIPANTS} if code == "too_many_people" else None
    raise MessagingError(code, params=params)


def _check_rates(sender, *, now, conversation, new_conversation: bool) -> None:
    """Refuse past the per-minute and per-day limits (``conversation``, just opened, is
    not counted against itself)."""
    sent = Message.objects.filter(sender=sender, created_at__gte=now - timedelta(minutes=1))
    if sent.count() >= MESSAGES_PER_MINUTE:
        raise MessagingError("messages_per_minute")
    if not new_conversation:
        return
    started = Conversation.objects.filter(
        started_by=sender, created_at__gte=now - timedelta(hours=24)
    ).exclude(pk=conversation.pk)
    if started.count() >= CONVERSATIONS_PER_DAY:
        raise MessagingError("conversations_per_day", params={"limit": CONVERSATIONS_PER_DAY})
    from community.selectors import connection_ids

    connected = connection_ids(sender)
    others = Participant.objects.filter(conversation=conversation).exclude(user=sender)
    if not others.exclude(user_id__in=connected).exists():
        return
    with_strangers = (
        Participant.objects.filter(conversation__in=started)
        .exclude(user=sender)
        .exclude(user_id__in=connected)
        .values("conversation")
        .distinct()
        .count()
    )
    if with_strangers >= STRANGERS_PER_DAY:
        raise MessagingError("strangers_per_day", params={"limit": STRANGERS_PER_DAY})


def _check_files(files) -> None:
    if len(files) > MAX_FILES:
        raise MessagingError("too_many_files", params={"limit": MAX_FILES})


def _body(body: str) -> str:
    return check_length((body or "").strip(), MAX_BODY)


@transaction.atomic
def conversation_start(
    *,
    sender,
    recipients,
    body: str,
    title: str = "",
    files=(),
    language: str = "",
    now=None,
) -> Conversation:
    """Start a conversation with ``recipients`` (one: a direct conversation, reusing the
    open one between the two if there is one; more: a group, up to 20 people in all) and
    send its first message. Every recipient must pass ``permissions.why_not``."""
    now = now or timezone.now()
    recipients = list({r.pk: r for r in recipients if r is not None and r.pk != sender.pk}.values())
    if not recipients:
        raise MessagingError("no_recipients")
    if len(recipients) + 1 > MAX_PARTICIPANTS:
        _refuse("too_many_people")
    body = _body(body)
    if not body and not files:
        raise MessagingError("empty")
    _check_files(files)
    title = check_length((title or "").strip(), MAX_TITLE)
    _lock_users([sender.pk] + [r.pk for r in recipients])
    refusals = permissions.reasons(sender, recipients, now=now)
    for recipient in recipients:
        if refusals[recipient.pk]:
            raise MessagingError(refusals[recipient.pk])
    if len(recipients) > 1:
        _check_strangers_may_meet(recipients, now=now)
    if len(recipients) == 1:
        conversation = _direct_for(sender, recipients[0], now=now)
    else:
        conversation = Conversation.objects.create(
            kind=Conversation.Kind.GROUP,
            title=title,
            started_by=sender,
            created_at=now,
            last_message_at=now,
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    conversation=conversation,
                    user=user,
                    added_by=sender,
                    joined_at=now,
                    activity_at=now,
                    last_read_at=now if user.pk == sender.pk else None,
                )
                for user in [sender, *recipients]
            ]
        )
    _send(
        sender=sender, conversation=conversation, body=body, files=files, language=language, now=now
    )
    return conversation


def _check_strangers_may_meet(people, *, now) -> None:
    """Nobody is put in a group with someone they blocked or who blocked them, or with a
    hidden member they could not otherwise find: each of ``people`` must be able to know
    each other one exists (the starter's own right to write to them is checked apart)."""
    for person in people:
        others = [p for p in people if p.pk != person.pk]
        if "not_found" in permissions.reasons(person, others, now=now).values():
            # Say so without saying who or why.
            raise MessagingError("not_found")


def _direct_for(sender, recipient, *, now) -> Conversation:
    low, high = sorted([sender.pk, recipient.pk])
    open_ = Conversation.objects.filter(
        kind=Conversation.Kind.DIRECT, pair_low_id=low, pair_high_id=high, ended_at__isnull=True
    )
    conversation = open_.first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    kind=Conversation.Kind.DIRECT,
                    started_by=sender,
                    pair_low_id=low,
                    pair_high_id=high,
                    created_at=now,
                    last_message_at=now,
                )
        except IntegrityError:
            # They started one at the same moment: write into theirs.
            conversation = open_.get()
    for user in (sender, recipient):
        Participant.objects.get_or_create(
            conversation=conversation,
            user=user,
            defaults={"joined_at": now, "activity_at": now, "added_by": sender},
        )
    # Writing again brings the conversation back for whoever had hidden it.
    Participant.objects.filter(conversation=conversation, user=sender).update(hidden_at=None)
    return conversation


def _place(user, conversation) -> Participant:
    place = (
        Participant.objects.select_for_update()
        .filter(conversation=conversation, user=user)
        .select_related("conversation")
        .first()
    )
    if place is None or place.hidden_at is not None:
        raise MessagingError("not_participant", status=404)
    return place


@transaction.atomic
def message_send(*, sender, conversation, body: str, files=(), language: str = "", now=None):
    """Send a message in a conversation ``sender`` takes part in."""
    now = now or timezone.now()
    body = _body(body)
    if not body and not files:
        raise MessagingError("empty")
    _check_files(files)
    return _send(
        sender=sender, conversation=conversation, body=body, files=files, language=language, now=now
    )


def _send(*, sender, conversation, body, files, language, now) -> Message:
    from community.models import Block

    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    place = _place(sender, conversation)
    if place.left_at is not None:
        raise MessagingError("left")
    if conversation.ended_at is not None:
        raise MessagingError("ended")
    if permissions.is_suspended(sender, now):
        raise MessagingError("suspended")
    others = list(
        Participant.objects.filter(conversation=conversation, left_at__isnull=True)
        .exclude(user=sender)
        .select_related("user")
    )
    blocked = set()
    for a, b in Block.objects.filter(
        Q(blocker=sender, blocked__in=[p.user_id for p in others])
        | Q(blocked=sender, blocker__in=[p.user_id for p in others])
    ).values_list("blocker_id", "blocked_id"):
        blocked.add(b if a == sender.pk else a)
    if not conversation.is_group and blocked:
        raise MessagingError("ended")
    first = not Message.objects.filter(conversation=conversation).exists()
    _check_rates(sender, now=now, conversation=conversation, new_conversation=first)
    _check_first_messages(sender, conversation, others)
    message = Message.objects.create(
        conversation=conversation,
        sender=sender,
        body=body,
        html=formatted_html(body, linkify=True),
        language=language or translation.get_language() or "",
        created_at=now,
    )
    for upload in files:
        try:
            content_type = sniff(upload)
        except ValidationError as exc:
            raise MessagingError("bad_file", exc.messages[0], status=400) from exc
        Attachment.objects.create(
            message=message,
            file=upload,
            original_name=(getattr(upload, "name", "") or "file")[:200],
            content_type=content_type,
            size=upload.size,
        )
    conversation.last_message_at = now
    conversation.save(update_fields=["last_message_at"])
    readers = [p for p in others if p.user_id not in blocked]
    Participant.objects.filter(pk__in=[p.pk for p in readers]).update(activity_at=now)
    if not conversation.is_group:
        # A new message brings a direct conversation back for whoever had hidden it
        # (blocking ends it instead, so nothing can be sent there).
        Participant.objects.filter(pk__in=[p.pk for p in readers]).update(hidden_at=None)
        for reader in readers:
            reader.hidden_at = None
    Participant.objects.filter(pk=place.pk).update(activity_at=now, last_read_at=now)
    sender_name = _display_name(sender)
    for reader in readers:
        if reader.hidden_at is not None:
            continue
        _tell(reader, conversation=conversation, sender_name=sender_name, first=first)
    return message


def _check_first_messages(sender, conversation, others) -> None:
    """Until somebody replies, a sender not connected with everyone else sends at most
    ``FIRST_MESSAGES``."""
    from community.selectors import connection_ids

    other_ids = {p.user_id for p in others}
    if not other_ids or other_ids <= connection_ids(sender):
        return
    replies = Message.objects.filter(conversation=conversation).exclude(sender=sender).exists()
    if replies:
        return
    mine = Message.objects.filter(conversation=conversation, sender=sender).count()
    if mine >= FIRST_MESSAGES:
        raise MessagingError("wait_for_reply", params={"limit": FIRST_MESSAGES})


def _tell(reader: Participant, *, conversation, sender_name: str, first: bool) -> None:
    context = {"sender_name": sender_name, "conversation_title": conversation.title}
    link = ("messaging:conversation", conversation.pk)
    if first:
        notify(
            reader.user,
            "messaging.conversation_started",
            context=context,
            link=link,
            dedupe_key=f"conversation:{conversation.pk}:{reader.user_id}:start",
        )
        return
    # One notification per conversation until the member reads it.
    read = int(reader.last_read_at.timestamp()) if reader.last_read_at else 0
    notify(
        reader.user,
        "messaging.new_message",
        context=context,
        link=link,
        dedupe_key=f"conversation:{conversation.pk}:{reader.user_id}:{read}",
    )


@transaction.atomic
def conversation_read(*, user, conversation, now=None) -> None:
    """The member opened the conversation: it is read, and so are its notifications."""
    now = now or timezone.now()
    Participant.objects.filter(conversation=conversation, user=user).update(last_read_at=now)
    mark_read(
        user,
        kinds=["messaging.conversation_started", "messaging.new_message"],
        dedupe_prefix=f"conversation:{conversation.pk}:{user.pk}:",
        now=now,
    )


def _own_message(user, message) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.sender_id != user.pk:
        raise MessagingError("not_yours", status=403)
    if message.is_gone:
        raise MessagingError("gone")
    return message


@transaction.atomic
def message_edit(*, user, message, body: str, now=None) -> Message:
    """Change one's own message within 15 minutes of sending it ("edited" is shown)."""
    now = now or timezone.now()
    message = _own_message(user, message)
    if now - message.created_at > EDIT_WINDOW:
        raise MessagingError("edit_window")
    body = _body(body)
    if not body and not message.attachments.exists():
        raise MessagingError("empty")
    message.body = body
    message.html = formatted_html(body, linkify=True)
    message.edited_at = now
    message.save(update_fields=["body", "html", "edited_at"])
    return message


@transaction.atomic
def message_delete(*, user, message, now=None) -> Message:
    """Delete one's own message: the others see "Message deleted"; its text and files go
    (a copy stays only where it was reported to moderators)."""
    now = now or timezone.now()
    message = _own_message(user, message)
    message.deleted_at = now
    message.body = ""
    message.html = ""
    message.save(update_fields=["deleted_at", "body", "html"])
    for attachment in message.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    return message


@transaction.atomic
def conversation_leave(*, user, conversation, now=None) -> None:
    """Leave a group conversation (a direct one is hidden instead)."""
    now = now or timezone.now()
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    place = _place(user, conversation)
    if not conversation.is_group:
        place.hidden_at = now
        place.save(update_fields=["hidden_at"])
        return
    if place.left_at is None:
        place.left_at = now
        place.save(update_fields=["left_at"])


@transaction.atomic
def conversation_hide(*, user, conversation, now=None) -> None:
    """Take a conversation out of one's inbox (a new message brings a direct one back)."""
    now = now or timezone.now()
    Participant.objects.filter(conversation=conversation, user=user).update(hidden_at=now)


@transaction.atomic
def participants_add(*, by, conversation, users, now=None) -> list[Participant]:
    """The starter adds people to a group conversation: each must be someone ``by`` may
    message and, unless they are connected with everyone there, someone the others may
    message too (nobody is put in a room with a person they blocked or keep out)."""
    now = now or timezone.now()
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    place = _place(by, conversation)
    if not conversation.is_group:
        raise MessagingError("direct_add")
    if conversation.started_by_id != by.pk:
        raise MessagingError("not_starter", status=403)
    if place.left_at is not None:
        raise MessagingError("left")
    current = list(
        Participant.objects.filter(conversation=conversation, left_at__isnull=True).select_related(
            "user"
        )
    )
    present = {p.user_id for p in current}
    users = [u for u in {u.pk: u for u in users}.values() if u.pk not in present]
    if not users:
        raise MessagingError("no_recipients")
    if len(present) + len(users) > MAX_PARTICIPANTS:
        _refuse("too_many_people")
    _lock_users([by.pk] + [u.pk for u in users])
    for member in [p.user for p in current]:
        refusals = permissions.reasons(member, users, now=now)
        for user in users:
            code = refusals[user.pk]
            if code and member.pk == by.pk:
                raise MessagingError(code)
            if code:
                # Someone already there may not write to this person: say so without
                # saying who or why.
                raise MessagingError("not_found")
    added = []
    for user in users:
        participant, created = Participant.objects.get_or_create(
            conversation=conversation,
            user=user,
            defaults={"joined_at": now, "activity_at": now, "added_by": by},
        )
        if not created:
            participant.left_at = None
            participant.hidden_at = None
            participant.joined_at = now
            participant.activity_at = now
            participant.save(update_fields=["left_at", "hidden_at", "joined_at", "activity_at"])
        added.append(participant)
    return added


@transaction.atomic
def settings_update(
    *, user, who_may_message=None, exchanges_paused=None, exchanges_at_once=None
) -> MessagingSettings:
    settings, _created = MessagingSettings.objects.select_for_update().get_or_create(user=user)
    if who_may_message is not None:
        settings.who_may_message = Audience(who_may_message)
    if exchanges_paused is not None:
        settings.exchanges_paused = bool(exchanges_paused)
    if exchanges_at_once is not None:
        settings.exchanges_at_once = max(1, min(int(exchanges_at_once), 10))
    settings.save()
    return settings


def conversations_end_for_block(*, blocker, blocked, now=None) -> int:
    """Blocking ends every direct conversation between the two and hides it for the
    blocker (group conversations go on; neither sees the other's new messages there)."""
    now = now or timezone.now()
    low, high = sorted([blocker.pk, blocked.pk])
    direct = Conversation.objects.filter(
        kind=Conversation.Kind.DIRECT, pair_low_id=low, pair_high_id=high
    )
    ended = direct.filter(ended_at__isnull=True).update(ended_at=now)
    Participant.objects.filter(conversation__in=direct, user=blocker).update(hidden_at=now)
    return ended


def conversation_open_for_exchange(
    *, requester, recipient, body: str, language: str = "", now=None
):
    """An accepted mentoring or peer-exchange request: the direct conversation between the
    two (reusing the open one), with the request as the requester's first message.

    The recipient has just said yes, so their who-may-message setting and the rate limits
    on new conversations do not apply; a block either way or a suspended requester still
    refuses (``MessagingError``). Runs inside the caller's transaction; tells nobody (the
    accepting service tells the requester)."""
    from community.models import Block

    now = now or timezone.now()
    body = _body(body)
    if not body:
        raise MessagingError("empty")
    _lock_users([requester.pk, recipient.pk])
    if Block.objects.filter(
        Q(blocker=requester, blocked=recipient) | Q(blocker=recipient, blocked=requester)
    ).exists():
        raise MessagingError("not_found")
    if permissions.is_suspended(requester, now):
        raise MessagingError("suspended")
    conversation = _direct_for(requester, recipient, now=now)
    message = Message.objects.create(
        conversation=conversation,
        sender=requester,
        body=body,
        html=formatted_html(body, linkify=True),
        language=language or translation.get_language() or "",
        created_at=now,
    )
    conversation.last_message_at = now
    conversation.save(update_fields=["last_message_at"])
    Participant.objects.filter(conversation=conversation, user=recipient).update(
        activity_at=now, hidden_at=None
    )
    Participant.objects.filter(conversation=conversation, user=requester).update(
        activity_at=now, last_read_at=now, hidden_at=None
    )
    return conversation, message
