"""Verifiable certificates: what is published for verifiers, and the public check.

Language-neutral JSON (``cohorts/credential_urls.py``, no prefix, CORS-open, cached):
the issuer profile, its JWKS, the revocation status list, each certificate's signed
credential and each cohort's achievement definition. Under ``/<lang>/cohorts/``: the
verification page of a certificate, the paste-or-upload check and the achievement page.
"""

from datetime import date

from django import forms
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_from_request
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from cohorts import credential_keys, credentials, services
from cohorts.models import Certificate, CohortPage
from home.forms import state_limits

LANGUAGES = ("en", "fr", "es")


def _public(response, *, max_age: int):
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex"
    return response


def _json(data: dict, *, content_type="application/json", max_age=3600):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = content_type
    return _public(response, max_age=max_age)


def _unavailable():
    response = HttpResponse(
        "No credential key is configured.", status=503, content_type="text/plain"
    )
    response["Retry-After"] = "3600"
    return response


# ---------------------------------------------------------------------------
# Published for verifiers
# ---------------------------------------------------------------------------
def issuer(request):
    try:
        return _json(credentials.issuer_profile(), content_type="application/ld+json")
    except credential_keys.KeysUnavailable:
        return _unavailable()


def jwks(request):
    try:
        return _json(credentials.public_jwks(), content_type="application/jwk-set+json")
    except credential_keys.KeysUnavailable:
        return _unavailable()


def status_list(request, purpose: str):
    if purpose != credentials.STATUS_PURPOSE:
        raise Http404
    try:
        token = credentials.status_list_token()
    except credential_keys.KeysUnavailable:
        return _unavailable()
    # Short-lived: a revocation shows within five minutes to caching verifiers.
    return _public(HttpResponse(token, content_type=credentials.MEDIA_TYPE), max_age=300)


def _signed(identifier: str) -> Certificate:
    certificate = (
        Certificate.objects.filter(identifier=identifier[:64])
        .select_related("participant__cohort", "participant__user")
        .first()
    )
    if certificate is None:
        raise Http404
    if not certificate.credential and not certificate.is_revoked:
        certificate = services.certificate_sign(certificate=certificate)
    return certificate


def credential_file(request, identifier: str):
    """The signed credential (compact JWS) a holder hands to a wallet or verifier."""
    try:
        certificate = _signed(identifier)
    except credential_keys.KeysUnavailable:
        return _unavailable()
    if not certificate.credential:
        raise Http404
    response = HttpResponse(certificate.credential, content_type=credentials.MEDIA_TYPE)
    if request.GET.get("download"):
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{certificate.identifier[:8]}.jwt"'
        )
    return _public(response, max_age=3600)


def _cohort(translation_key) -> CohortPage:
    cohort = (
        CohortPage.objects.live()
        .public()
        .filter(translation_key=translation_key)
        .select_related("locale")
        .order_by("pk")
        .first()
    )
    if cohort is None:
        # A certificate outlives its cohort's publication: its achievement still resolves.
        cohort = (
            CohortPage.objects.filter(
                translation_key=translation_key, participants__certificate__isnull=False
            )
            .order_by("pk")
            .first()
        )
    if cohort is None:
        raise Http404
    return cohort


def _wants_html(request) -> bool:
    if request.GET.get("format") == "html":
        return True
    if request.GET.get("format") == "json":
        return False
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "json" not in accept.split("text/html")[0]


