"""Verifiable certificates: Open Badges 3.0 credentials secured with VC-JOSE.

Why VC-JOSE (a compact JWS, media type ``application/vc+jwt``) rather than a Data
Integrity proof: Open Badges 3.0 names VC-JWT as one of its two proof formats and most
wallets and learning platforms verify a JWS with any JOSE library, with no JSON-LD
canonicalisation to agree on (the weak point of interop with Data Integrity). The payload
*is* the credential (VC 2.0 / VC-JOSE-COSE); the header carries ``alg: EdDSA`` (RFC 8037,
what OB 3.0 verifiers accept today), ``typ: vc+jwt`` and ``kid``: the absolute id of the
verification method in the issuer profile (``/credentials/issuer.json#<thumbprint>``),
whose public keys are also a plain JWKS at ``/credentials/jwks.json``.

Signed with ``joserfc``; the test suite verifies with PyJWT + ``cryptography``.

Revocation: a W3C Bitstring Status List (``/credentials/status/revocation``), itself a
signed ``vc+jwt``. Each certificate gets a random, unique ``status_list_index`` (the spec
asks for random allocation so a position says nothing about the holder); revoking flips
its bit. ``verify()`` is what the public verification page runs, and it uses only what a
remote verifier has: the token, the published keys and the published status list.
"""

import base64
import gzip
import hashlib
import json
import secrets
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from cohorts import credential_keys

MEDIA_TYPE = "application/vc+jwt"
ALGORITHM = "EdDSA"
#: Bits in the status list: the spec's minimum (16 KB) for herd privacy.
STATUS_LIST_SIZE = 131_072
STATUS_PURPOSE = "revocation"
MAX_TOKEN_LENGTH = 64 * 1024

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def site() -> str:
    return settings.SITE_URL.rstrip("/")


def issuer_id() -> str:
    return f"{site()}/credentials/issuer.json"


def jwks_url() -> str:
    return f"{site()}/credentials/jwks.json"


def status_list_url() -> str:
    return f"{site()}/credentials/status/{STATUS_PURPOSE}"


def achievement_id(translation_key) -> str:
    return f"{site()}/achievements/cohort/{translation_key}"


def credential_url(identifier: str) -> str:
    return f"{site()}/credentials/certificates/{identifier}.jwt"


def method_id(kid: str) -> str:
    return f"{issuer_id()}#{kid}"


# ---------------------------------------------------------------------------
# Signing
# ---------------------------------------------------------------------------
def _quiet():
    """joserfc flags ``EdDSA`` as superseded by RFC 9864's ``Ed25519``; wallets and
    PyJWT still speak ``EdDSA``, so we keep it and silence that one warning."""
    context = warnings.catch_warnings()
    context.__enter__()
    warnings.filterwarnings("ignore", message=".*EdDSA.*")
    return context


def sign(payload: dict) -> str:
    ring = credential_keys.load()
    header = {"alg": ALGORITHM, "typ": "vc+jwt", "cty": "vc", "kid": method_id(ring.current)}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    context = _quiet()
    try:
        return jws.serialize_compact(header, body, ring.signing_key, algorithms=[ALGORITHM])
    finally:
        context.__exit__(None, None, None)


# ---------------------------------------------------------------------------
# What is published
# ---------------------------------------------------------------------------
def public_jwks() -> dict:
    return {"keys": credential_keys.load().public_jwks()}


def issuer_profile() -> dict:
    """The OB 3.0 ``Profile`` of the issuer, also a controller document of its keys."""
    keys = public_jwks()["keys"]
    methods = [
        {
            "id": method_id(key["kid"]),
            "type": "JsonWebKey",
            "controller": issuer_id(),
            "publicKeyJwk": {k: v for k, v in key.items() if k != "kid"},
        }
        for key in keys
    ]
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT, "https://www.w3.org/ns/cid/v1"],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": f"{site()}/",
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
        "jwks_uri": jwks_url(),
    }


def achievement(cohort, *, language: str) -> dict:
    """The JSON-LD ``Achievement`` of a cohort's certificate, in ``language``.

    ``related`` points at the same achievement in the other languages.
    """
    local = cohort.localized_for(language)
    programme = local.get_parent()
    programme_title = programme.title if programme and programme.depth > 2 else ""
    with translation.override(language):
        description = _("Completed the cohort “%(cohort)s” of %(programme)s.") % {
            "cohort": local.title,
            "programme": programme_title or settings.WAGTAIL_SITE_NAME,
        }
        narrative = _(
            "Took part in the cohort's sessions and was marked as having completed it by "
            "programme staff."
        )
    base = achievement_id(cohort.translation_key)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": base,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": local.title,
        "description": description,
        "criteria": {"id": f"{site()}{local.url or '/'}", "narrative": narrative},
        "creator": {"id": issuer_id(), "type": ["Profile"], "name": settings.WAGTAIL_SITE_NAME},
        "inLanguage": language,
        "related": [
            {"id": f"{base}?lang={code}", "type": ["Related"], "inLanguage": code}
            for code, _name in settings.LANGUAGES
            if code != language
        ],
    }


# ---------------------------------------------------------------------------
# Status list (W3C Bitstring Status List v1.0)
# ---------------------------------------------------------------------------
def encode_bits(indexes, size: int = STATUS_LIST_SIZE) -> str:
    """``u`` (multibase base64url, no padding) + GZIP of the bitstring; index 0 is the
    left-most bit of the first byte."""
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def decode_bits(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not a base64url multibase value")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def bit_at(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(*, now: datetime | None = None) -> dict:
    from cohorts.models import Certificate

    now = now or timezone.now()
    revoked = Certificate.objects.filter(
        revoked_at__isnull=False, status_list_index__isnull=False
    ).values_list("status_list_index", flat=True)
    url = status_list_url()
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode_bits(revoked),
        },
    }


