"""``{% exchange_offer profile %}``: the profile page's mentoring and peer-exchange
buttons, shown by the same rule as the service (``permissions.exchange_refusals``)."""

from django import template

from messaging import permissions
from messaging.exchange_forms import KIND_ASK

register = template.Library()

_HIDDEN = {"not_found", "self", "suspended"}


@register.inclusion_tag("messaging/exchanges/offer.html", takes_context=True)
def exchange_offer(context, profile):
    """``profile``: a ``Profile`` or a ``ProfileView`` the viewer may already see."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    profile = getattr(profile, "profile", profile)
    if viewer is None or not viewer.is_authenticated:
        return {"show": False}
    refusals = permissions.exchange_refusals(viewer, profile.user, visible_profile=profile)
    codes = set(refusals.values())
    if codes <= _HIDDEN | {"not_open"}:
        return {"show": False}
    return {
        "show": True,
        "profile_pk": profile.pk,
        "asks": [(kind, KIND_ASK[kind]) for kind, code in refusals.items() if code is None],
        "waiting": "already_open" in codes,
        "busy": bool(codes & {"paused", "full"}),
    }
