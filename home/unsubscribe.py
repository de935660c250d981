"""One-click unsubscribe: signed links that work without signing in.

A token names who (a member id, or an address without an account) and what (a kind, or
a digest period). It is signed with the secret key, so it cannot be forged or altered;
it does not expire, because an unsubscribe link in an old email must still work.
Following it changes the member's preference for that kind to "on the site only" (an
address without an account is put on the suppression list); the page it lands on can
undo the change.
"""

from dataclasses import dataclass

from django.core import signing
from django.db import transaction

from home import links
from home.models import DIGESTS, Delivery, EmailSuppression, NotificationPreference

SALT = "home.unsubscribe"
#: The pseudo-kind of a digest email; the token also carries the period.
DIGEST = "home.digest"


class BadToken(Exception):
    """The link was altered, truncated or made up."""


@dataclass
class Subscription:
    """What a token designates."""

    kind: str
    user_id: int | None = None
    email: str = ""
    period: str = ""

    @property
    def is_digest(self) -> bool:
        return self.kind == DIGEST


def make_token(*, kind: str, user_id=None, email: str = "", period: str = "") -> str:
    payload = {"k": kind}
    if user_id is not None:
        payload["u"] = user_id
    else:
        payload["e"] = email.lower()
    if period:
        payload["p"] = period
    return signing.dumps(payload, salt=SALT, compress=True)


def url_for(recipient, kind: str, language: str, *, period: str = "") -> str:
    """The unsubscribe link for ``recipient`` and ``kind`` (absolute, in ``language``)."""
    from home.notify import Address

    if isinstance(recipient, Address) and recipient.user is None:
        token = make_token(kind=kind, email=recipient.email, period=period)
    else:
        user = recipient.user if isinstance(recipient, Address) else recipient
        token = make_token(kind=kind, user_id=user.pk, period=period)
    return links.url("notifications:unsubscribe", language=language, args=[token])


def read_token(token: str) -> Subscription:
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadToken from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("k"), str):
        raise BadToken
    period = payload.get("p", "")
    if payload["k"] == DIGEST and period not in DIGESTS:
        raise BadToken
    if "u" in payload and isinstance(payload["u"], int):
        return Subscription(kind=payload["k"], user_id=payload["u"], period=period)
    if isinstance(payload.get("e"), str) and payload["e"]:
        return Subscription(kind=payload["k"], email=payload["e"], period=period)
    raise BadToken


def apply(subscription: Subscription, *, user=None) -> dict:
    """Stop the emails; returns what each changed kind was before, for undo."""
    from home.notify import kind as get_kind
    from home.notify import kinds

    previous: dict[str, str] = {}
    with transaction.atomic():
        if user is None:
            EmailSuppression.objects.get_or_create(
                email=subscription.email.lower(), kind=subscription.kind
            )
            return {subscription.kind: "email"}
        chosen = dict(
            NotificationPreference.objects.filter(user=user).values_list("kind", "delivery")
        )
        if subscription.is_digest:
            targets = [
                k.key
                for k in kinds()
                if not k.essential and chosen.get(k.key, k.default) == subscription.period
            ]
        else:
            kind_ = get_kind(subscription.kind)
            targets = [] if kind_.essential else [kind_.key]
        for key in targets:
            previous[key] = chosen.get(key, get_kind(key).default)
            NotificationPreference.objects.update_or_create(
                user=user, kind=key, defaults={"delivery": Delivery.SITE}
            )
    return previous


def undo(subscription: Subscription, previous: dict, *, user=None) -> None:
    """Put back what ``apply`` changed."""
    from home.notify import kind as get_kind

    with transaction.atomic():
        if user is None:
            EmailSuppression.objects.filter(
                email=subscription.email.lower(), kind=subscription.kind
            ).delete()
            return
        for key, delivery in previous.items():
            get_kind(key)  # refuse unknown kinds
            if delivery not in Delivery.values:
                continue
            NotificationPreference.objects.update_or_create(
                user=user, kind=key, defaults={"delivery": delivery}
            )


def sign_previous(previous: dict) -> str:
    return signing.dumps(previous, salt=SALT + ".undo", compress=True)


def read_previous(value: str) -> dict:
    try:
        data = signing.loads(value, salt=SALT + ".undo")
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadToken from exc
    if not isinstance(data, dict) or not isinstance(data.get("p"), dict):
        raise BadToken
    return {
        "t": str(data.get("t", "")),
        "p": {str(k): str(v) for k, v in data["p"].items()},
    }
