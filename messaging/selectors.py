"""Reads for messaging (inbox, conversation, search) that span relations.

The one visibility rule, ``visible_messages``: a member sees the messages of a
conversation they take part in (and have not hidden) sent from the moment they joined
(``Participant.joined_at``) until they left, if they left; in a group conversation,
not the messages of someone they blocked, or who blocked them, sent after the block
(``community.Block.created_at``). The inbox, the conversation page, search, the
"since" fragment and attachment downloads all read through it.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext_lazy as _

from home.text import plain_text
from messaging.models import Conversation, Message, Participant

FORMER_MEMBER = _("Former member")
#: How much of the latest message the inbox shows (it is cut on a word in the template).
PREVIEW_CHARS = 160
INBOX_PAGE = 20
SEARCH_PAGE = 20

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def unread_conversations(user):
    """The member's conversations with something new since they last read them (the
    header count)."""
    return Participant.objects.filter(
        user=user, left_at__isnull=True, hidden_at__isnull=True
    ).filter(Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("activity_at")))


def name_of(user) -> str:
    """A person's name as members see it: their profile's display name."""
    if user is None:
        return str(FORMER_MEMBER)
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or str(FORMER_MEMBER)


def _blocked_after(user):
    """Messages whose sender ``user`` blocked, or who blocked ``user``, sent after the
    block (to be excluded in group conversations)."""
    from community.models import Block

    return Q(conversation__kind=Conversation.Kind.GROUP) & Exists(
        Block.objects.filter(
            Q(blocker=user, blocked=OuterRef("sender"))
            | Q(blocker=OuterRef("sender"), blocked=user)
        ).filter(created_at__lte=OuterRef("created_at"))
    )


def _visible_from_outer(user):
    """Messages of the outer Participant row's conversation that ``user`` sees (the
    inbox lists only conversations they have not left)."""
    return Message.objects.filter(
        conversation=OuterRef("conversation"), created_at__gte=OuterRef("joined_at")
    ).exclude(_blocked_after(user))


def participation(user, conversation_pk) -> Participant | None:
    """The member's place in a conversation they may read (not hidden), with the
    conversation; None when there is none (the views answer 404)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Participant.objects.filter(
            user=user, conversation_id=conversation_pk, hidden_at__isnull=True
        )
        .select_related("conversation")
        .first()
    )


def places_in(user, conversation_pk) -> tuple[Participant | None, list[Participant]]:
    """The member's place (as ``participation``) and the people still in the
    conversation with their profiles, in one query."""
    if not getattr(user, "is_authenticated", False):
        return None, []
    rows = list(
        Participant.objects.filter(conversation_id=conversation_pk)
        .filter(Q(left_at__isnull=True) | Q(user=user))
        .select_related("conversation", "user__profile")
        .order_by("joined_at", "pk")
    )
    place = next((p for p in rows if p.user_id == user.pk and p.hidden_at is None), None)
    if place is None:
        return None, []
    people = [p for p in rows if p.left_at is None]
    for p in people:
        p.conversation = place.conversation
    return place, people


def visible_messages(user, conversation, *, place: Participant | None = None):
    """The messages of ``conversation`` that ``user`` may see (see the module's rule);
    none when they take no part in it or have hidden it."""
    if place is None:
        place = participation(user, conversation.pk)
    if place is None or place.conversation_id != conversation.pk:
        return Message.objects.none()
    messages = Message.objects.filter(conversation=conversation, created_at__gte=place.joined_at)
    if place.left_at is not None:
        messages = messages.filter(created_at__lte=place.left_at)
    if conversation.is_group:
        messages = messages.exclude(_blocked_after(user))
    return messages


