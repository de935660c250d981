"""What messaging shows outside its own pages: the "Message" button on profiles and
directory cards (``community.actions``) and the "My messages" section of /me/
(``home.me``). Reads only; a fixed number of queries whatever the page holds."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from messaging import permissions

ME_LATEST = 3
FORMER_MEMBER = _("Former member")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def message_allowed(viewer, profiles) -> set[int]:
    """The ids of the profiles (on one page) whose member ``viewer`` may write to: the
    rule's queries (plus one for the accounts unless the profiles carry them), whatever
    the number of profiles."""
    from community.models import Profile

    by_user = {p.user_id: p.pk for p in profiles}
    if not by_user or not viewer.is_authenticated:
        return set()
    users = [p.user for p in profiles if Profile.user.is_cached(p)]
    missing = set(by_user) - {u.pk for u in users}
    if missing:
        users += list(get_user_model().objects.filter(pk__in=missing).only("pk", "is_active"))
    return {by_user[pk] for pk in permissions.messageable(viewer, users)}


def _unread_count(user) -> int:
    """The header's count of conversations with something new, when read already."""
    from home.me import header_count
    from messaging.selectors import unread_conversations

    count = header_count(user, "messages")
    return unread_conversations(user).count() if count is None else count


def me_messages(user) -> dict:
    """The member's latest three conversations, each with how many messages are new to
    them and the names of the others, and how many conversations are unread (three
    queries, whatever the member has)."""
    from community.models import Block
    from messaging.models import Message, Participant

    new = (
        Message.objects.filter(
            conversation=OuterRef("conversation"),
            created_at__gte=OuterRef("joined_at"),
            created_at__gt=Coalesce(OuterRef("last_read_at"), Value(EPOCH)),
            deleted_at__isnull=True,
            removed_at__isnull=True,
        )
        .exclude(sender=user)
        # In a group, what a blocked member (either way) writes is not shown, so not new.
        .exclude(sender__in=Block.objects.filter(blocker=user).values("blocked"))
        .exclude(sender__in=Block.objects.filter(blocked=user).values("blocker"))
        .order_by()
        .values("conversation")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    places = list(
        Participant.objects.filter(user=user, left_at__isnull=True, hidden_at__isnull=True)
        .select_related("conversation")
        .annotate(new=Coalesce(Subquery(new, output_field=IntegerField()), 0))
        .order_by("-activity_at", "-pk")[:ME_LATEST]
    )
    names: dict[int, list[str]] = {p.conversation_id: [] for p in places}
    if places:
        rows = (
            Participant.objects.filter(conversation_id__in=list(names), left_at__isnull=True)
            .exclude(user=user)
            .order_by("joined_at", "pk")
            .values_list("conversation_id", "user__profile__display_name")
        )
        for conversation_id, name in rows:
            names[conversation_id].append(name or str(FORMER_MEMBER))
    return {
        "conversations": [
            {"conversation": p.conversation, "names": names[p.conversation_id], "new": p.new}
            for p in places
        ],
        "unread_count": _unread_count(user) if places else 0,
    }
