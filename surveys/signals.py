"""Member data: the surveys a member was asked to answer and whether they did. Their
answers cannot be part of it: nothing links them to the person. Invitations and receipts
go with the account (on delete cascade); the anonymous answers stay."""

from django.dispatch import receiver

from community.signals import collect_member_data
from surveys.models import Invitation, Receipt


@receiver(collect_member_data, dispatch_uid="surveys.invitations_data")
def invitations_data(sender, user, **kwargs):
    answered = set(Receipt.objects.filter(user=user).values_list("round_id", flat=True))
    rows = Invitation.objects.filter(user=user).select_related("round__survey").order_by("pk")
    return (
        "surveys",
        [
            {
                "survey": row.round.survey.title,
                "invited_at": row.created_at.isoformat(),
                "answered": row.round_id in answered,
                "answers": "stored without a link to you, so they cannot be listed here",
            }
            for row in rows
        ],
    )