def inbox(user, *, q: str = ""):
    """The member's conversations (not left, not hidden), newest activity first, each
    Participant annotated with ``latest_id``, ``latest_preview``, ``latest_at``,
    ``latest_gone`` (deleted or removed) and ``unread``; the conversation and the
    people still in it (with their profiles) come along: three queries for a page.
    ``q`` keeps the conversations whose title or a participant's name contains it."""
    visible = _visible_from_outer(user)
    latest = visible.order_by("-created_at", "-id")
    unread = (
        visible.filter(
            created_at__gt=OuterRef("read_mark"), deleted_at__isnull=True, removed_at__isnull=True
        )
        .exclude(sender=user)
        .order_by()
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    others = Participant.objects.filter(left_at__isnull=True).select_related("user__profile")
    places = (
        Participant.objects.filter(user=user, left_at__isnull=True, hidden_at__isnull=True)
        .select_related("conversation")
        .prefetch_related(Prefetch("conversation__participants", queryset=others))
        .annotate(
            read_mark=Coalesce("last_read_at", Value(_EPOCH)),
        )
        .annotate(
            latest_id=Subquery(latest.values("id")[:1]),
            latest_preview=Subquery(latest.values(text=Substr("html", 1, PREVIEW_CHARS * 3))[:1]),
            latest_at=Subquery(latest.values("created_at")[:1]),
            latest_deleted=Subquery(latest.values("deleted_at")[:1]),
            latest_removed=Subquery(latest.values("removed_at")[:1]),
            unread=Coalesce(Subquery(unread, output_field=IntegerField()), 0),
        )
        .order_by("-activity_at", "-pk")
    )
    q = (q or "").strip()
    if q:
        named = Participant.objects.filter(
            conversation=OuterRef("conversation"),
            left_at__isnull=True,
            user__profile__display_name__icontains=q,
        ).exclude(user=user)
        places = places.filter(Q(conversation__title__icontains=q) | Exists(named))
    return places


@dataclass
class InboxEntry:
    place: Participant
    conversation: Conversation
    names: list[str]
    title: str
    preview: str
    latest_at: datetime | None
    latest_gone: bool
    unread: int


def inbox_entries(user, places) -> list[InboxEntry]:
    """What the inbox shows for each place of a page of ``inbox(user)`` (no query more)."""
    entries = []
    for place in places:
        conversation = place.conversation
        people = [p for p in conversation.participants.all() if p.user_id != user.pk]
        names = [name_of(p.user) for p in people] or [str(FORMER_MEMBER)]
        entries.append(
            InboxEntry(
                place=place,
                conversation=conversation,
                names=names,
                title=conversation.title if conversation.is_group else "",
                preview=plain_text(place.latest_preview or "")[:PREVIEW_CHARS],
                latest_at=place.latest_at,
                latest_gone=bool(place.latest_deleted or place.latest_removed),
                unread=place.unread or 0,
            )
        )
    return entries


@dataclass
class ConversationPage:
    messages: list[Message]
    #: The id to ask for (``?before=``) when there are earlier messages, else None.
    earlier: int | None
    people: list[Participant] = field(default_factory=list)


def _with_details(messages):
    return messages.select_related("sender__profile").prefetch_related("attachments")


def conversation_page(user, conversation, *, before=None, size: int = 30, place=None, people=None):
    """The latest ``size`` visible messages (before message ``before`` when given),
    oldest first, senders and attachments prefetched, and the people in it (pass
    ``place`` and ``people`` from ``places_in`` to save their queries)."""
    messages = visible_messages(user, conversation, place=place)
    if before is not None:
        anchor = Message.objects.filter(pk=before, conversation=conversation).first()
        if anchor is not None:
            messages = messages.filter(
                Q(created_at__lt=anchor.created_at)
                | Q(created_at=anchor.created_at, id__lt=anchor.id)
            )
    rows = list(_with_details(messages).order_by("-created_at", "-id")[: size + 1])
    earlier = None
    if len(rows) > size:
        rows = rows[:size]
        earlier = rows[-1].pk
    rows.reverse()
    if people is None:
        people = list(
            Participant.objects.filter(conversation=conversation, left_at__isnull=True)
            .select_related("user__profile")
            .order_by("joined_at", "pk")
        )
    return ConversationPage(messages=rows, earlier=earlier, people=people)


def messages_since(user, conversation, message_id, *, place=None, limit: int = 50):
    """Visible messages newer than message ``message_id`` (the polling fragment)."""
    anchor = Message.objects.filter(pk=message_id, conversation=conversation).first()
    if anchor is None:
        return []
    messages = visible_messages(user, conversation, place=place).filter(
        Q(created_at__gt=anchor.created_at) | Q(created_at=anchor.created_at, id__gt=anchor.id)
    )
    return list(_with_details(messages).order_by("created_at", "id")[:limit])


def search(user, q: str):
    """The member's visible messages (in conversations they take part in and have not
    hidden) containing every word of ``q``, newest first: paginate it."""
    words = [w for w in (q or "").split() if w][:8]
    if not words or not getattr(user, "is_authenticated", False):
        return Message.objects.none()
    places = Participant.objects.filter(
        user=user, conversation=OuterRef("conversation"), hidden_at__isnull=True
    ).filter(
        Q(joined_at__lte=OuterRef("created_at")),
        Q(left_at__isnull=True) | Q(left_at__gte=OuterRef("created_at")),
    )
    messages = (
        Message.objects.filter(Exists(places), deleted_at__isnull=True, removed_at__isnull=True)
        .exclude(_blocked_after(user))
        .select_related("conversation", "sender__profile")
    )
    for word in words:
        messages = messages.filter(body__icontains=word)
    return messages.order_by("-created_at", "-id")


def message_candidates(user, *, exclude=()):
    """Profiles of the people ``user`` may start a conversation with, among their
    connections and the people sharing a circle with them, by name (listed through
    ``Profile.objects.visible_to`` and ``permissions.messageable``)."""
    from community.models import Profile
    from community.selectors import connection_ids
    from home import circles
    from messaging import permissions

    ids = (connection_ids(user) | circles.sharing_with(user)) - {user.pk, *exclude}
    if not ids:
        return []
    profiles = list(
        Profile.objects.visible_to(user)
        .filter(user_id__in=ids)
        .select_related("user")
        .order_by("display_name", "pk")
    )
    allowed = permissions.messageable(user, [p.user for p in profiles])
    return [p for p in profiles if p.user_id in allowed]


def visible_message(user, message_id):
    """A message ``user`` can read (not deleted or removed), with their place, or
    (None, None)."""
    message = Message.objects.filter(pk=message_id).select_related("conversation").first()
    if message is None or message.is_gone:
        return None, None
    place = participation(user, message.conversation_id)
    if (
        place is None
        or not visible_messages(user, message.conversation, place=place)
        .filter(pk=message.pk)
        .exists()
    ):
        return None, None
    return message, place


def display_names(user_ids) -> dict[int, str]:
    """Display names for staff records (reports, actions): the profile's, else the
    account's full name."""
    from django.contrib.auth import get_user_model

    from community.models import Profile

    ids = {pk for pk in user_ids if pk}
    names = dict(Profile.objects.filter(user_id__in=ids).values_list("user_id", "display_name"))
    for user in get_user_model().objects.filter(pk__in=ids - set(names)):
        names[user.pk] = user.get_full_name()
    return names


def report_evidence(report) -> list[dict]:
    """A report's copy of what was reported, ready to show: times as datetimes, a
    deleted sender as "Former member"."""
    from datetime import datetime

    from django.utils.translation import gettext

    items = []
    for item in report.evidence:
        created = item.get("created_at")
        items.append(
            {
                **item,
                "created_at": datetime.fromisoformat(created) if created else None,
                "sender": item.get("sender") or gettext("Former member"),
            }
        )
    return items
