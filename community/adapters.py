from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from home import links
from home.notify import Address, language_for, notify


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with its mail going through ``notify()`` in the recipient's language.

    Links allauth built from the request (confirmation, reset, sign-up) are rebuilt on
    ``SITE_URL`` and in the recipient's language.
    """

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = _account_for(email)
        recipient = Address(email, user=user)
        language = language_for(recipient)
        request = getattr(allauth_context, "request", None)
        host = request.get_host() if request is not None else ""
        ctx = {
            key: _relink(value, language, host) if isinstance(value, str) else value
            for key, value in context.items()
        }
        ctx.update(email=email, current_site=_Site(), user=ctx.get("user", user))
        notify(recipient, account_kind(template_prefix), context=ctx)

    def get_login_redirect_url(self, request):
        """A member whose profile is still empty lands on the profile form first."""
        from django.urls import reverse

        profile = getattr(request.user, "profile", None)
        if profile is not None and not profile.headline:
            return reverse("community:profile_edit")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """A new member's first sign-in, on confirming their address, opens the
        profile form: their profile is empty by definition."""
        from django.urls import reverse

        return reverse("community:profile_edit")

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        if user.preferred_language not in dict(settings.LANGUAGES):
            user.preferred_language = settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)


def account_kind(template_prefix: str) -> str:
    """``account/email/password_reset_key`` → ``account.password_reset_key``;
    ``mfa/email/totp_activated`` → ``account.mfa_totp_activated``."""
    app, _email, name = template_prefix.split("/")
    return f"account.{name}" if app == "account" else f"account.{app}_{name}"


def _account_for(email: str):
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return get_user_model().objects.filter(email__iexact=email).first()


def _relink(value: str, language: str, host: str) -> str:
    """An absolute URL allauth built on the request's host, moved onto SITE_URL and
    into ``language``; any other string unchanged."""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not host or parts.netloc != host:
        return value
    path = parts.path
    prefix = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    if prefix in dict(settings.LANGUAGES):
        path = f"/{language}/" + path.split("/", 2)[2]
    return links.absolute(path + (f"?{parts.query}" if parts.query else ""))


class _Site:
    """What allauth's templates call ``current_site``, without django.contrib.sites."""

    name = settings.WAGTAIL_SITE_NAME

    @property
    def domain(self) -> str:
        return links.domain()
