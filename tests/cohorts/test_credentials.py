"""Verifiable certificates (issue 18): Open Badges 3.0 credentials signed as VC-JOSE.

The platform signs with joserfc; these tests verify with PyJWT + cryptography, an
independent implementation, reading only what any verifier can fetch: the credential
file, the issuer's JWKS and profile, and the status list.
"""

import base64
import gzip
import hashlib
import json
import os
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cohorts import checks, credential_keys, credentials, services
from cohorts.models import Certificate, Participant
from community.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture(autouse=True)
def keys(settings, tmp_path):
    """A key ring of this test's own, generated on first use, on a fixed site address."""
    settings.SITE_URL = SITE
    settings.CREDENTIAL_KEYS = ""
    settings.CREDENTIAL_KEYS_FILE = str(tmp_path / "keys.json")
    settings.CREDENTIAL_KEYS_AUTOGENERATE = True
    return tmp_path / "keys.json"


@pytest.fixture
def issue(cohort):
    def make(email=None):
        user = UserFactory(**({"email": email} if email else {}))
        participant = Participant.objects.create(cohort=cohort, user=user, status="completed")
        return services.certificate_issue(participant=participant)

    return make


@pytest.fixture
def certificate(issue):
    return issue(email="Ada.Lovelace@example.org")


# ---------------------------------------------------------------------------
# An independent verifier (PyJWT), working only from published URLs
# ---------------------------------------------------------------------------
def fetch_json(client, url):
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200, url
    return json.loads(response.content)


def independent_verify(client, token: str) -> dict:
    """Verify ``token`` as a remote wallet would: resolve ``kid`` in the issuer profile,
    take its JWK, check the EdDSA signature with PyJWT. Raises on any failure."""
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA" and header["typ"] == "vc+jwt"
    issuer_url, _hash, _kid = header["kid"].partition("#")
    profile = fetch_json(client, issuer_url)
    assert header["kid"] in profile["assertionMethod"]
    method = next(m for m in profile["verificationMethod"] if m["id"] == header["kid"])
    key = jwt.PyJWK(method["publicKeyJwk"], algorithm="EdDSA")
    payload = json.loads(jwt.PyJWS().decode(token, key.key, algorithms=["EdDSA"]))
    issuer = payload["issuer"]
    assert (issuer["id"] if isinstance(issuer, dict) else issuer) == profile["id"]
    return payload


