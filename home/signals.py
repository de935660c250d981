"""The kernel's member-data signals, and its own receivers for them.

``member_deleting`` is sent inside the account-deletion transaction, before the account is
deleted: receivers anonymise or remove the records their app keeps
(``handler(sender, user, **kwargs)``). ``collect_member_data`` is sent when a member
downloads their data: receivers return a JSON-serialisable ``(section_name, data)``.
"""

from django.db.models import Q
from django.dispatch import Signal, receiver

member_deleting = Signal()
collect_member_data = Signal()


@receiver(member_deleting, dispatch_uid="home.notifications_go")
def notifications_go(sender, user, **kwargs):
    """Notifications and preferences go with the account; so do emails not yet sent to
    it, and the copies of emails already sent."""
    from home.models import EmailSuppression, Notification, NotificationPreference, OutboxEmail

    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    addresses = {user.email.lower()}
    try:
        from allauth.account.models import EmailAddress

        addresses |= {
            e.lower()
            for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        }
    except LookupError:  # allauth not installed
        pass
    query = Q()
    for address in addresses:
        query |= Q(to__iexact=address)
    OutboxEmail.objects.filter(query).delete()
    EmailSuppression.objects.filter(email__in=addresses).delete()


@receiver(collect_member_data, dispatch_uid="home.notifications_data")
def notifications_data(sender, user, **kwargs):
    from home.models import Notification, NotificationPreference
    from home.notify import kinds

    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return (
        "notifications",
        {
            "preferences": [
                {
                    "kind": kind.key,
                    "label": str(kind.label),
                    "delivery": chosen.get(kind.key, kind.default),
                    "chosen": kind.key in chosen,
                }
                for kind in kinds()
                if kind.listed and not kind.essential
            ],
            "received": [
                {
                    "kind": n.kind,
                    "title": n.title,
                    "link": n.link,
                    "created_at": n.created_at,
                    "read_at": n.read_at,
                }
                for n in Notification.objects.filter(recipient=user).order_by("created_at")
            ],
        },
    )
