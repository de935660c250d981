"""System checks for cohorts: certificates need an issuer key in production."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from cohorts import credential_keys


@register(Tags.security, deploy=True)
def credential_key_configured(app_configs, **kwargs):
    """``check --deploy``: without a key, certificates cannot be signed or verified."""
    if getattr(settings, "CREDENTIAL_KEYS_AUTOGENERATE", False):
        if settings.DEBUG:
            return []
        return [
            Warning(
                "CREDENTIAL_KEYS_AUTOGENERATE is on outside DEBUG: the issuer key would be "
                "generated on the server instead of being provisioned and backed up.",
                hint="Set CREDENTIAL_KEYS or CREDENTIAL_KEYS_FILE and switch it off.",
                id="cohorts.W002",
            )
        ]
    if credential_keys.configured():
        try:
            credential_keys.load()
        except credential_keys.KeysUnavailable as exc:
            return [Warning(str(exc), id="cohorts.W003")]
        return []
    return [
        Warning(
            "No issuer key for verifiable certificates: certificates are issued unsigned "
            "and their verification pages say they cannot be verified.",
            hint="Run `manage.py rotate_credential_key` (writes CREDENTIAL_KEYS_FILE) or set "
            "CREDENTIAL_KEYS; see docs/cohorts.md, Certificates.",
            id="cohorts.W001",
        )
    ]
