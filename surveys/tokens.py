"""The signed, unguessable link of one invitation (no account needed to follow it)."""

from django.core import signing

SALT = "surveys.invitation"


def token_for(invitation) -> str:
    return signing.dumps({"i": invitation.pk, "u": invitation.user_id}, salt=SALT, compress=True)


def read(token: str) -> dict | None:
    """``{"i": invitation id, "u": user id}``, or None when the token was not made here."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None
    return data
