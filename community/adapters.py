from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter

from home import outbox


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with its mail going through the outbox in the recipient's language."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = get_user_model().objects.filter(email__iexact=email).first()
        language = (
            user.preferred_language
            if user is not None and user.preferred_language
            else translation.get_language() or settings.LANGUAGE_CODE
        )
        with translation.override(language):
            ctx = {"email": email, "site_name": settings.WAGTAIL_SITE_NAME, **context}
            ctx.setdefault("current_site", _Site())
            message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        outbox.enqueue(
            to=email,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            language=language,
            reason=template_prefix.rsplit("/", 1)[-1],
        )

    def get_login_redirect_url(self, request):
        """A member whose profile is still empty lands on the profile form first."""
        from django.urls import reverse

        profile = getattr(request.user, "profile", None)
        if profile is not None and not profile.headline:
            return reverse("community:profile_edit")
        return super().get_login_redirect_url(request)

    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.WAGTAIL_SITE_NAME}] {subject}"

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        if user.preferred_language not in dict(settings.LANGUAGES):
            user.preferred_language = settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)


class _Site:
    """What allauth's templates call ``current_site``, without django.contrib.sites."""

    name = settings.WAGTAIL_SITE_NAME
    domain = settings.SITE_URL.split("://", 1)[-1]
