"""Writes for partner tokens: issue, rescope, revoke; and the log of each use."""

import secrets

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from api.errors import api_error
from api.models import ApiToken, ApiTokenUse, Scope, hash_token

#: A token reads ``ogc_`` then 43 URL-safe characters (32 random bytes).
TOKEN_PREFIX = "ogc_"  # noqa: S105 — a label, not a secret


def token_create(*, name: str, partner, scopes: list[str], by, expires_at=None, now=None):
    """A new token for ``partner``. Returns ``(token, raw)``: ``raw`` is shown once and
    never stored (only its SHA-256 is)."""
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise api_error("scope")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name,
            partner=partner,
            scopes=sorted(set(scopes)),
            key_hash=hash_token(raw),
            prefix=raw[: len(TOKEN_PREFIX) + 4],
            created_by=by,
            expires_at=expires_at,
        )
        log(token, "api.token_create", user=by, data={"scopes": token.scopes})
    return token, raw


def token_revoke(*, token: ApiToken, by, now=None) -> ApiToken:
    """Revoke at once; a revoked token is refused from the next request on. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = now
            locked.save(update_fields=["revoked_at"])
            log(locked, "api.token_revoke", user=by, data={})
    return locked


def token_for(raw: str, *, now=None) -> ApiToken | None:
    """The usable token ``raw`` stands for, else None (unknown, expired or revoked)."""
    if not raw or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("partner").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.is_usable(now):
        return None
    return token


def record_use(*, token: ApiToken, method: str, path: str, status: int, now=None) -> None:
    """One INSERT and one UPDATE per request made with a token."""
    now = now or timezone.now()
    ApiTokenUse.objects.create(
        token=token, at=now, method=method[:8], path=path[:300], status=status
    )
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def token_set_scopes(*, token: ApiToken, scopes: list[str], by, now=None) -> ApiToken:
    """Change what a token may read; takes effect on its next request."""
    if set(scopes) - set(Scope.values):
        raise api_error("scope")
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        locked.scopes = sorted(set(scopes))
        locked.save(update_fields=["scopes"])
        log(locked, "api.token_scopes", user=by, data={"scopes": locked.scopes})
    return locked
