"""Community's notification kinds, and allauth's account emails (all essential)."""

from django.utils.translation import gettext_lazy as _

from home.notify import Kind, register

register(
    Kind("community.connection_request", _("Someone asks to connect with you")),
    Kind("community.connection_accepted", _("Someone accepted your connection request")),
)

#: allauth's emails: account security, always by email at once, not in the centre.
ACCOUNT_EMAILS = {
    "account": [
        ("email_confirmation", _("Confirm your email address")),
        ("email_confirmation_signup", _("Confirm your email address")),
        ("email_confirm", _("Your email address was confirmed")),
        ("email_changed", _("Your email address was changed")),
        ("email_deleted", _("An email address was removed")),
        ("password_reset_key", _("Reset your password")),
        ("password_reset_code", _("Your password reset code")),
        ("password_reset", _("Your password was reset")),
        ("password_changed", _("Your password was changed")),
        ("password_set", _("Your password was set")),
        ("account_already_exists", _("Somebody tried to sign up with your address")),
        ("unknown_account", _("Nobody has an account with this address")),
        ("login_code", _("Your sign-in code")),
    ],
    "mfa": [
        ("totp_activated", _("Two-step verification was switched on")),
        ("totp_deactivated", _("Two-step verification was switched off")),
        ("recovery_codes_generated", _("New recovery codes were made")),
        ("webauthn_added", _("A security key was added")),
        ("webauthn_removed", _("A security key was removed")),
    ],
}

register(
    *[
        Kind(
            f"account.{name}" if app == "account" else f"account.{app}_{name}",
            label,
            essential=True,
            in_app=False,
            listed=False,
            template=f"{app}/email/{name}",
            text_suffix="_message.txt",
        )
        for app, emails in ACCOUNT_EMAILS.items()
        for name, label in emails
    ]
)