def status_list_token(*, now: datetime | None = None) -> str:
    return sign(status_list_credential(now=now))


# ---------------------------------------------------------------------------
# The certificate's credential
# ---------------------------------------------------------------------------
def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity(email: str, salt: str) -> dict:
    """OB 3.0 ``IdentityObject``: the holder's email, salted and hashed."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def build(certificate, *, now: datetime | None = None) -> dict:
    """The ``OpenBadgeCredential`` to sign for ``certificate`` (English, as issued)."""
    participant = certificate.participant
    cohort = participant.cohort
    user = participant.user
    now = now or timezone.now()
    definition = achievement(cohort, language="en")
    for key in ("@context", "creator", "related", "inLanguage"):
        definition.pop(key)
    definition["name"] = certificate.cohort_title
    subject = {
        "type": ["AchievementSubject"],
        "name": certificate.holder_name,
        "achievement": definition,
    }
    if user is not None and user.email:
        subject["identifier"] = [identity(user.email, secrets.token_hex(16))]
    index = certificate.status_list_index
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": certificate.verification_url("en"),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.cohort_title,
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": settings.WAGTAIL_SITE_NAME,
            "url": f"{site()}/",
        },
        "validFrom": f"{certificate.issued_on.isoformat()}T00:00:00Z",
        "awardedDate": _iso(now),
        "credentialSubject": subject,
    }
    if index is not None:
        credential["credentialStatus"] = {
            "id": f"{status_list_url()}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(index),
            "statusListCredential": status_list_url(),
        }
    return credential


# ---------------------------------------------------------------------------
# Verifying (what the public page runs, and any verifier would)
# ---------------------------------------------------------------------------
VALID, REVOKED, INVALID = "valid", "revoked", "invalid"


@dataclass
class Verification:
    state: str
    credential: dict = field(default_factory=dict)
    reason: str = ""

    @property
    def valid(self) -> bool:
        return self.state == VALID


def _verify_jws(token: str, jwks: dict) -> dict:
    """The payload of ``token`` if signed by a key of ``jwks`` under the issuer; else raise."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH or token.count(".") != 2:
        raise ValueError("not a compact JWS")
    try:
        header = jws.extract_compact(token.encode()).protected
    except (JoseError, ValueError, TypeError) as exc:
        raise ValueError("unreadable header") from exc
    if header.get("alg") != ALGORITHM or header.get("typ") != "vc+jwt":
        raise ValueError("unexpected algorithm or type")
    kid = header.get("kid") or ""
    prefix = issuer_id() + "#"
    if not kid.startswith(prefix):
        raise ValueError("key not from this issuer")
    keys = [k for k in jwks["keys"] if k.get("kid") == kid[len(prefix) :]]
    if not keys:
        raise ValueError("unknown key")
    context = _quiet()
    try:
        result = jws.deserialize_compact(token, OKPKey.import_key(keys[0]), algorithms=[ALGORITHM])
    except (JoseError, ValueError, TypeError) as exc:
        raise ValueError("bad signature") from exc
    finally:
        context.__exit__(None, None, None)
    payload = json.loads(result.payload)
    if not isinstance(payload, dict):
        raise ValueError("payload is not an object")
    issuer = payload.get("issuer")
    if (issuer.get("id") if isinstance(issuer, dict) else issuer) != issuer_id():
        raise ValueError("issuer mismatch")
    return payload


def verify(token: str, *, now: datetime | None = None) -> Verification:
    """Check a credential's signature against the published keys, then its status bit in
    the published (and itself verified) status list."""
    now = now or timezone.now()
    jwks = public_jwks()
    try:
        credential = _verify_jws((token or "").strip(), jwks)
        if "OpenBadgeCredential" not in (credential.get("type") or []):
            raise ValueError("not an Open Badge")
        valid_from = datetime.fromisoformat(str(credential.get("validFrom")))
        if valid_from > now:
            raise ValueError("not yet valid")
        status = credential.get("credentialStatus") or {}
        if status.get("statusListCredential") != status_list_url():
            raise ValueError("unknown status list")
        index = int(status.get("statusListIndex"))
        if not 0 <= index < STATUS_LIST_SIZE:
            raise ValueError("status index out of range")
        listing = _verify_jws(status_list_token(now=now), jwks)
        bits = decode_bits(listing["credentialSubject"]["encodedList"])
    except (ValueError, TypeError, KeyError, AttributeError, OSError) as exc:
        return Verification(INVALID, reason=str(exc))
    if bit_at(bits, index):
        return Verification(REVOKED, credential)
    return Verification(VALID, credential)


def token_from_upload(text: str) -> str:
    """A compact JWS from what a visitor pasted or uploaded: the token itself, or a VC 2.0
    ``EnvelopedVerifiableCredential`` (``data:application/vc+jwt,<token>``)."""
    text = (text or "").strip().lstrip("\ufeff")
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError("json") from exc
        ident = data.get("id", "") if isinstance(data, dict) else ""
        if not (isinstance(ident, str) and ident.startswith(f"data:{MEDIA_TYPE},")):
            raise ValueError("unsigned")
        text = ident.split(",", 1)[1]
    return text


def payload(token: str) -> dict:
    """The credential inside a token this platform signed (not a verification)."""
    data = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def enveloped(token: str) -> dict:
    return {
        "@context": [VC_CONTEXT],
        "id": f"data:{MEDIA_TYPE},{token}",
        "type": "EnvelopedVerifiableCredential",
    }