def status_bit(client, credential: dict) -> bool:
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    response = client.get(entry["statusListCredential"].removeprefix(SITE))
    assert response["Content-Type"] == "application/vc+jwt"
    listing = independent_verify(client, response.content.decode())
    assert "BitstringStatusListCredential" in listing["type"]
    encoded = listing["credentialSubject"]["encodedList"]
    assert encoded[0] == "u"  # multibase base64url
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131_072  # the spec's minimum size (herd privacy)
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def token_of(client, certificate) -> str:
    response = client.get(f"/credentials/certificates/{certificate.identifier}.jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    return response.content.decode()


def retamper(token: str, payload: dict) -> str:
    """The same header and signature over a changed payload (serialised as the issuer
    does, so an unchanged payload gives back the very same token)."""
    header, _body, signature = token.split(".")
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    body = base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    return f"{header}.{body}.{signature}"


def check_page(client, text: str, language="en"):
    return client.post(
        f"/{language}/cohorts/verify/", {"credential": text}, HTTP_ACCEPT_LANGUAGE=language
    )


# ---------------------------------------------------------------------------
def test_issued_credential_verifies_with_an_independent_library(client, certificate, cohort):
    token = token_of(client, certificate)  # anonymous: the file is what a holder shares
    credential = independent_verify(client, token)
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert set(credential["type"]) == {"VerifiableCredential", "OpenBadgeCredential"}
    assert credential["id"] == certificate.verification_url("en")
    assert credential["issuer"]["id"] == f"{SITE}/credentials/issuer.json"
    subject = credential["credentialSubject"]
    assert subject["name"] == certificate.holder_name
    # The holder is identified by a salted hash of their email (OB 3.0 IdentityObject).
    (identity,) = subject["identifier"]
    assert identity["type"] == "IdentityObject" and identity["hashed"] is True
    assert identity["identityType"] == "emailAddress"
    expected = hashlib.sha256(("ada.lovelace@example.org" + identity["salt"]).encode())
    assert identity["identityHash"] == "sha256$" + expected.hexdigest()
    assert "lovelace" not in token.lower() and "lovelace" not in json.dumps(credential).lower()
    # The achievement it names resolves to a real definition.
    achievement = fetch_json(client, subject["achievement"]["id"])
    assert achievement["type"] == ["Achievement"] and achievement["name"] == cohort.title
    assert not status_bit(client, credential)
    # The platform's own check agrees, and the public page says so.
    assert credentials.verify(token).state == "valid"
    page = client.get(reverse("cohorts:certificate_verify", args=[certificate.identifier]))
    html = page.content.decode()
    assert page.status_code == 200 and "Valid" in html and certificate.holder_name in html
    assert f"/credentials/certificates/{certificate.identifier}.jwt" in html


def test_tampering_with_any_field_fails(client, certificate):
    token = token_of(client, certificate)
    original = independent_verify(client, token)
    changes = {
        "@context": lambda c: c["@context"].pop(),
        "id": lambda c: c.update(id=c["id"].replace("verify", "verifx")),
        "type": lambda c: c.update(type=["VerifiableCredential"]),
        "name": lambda c: c.update(name="Another cohort"),
        "issuer": lambda c: c["issuer"].update(name="Someone else"),
        "validFrom": lambda c: c.update(validFrom="2001-01-01T00:00:00Z"),
        "awardedDate": lambda c: c.update(awardedDate="2001-01-01T00:00:00Z"),
        "credentialStatus": lambda c: c["credentialStatus"].update(statusListIndex="7"),
        "subject.name": lambda c: c["credentialSubject"].update(name="Mallory"),
        "subject.type": lambda c: c["credentialSubject"].update(type=["Profile"]),
        "subject.identifier": lambda c: c["credentialSubject"]["identifier"][0].update(
            identityHash="sha256$" + "0" * 64
        ),
        "subject.achievement": lambda c: c["credentialSubject"]["achievement"].update(
            name="Master of everything"
        ),
        "subject.achievement.criteria": lambda c: c["credentialSubject"]["achievement"][
            "criteria"
        ].update(narrative="Asked nicely."),
    }
    assert {k for k in changes if "." not in k} >= set(original) - {"credentialSubject"}
    assert {k.split(".")[1] for k in changes if k.startswith("subject.")} >= set(
        original["credentialSubject"]
    )
    for field, change in changes.items():
        tampered = json.loads(json.dumps(original))
        change(tampered)
        assert tampered != original, field
        forged = retamper(token, tampered)
        with pytest.raises(jwt.InvalidSignatureError):
            independent_verify(client, forged)
        assert credentials.verify(forged).state == "invalid", field
    # The untouched payload re-encoded the same way still verifies (the test is fair).
    assert retamper(token, original) == token
    assert credentials.verify(retamper(token, original)).state == "valid"
    # Tampering with the header: no algorithm, or a key the issuer never published.
    header, body, signature = token.split(".")
    for bad in ({"alg": "none", "typ": "vc+jwt"}, {**jwt.get_unverified_header(token), "kid": "x"}):
        head = base64.urlsafe_b64encode(json.dumps(bad).encode()).rstrip(b"=").decode()
        assert credentials.verify(f"{head}.{body}.{signature}").state == "invalid"
    # The page says so in words, in each language.
    forged = retamper(token, {**original, "name": "Forged"})
    for language, word in (
        ("en", "Cannot be verified"),
        ("fr", '<html lang="fr"'),
        ("es", '<html lang="es"'),
    ):
        html = check_page(client, forged, language).content.decode()
        assert word in html and "Forged" not in html


def test_a_key_of_its_own_claiming_ours_does_not_verify(client, certificate):
    token = token_of(client, certificate)
    payload = independent_verify(client, token)
    header = jwt.get_unverified_header(token)
    forged = jwt.PyJWS().encode(
        json.dumps(payload).encode(),
        Ed25519PrivateKey.generate(),
        algorithm="EdDSA",
        headers=header,
    )
    with pytest.raises(jwt.InvalidSignatureError):
        independent_verify(client, forged)
    assert credentials.verify(forged).state == "invalid"
    assert "Cannot be verified" in check_page(client, forged).content.decode()


def test_revocation_flips_the_status_bit_and_the_page_says_revoked(
    client, certificate, issue, manager
):
    other = issue()
    token = token_of(client, certificate)
    credential = independent_verify(client, token)
    assert not status_bit(client, credential)
    services.certificate_revoke(certificate=certificate, by=manager, reason="Issued in error")
    # The credential the holder kept is unchanged and still signed: its bit says revoked.
    assert independent_verify(client, token) == credential
    assert status_bit(client, credential)
    assert not status_bit(client, independent_verify(client, token_of(client, other)))
    url = reverse("cohorts:certificate_verify", args=[certificate.identifier])
    for language in ("en", "fr", "es"):
        response = client.get(url.replace("/en/", f"/{language}/"))
        html = response.content.decode()
        assert response.status_code == 200
        if language == "en":
            assert "Revoked" in html and "Valid" not in html
        assert "Issued in error" not in html  # the reason is for staff
    assert credentials.verify(token).state == "revoked"
    pasted = check_page(client, token).content.decode()
    assert "Revoked" in pasted and "Cannot be verified" not in pasted


def test_rotation_keeps_old_credentials_verifiable(client, issue, keys):
    old = issue()
    old_token = token_of(client, old)
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    out = StringIO()
    call_command("rotate_credential_key", stdout=out)
    assert "is current (2 keys published)" in out.getvalue()
    new = issue()
    new_token = token_of(client, new)
    new_kid = jwt.get_unverified_header(new_token)["kid"]
    assert new_kid != old_kid
    published = fetch_json(client, "/credentials/jwks.json")["keys"]
    assert [k["kid"] for k in published] == [new_kid.split("#")[1], old_kid.split("#")[1]]
    assert all("d" not in k for k in published)  # never a private part
    for certificate, token in ((old, old_token), (new, new_token)):
        credential = independent_verify(client, token)
        assert not status_bit(client, credential)  # the list is signed by the new key
        assert credentials.verify(token).state == "valid"
        html = client.get(reverse("cohorts:certificate_verify", args=[certificate.identifier]))
        assert "Valid" in html.content.decode()
    # The stored credential was not re-signed by the rotation.
    old.refresh_from_db()
    assert old.credential == old_token
    assert oct(os.stat(keys).st_mode & 0o777) == "0o600"


def test_rotation_with_keys_from_the_environment_prints_the_ring(settings, capsys):
    ring, _written = credential_keys.rotate()  # a file ring to start from
    settings.CREDENTIAL_KEYS = credential_keys.serialise(ring)
    call_command("rotate_credential_key")
    printed = capsys.readouterr().out
    data = json.loads(printed[printed.index("{") :])
    assert len(data["keys"]) == len(ring.keys) + 1 and data["current"] != ring.current
    assert ring.current in {k["kid"] for k in data["keys"]}


def test_published_documents(client, certificate):
    issuer = client.get("/credentials/issuer.json")
    assert issuer["Content-Type"] == "application/ld+json"
    assert "max-age" in issuer["Cache-Control"] and issuer["Access-Control-Allow-Origin"] == "*"
    profile = json.loads(issuer.content)
    assert profile["type"] == ["Profile"] and profile["name"] and profile["url"]
    assert all("d" not in m["publicKeyJwk"] for m in profile["verificationMethod"])
    jwks = client.get("/credentials/jwks.json")
    assert jwks["Content-Type"] == "application/jwk-set+json"
    assert json.loads(jwks.content)["keys"][0]["crv"] == "Ed25519"
    status = client.get("/credentials/status/revocation")
    assert status.status_code == 200 and "max-age=300" in status["Cache-Control"]
    assert client.get("/credentials/status/suspension", follow=True).status_code == 404
    assert client.get("/credentials/certificates/nope.jwt").status_code == 404
    # The private key is in neither the database nor a page.
    private = json.loads(credential_keys.serialise(credential_keys.load()))["keys"][0]["d"]
    assert private not in certificate.credential and private not in issuer.content.decode()


def test_achievement_in_three_languages(client, cohort, certificate):
    key = cohort.translation_key
    for language in ("en", "fr", "es"):
        data = fetch_json(client, f"/achievements/cohort/{key}?lang={language}")
        assert data["inLanguage"] == language and data["name"] == cohort.title
        assert data["criteria"]["narrative"] and data["description"]
        assert {r["inLanguage"] for r in data["related"]} == {"en", "fr", "es"} - {language}
        page = client.get(f"/{language}/cohorts/achievements/{key}/")
        html = page.content.decode()
        assert page.status_code == 200 and f'lang="{language}"' in html
        assert cohort.title in html
    assert "Critères" in client.get(f"/fr/cohorts/achievements/{key}/").content.decode()
    # A browser asking for the achievement id gets the page in its language.
    response = client.get(
        f"/achievements/cohort/{key}", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 303
    assert response["Location"] == f"/es/cohorts/achievements/{key}/"
    assert client.get(f"/achievements/cohort/{key}?format=html&lang=fr")["Location"].startswith(
        "/fr/"
    )
    # Nonsense answers 404, never a 500.
    assert client.get(f"/achievements/cohort/{key}?lang=xx")["Content-Language"] == "en"
    unknown = "/achievements/cohort/2b1c0f0e-0000-4000-8000-000000000000"
    assert client.get(unknown, follow=True).status_code == 404
    assert client.get("/achievements/cohort/not-a-uuid", follow=True).status_code == 404
    assert client.get("/en/cohorts/achievements/not-a-uuid/").status_code == 404


BAD_INPUT = [
    ({"credential": ""}, "Paste a credential or choose a credential file."),
    ({"credential": "hello"}, "Cannot be verified"),
    ({"credential": "a.b.c"}, "Cannot be verified"),
    ({"credential": "{not json"}, "its JSON could not be read"),
    ({"credential": "[1, 2]"}, "Cannot be verified"),
    ({"credential": '{"type": ["OpenBadgeCredential"]}'}, "carries no signature"),
    ({"file": SimpleUploadedFile("x.jwt", b"\xff\xfe\x00binary")}, "it is not text"),
    ({"file": SimpleUploadedFile("x.jwt", b"a" * 70_000)}, "too large"),
    ({"credential": "x" * 70_000}, "at most"),
]


@pytest.mark.parametrize(("data", "message"), BAD_INPUT)
def test_bad_pasted_or_uploaded_files_get_a_clear_message(client, data, message):
    response = client.post("/en/cohorts/verify/", data)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert message in html
    assert "Valid<" not in html


def test_pasted_envelope_and_uploaded_file_verify(client, certificate):
    token = token_of(client, certificate)
    envelope = json.dumps(credentials.enveloped(token))
    assert "Valid" in check_page(client, envelope).content.decode()
    upload = SimpleUploadedFile("certificate.jwt", token.encode())
    html = client.post("/en/cohorts/verify/", {"file": upload}).content.decode()
    assert "Valid" in html and certificate.holder_name in html
    assert client.get("/en/cohorts/verify/").status_code == 200
    # The old unsigned JSON (what badge.json gives) is refused with a pointer to the file.
    assert (
        "carries no signature"
        in check_page(client, json.dumps(credentials.payload(token))).content.decode()
    )


def test_holder_downloads(client, certificate):
    client.force_login(certificate.participant.user)
    page = client.get(reverse("cohorts:certificate", args=[certificate.identifier])).content
    assert f"/credentials/certificates/{certificate.identifier}.jwt?download=1" in page.decode()
    download = client.get(f"/credentials/certificates/{certificate.identifier}.jwt?download=1")
    assert "attachment" in download["Content-Disposition"]
    badge = client.get(reverse("cohorts:certificate_badge", args=[certificate.identifier]))
    assert json.loads(badge.content) == credentials.payload(certificate.credential)
    assert ".jwt" in badge["Link"] and "application/vc+jwt" in badge["Link"]


def test_a_certificate_issued_before_signing_is_signed_on_first_check(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(credential="", status_list_index=None)
    html = client.get(reverse("cohorts:certificate_verify", args=[certificate.identifier]))
    assert "Valid" in html.content.decode()
    certificate.refresh_from_db()
    assert certificate.credential and certificate.status_list_index is not None
    independent_verify(client, certificate.credential)


def test_account_deletion_voids_the_credential(client, certificate):
    token = certificate.credential
    credential = independent_verify(client, token)
    services.member_anonymise(user=certificate.participant.user)
    certificate.refresh_from_db()
    assert certificate.credential == ""  # no name or email hash kept
    assert status_bit(client, credential)
    html = client.get(reverse("cohorts:certificate_verify", args=[certificate.identifier]))
    assert "Revoked" in html.content.decode()
    assert client.get(f"/credentials/certificates/{certificate.identifier}.jwt").status_code == 404


def test_status_indexes_are_unique_and_retried(monkeypatch, issue):
    first = issue()
    draws = iter([first.status_list_index, first.status_list_index, 42])
    monkeypatch.setattr(services, "_status_index", lambda: next(draws))
    second = issue()
    assert second.status_list_index == 42


def test_verification_page_queries_do_not_grow_with_revocations(
    client, issue, manager, django_assert_max_num_queries
):
    target = issue()
    url = reverse("cohorts:certificate_verify", args=[target.identifier])
    client.get(url)
    with django_assert_max_num_queries(50) as small:
        client.get(url)
    budget = len(small.captured_queries)  # read now: each request resets the log
    assert budget > 0
    for _ in range(6):
        services.certificate_revoke(certificate=issue(), by=manager, reason="x")
    client.get(url)  # the site's header and footer are rebuilt once after a change
    with django_assert_max_num_queries(budget):
        assert "Valid" in client.get(url).content.decode()
    with django_assert_max_num_queries(1):  # the revoked positions, in one query
        client.get("/credentials/status/revocation")


def test_deploy_check_warns_without_a_key(settings, tmp_path):
    settings.DEBUG = False
    settings.CREDENTIAL_KEYS_AUTOGENERATE = False
    settings.CREDENTIAL_KEYS_FILE = str(tmp_path / "missing.json")
    assert [w.id for w in checks.credential_key_configured(None)] == ["cohorts.W001"]
    settings.CREDENTIAL_KEYS = "{nonsense"
    assert [w.id for w in checks.credential_key_configured(None)] == ["cohorts.W003"]
    settings.CREDENTIAL_KEYS = ""
    settings.CREDENTIAL_KEYS_AUTOGENERATE = True
    assert [w.id for w in checks.credential_key_configured(None)] == ["cohorts.W002"]
    settings.CREDENTIAL_KEYS_AUTOGENERATE = False
    credential_keys.rotate()
    assert checks.credential_key_configured(None) == []


def test_without_a_key_issuing_still_works_and_pages_do_not_fail(client, settings, tmp_path, issue):
    settings.CREDENTIAL_KEYS_AUTOGENERATE = False
    settings.CREDENTIAL_KEYS_FILE = str(tmp_path / "missing.json")
    certificate = issue()
    assert certificate.credential == ""
    html = client.get(reverse("cohorts:certificate_verify", args=[certificate.identifier]))
    assert html.status_code == 200 and "Cannot be verified" in html.content.decode()
    assert client.get("/credentials/jwks.json").status_code == 503
    assert client.get(f"/credentials/certificates/{certificate.identifier}.jwt").status_code == 503
    client.force_login(certificate.participant.user)
    badge = client.get(reverse("cohorts:certificate_badge", args=[certificate.identifier]))
    assert badge.status_code == 200 and "OpenBadgeCredential" in json.loads(badge.content)["type"]


def test_production_check_deploy_warns_without_a_key(tmp_path):
    import subprocess
    import sys

    from django.conf import settings as django_settings

    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "opengov.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://opengov.example.org",
        "SITE_URL": "https://opengov.example.org",
        "CREDENTIAL_KEYS": "",
        "CREDENTIAL_KEYS_FILE": str(tmp_path / "none.json"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "cohorts.W001" in result.stdout + result.stderr


def test_member_data_download_names_the_signed_credential(certificate):
    from cohorts.signals import member_data

    _app, data = member_data(None, user=certificate.participant.user)
    (entry,) = data["certificates"]
    assert entry["credential"] == f"{SITE}/credentials/certificates/{certificate.identifier}.jwt"


def test_who_sees_what(client, certificate, member, manager):
    """The verification page and the signed file are public (the identifier is the secret
    the holder shares); the holder's page with its downloads is theirs and staff's."""
    holder = certificate.participant.user
    public = [
        reverse("cohorts:certificate_verify", args=[certificate.identifier]),
        f"/credentials/certificates/{certificate.identifier}.jwt",
    ]
    own = reverse("cohorts:certificate", args=[certificate.identifier])
    for who, own_status in ((None, 302), (member, 404), (holder, 200), (manager, 200)):
        client.logout()
        if who is not None:
            client.force_login(who)
        for url in public:
            assert client.get(url).status_code == 200, (who, url)
        assert client.get(own).status_code == own_status, who
        html = client.get(public[0]).content.decode()
        assert holder.email not in html  # holder, cohort, date: nothing else