def achievement_json(request, translation_key):
    """The ``Achievement`` a credential names: JSON-LD (``?lang=``), or HTML for people."""
    cohort = _cohort(translation_key)
    language = request.GET.get("lang") or ""
    if _wants_html(request):
        if language not in LANGUAGES:
            language = get_language_from_request(request) or "en"
        with translation.override(language):
            url = reverse("cohorts:achievement", args=[translation_key])
        response = HttpResponseRedirect(url)
        response.status_code = 303
        response["Vary"] = "Accept, Accept-Language"
        return response
    if language not in LANGUAGES:
        language = "en"
    response = _json(
        credentials.achievement(cohort, language=language), content_type="application/ld+json"
    )
    response["Content-Language"] = language
    response["Vary"] = "Accept"
    return response


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------
def achievement_page(request, translation_key):
    cohort = _cohort(translation_key)
    data = credentials.achievement(cohort, language=request.LANGUAGE_CODE)
    return render(
        request,
        "cohorts/achievement.html",
        {
            "achievement": data,
            "json_url": f"{data['id']}?lang={request.LANGUAGE_CODE}",
            "cohort": cohort.localized_for(request.LANGUAGE_CODE),
        },
    )


def _facts(result: credentials.Verification) -> dict:
    """What the page shows, read from the verified credential, not the database."""
    subject = result.credential.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    try:
        issued = date.fromisoformat(str(result.credential.get("validFrom") or "")[:10])
    except ValueError:
        issued = None
    return {
        "holder": subject.get("name") or "",
        "achievement": achievement.get("name") or "",
        "achievement_url": achievement.get("id") or "",
        "issued_on": issued,
        "issuer": (result.credential.get("issuer") or {}).get("name", ""),
    }


def certificate_verify(request, identifier: str):
    """Public: verifies the stored credential as any verifier would (signature against
    the published keys, bit in the published status list), then says what it found."""
    certificate = Certificate.objects.filter(identifier=identifier[:64]).first()
    context = {"certificate": certificate}
    status = 200
    if certificate is None:
        status = 404
    else:
        try:
            certificate = _signed(certificate.identifier)
            if certificate.credential:
                result = credentials.verify(certificate.credential)
                if result.credential and result.credential.get("id") != (
                    certificate.verification_url("en")
                ):
                    result = credentials.Verification(credentials.INVALID, reason="id mismatch")
            else:
                # Revoked before it was ever signed, or its holder's account was deleted.
                result = credentials.Verification(credentials.REVOKED)
        except credential_keys.KeysUnavailable:
            result = credentials.Verification(credentials.INVALID, reason="no key")
        context.update(
            result=result,
            facts=_facts(result),
            credential_url=credentials.credential_url(certificate.identifier)
            if certificate.credential
            else "",
        )
    response = render(request, "cohorts/certificate_verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


class VerifyForm(forms.Form):
    credential = forms.CharField(
        label=_("Paste the credential"),
        required=False,
        max_length=credentials.MAX_TOKEN_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_(
            "The signed credential (a .jwt file, or its JSON envelope) from the certificate page."
        ),
    )
    file = forms.FileField(label=_("Or choose the credential file"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_limits(self)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = (data.get("credential") or "").strip()
        if upload is not None:
            if upload.size > credentials.MAX_TOKEN_LENGTH:
                raise forms.ValidationError(
                    _("This file is too large to be a credential."), code="too_large"
                )
            try:
                text = upload.read().decode("utf-8").strip()
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    _("This file is not a credential: it is not text."), code="binary"
                ) from None
        if not text:
            raise forms.ValidationError(
                _("Paste a credential or choose a credential file."), code="empty"
            )
        try:
            data["token"] = credentials.token_from_upload(text)
        except ValueError as exc:
            if str(exc) == "unsigned":
                raise forms.ValidationError(
                    _(
                        "This credential carries no signature, so it cannot be verified. "
                        "Download the signed credential from the certificate page."
                    ),
                    code="unsigned",
                ) from None
            raise forms.ValidationError(
                _("This is not a credential file: its JSON could not be read."), code="json"
            ) from None
        return data


@require_http_methods(["GET", "POST"])
def verify_upload(request):
    """Anyone may check a credential file they were given."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    context = {"form": form, "issuer_url": credentials.issuer_id()}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = credentials.verify(form.cleaned_data["token"])
            except credential_keys.KeysUnavailable:
                result = credentials.Verification(credentials.INVALID, reason="no key")
            context.update(result=result, facts=_facts(result))
        else:
            status = 400
    response = render(request, "cohorts/credential_check.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
