"""Partner tokens: a scoped token reads only the consenting registrants of the events its
organisation co-hosts; unscoped, foreign, expired and revoked tokens are refused; tokens
are stored hashed and every use is logged; staff issue and revoke them in the admin."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from api import services
from api.models import ApiToken, ApiTokenUse, hash_token
from cohorts.models import PartnerOrganisation
from community.factories import UserFactory
from events.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def hosted(make_event, partner):
    event = make_event(title="Co-hosted clinic", slug="co-hosted")
    event.co_hosts.add(partner)
    event.save()  # a page's many-to-many is written when the page is saved
    sharing = UserFactory(name="Sharing Person", email="share@example.org")
    private = UserFactory(name="Private Person", email="private@example.org")
    cancelled = UserFactory(name="Gone Person", email="gone@example.org")
    for user, share, status in [
        (sharing, True, RegistrationStatus.CONFIRMED),
        (private, False, RegistrationStatus.CONFIRMED),
        (cancelled, True, RegistrationStatus.CANCELLED),
    ]:
        Registration.objects.create(
            event=event,
            user=user,
            name=user.name,
            email=user.email,
            status=status,
            share_with_co_hosts=share,
        )
    return event


def _registrations(api_get, event, raw):
    return api_get(f"events/{event.pk}/registrations/", token=raw)


def test_a_partner_token_reads_only_consenting_registrants_of_its_co_hosted_event(
    api_get, hosted, make_token
):
    _token, raw = make_token()
    response = _registrations(api_get, hosted, raw)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["name"], r["email"]) for r in rows] == [("Sharing Person", "share@example.org")]
    assert response["Cache-Control"].startswith("private")


def test_another_partners_token_is_refused(api_get, hosted, make_token):
    other = PartnerOrganisation.objects.create(name="Other Institute")
    _token, raw = make_token(organisation=other)
    response = _registrations(api_get, hosted, raw)
    assert response.status_code == 403
    assert response.json()["code"] == "not_co_host"
    assert "share@example.org" not in response.content.decode()


def test_an_event_the_partner_does_not_co_host_is_refused(api_get, make_event, make_token):
    event = make_event(title="Our own", slug="our-own")
    _token, raw = make_token()
    assert _registrations(api_get, event, raw).status_code == 403


def test_a_token_without_the_scope_is_refused(api_get, hosted, make_token):
    _token, raw = make_token(scopes=())
    response = _registrations(api_get, hosted, raw)
    assert response.status_code == 403
    assert response.json()["code"] == "scope"


def test_no_token_asks_for_one(api_get, hosted):
    response = _registrations(api_get, hosted, None)
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]


def test_a_revoked_token_is_refused_everywhere(api_get, hosted, make_token, staff):
    token, raw = make_token()
    assert _registrations(api_get, hosted, raw).status_code == 200
    services.token_revoke(token=token, by=staff)
    for path in [f"events/{hosted.pk}/registrations/", "events/", "members/"]:
        response = api_get(path, token=raw)
        assert response.status_code == 401, path
        assert response.json()["code"] == "bad_token"


def test_an_expired_or_made_up_token_is_refused(api_get, hosted, make_token):
    _token, raw = make_token(expires_at=timezone.now() - timedelta(minutes=1))
    assert _registrations(api_get, hosted, raw).status_code == 401
    assert api_get("events/", token="ogc_not-a-real-token").status_code == 401
    assert api_get("events/", HTTP_AUTHORIZATION="Basic abc").status_code == 401


def test_tokens_are_stored_hashed_and_every_use_is_logged(api_get, hosted, make_token):
    token, raw = make_token()
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.key_hash == hash_token(raw)
    assert raw.startswith(stored.prefix)
    api_get("events/", token=raw)
    _registrations(api_get, hosted, raw)
    uses = list(ApiTokenUse.objects.filter(token=token).order_by("at", "pk"))
    assert [(u.path, u.status) for u in uses] == [
        ("/api/v1/events/", 200),
        (f"/api/v1/events/{hosted.pk}/registrations/", 200),
    ]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_registrants_choose_to_share_when_registering(site, client, hosted):
    member = UserFactory()
    client.force_login(member)
    page = client.get(hosted.url + "register/")
    assert "Share my registration with the event&#x27;s co-hosts" in page.content.decode()
    assert "School of Government" in page.content.decode()
    client.post(hosted.url + "register/", {"share_with_co_hosts": "on"})
    assert Registration.objects.get(event=hosted, user=member).share_with_co_hosts is True


# ---------------------------------------------------------------------------
# The admin
# ---------------------------------------------------------------------------
@pytest.fixture
def api_manager(db):
    from home.permissions import ensure_groups

    ensure_groups()
    user = UserFactory()
    user.groups.add(Group.objects.get(name="API managers"))
    return user


def test_staff_issue_a_token_shown_once_then_revoke_it_after_confirming(
    client, api_manager, partner, hosted, api_get
):
    client.force_login(api_manager)
    created = client.post(
        "/admin/api-tokens/new/",
        {"name": "Partner CRM", "partner": partner.pk, "scopes": ["registrations:read"]},
    )
    assert created.status_code == 200
    raw = created.context["raw"]
    assert raw in created.content.decode()
    assert "no-store" in created["Cache-Control"]
    token = ApiToken.objects.get(name="Partner CRM")
    assert raw not in client.get(f"/admin/api-tokens/{token.pk}/").content.decode()
    assert _registrations(api_get, hosted, raw).status_code == 200
    confirm = client.get(f"/admin/api-tokens/{token.pk}/revoke/")
    assert "can no longer use this token" in confirm.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    client.post(f"/admin/api-tokens/{token.pk}/revoke/")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    client.logout()
    assert _registrations(api_get, hosted, raw).status_code == 401


def test_staff_change_a_tokens_scopes(client, api_manager, make_token, hosted, api_get):
    token, raw = make_token()
    client.force_login(api_manager)
    client.post(f"/admin/api-tokens/{token.pk}/", {})
    client.logout()
    assert _registrations(api_get, hosted, raw).status_code == 403


@pytest.mark.parametrize("who", ["member", "event staff"])
def test_only_api_managers_reach_the_token_screens(client, who, make_token):
    from home.permissions import ensure_groups

    ensure_groups()
    token, _raw = make_token()
    user = UserFactory()
    if who == "event staff":
        user.groups.add(Group.objects.get(name="Event staff"))
    client.force_login(user)
    for path in ["/admin/api-tokens/", "/admin/api-tokens/new/", f"/admin/api-tokens/{token.pk}/"]:
        assert client.get(path).status_code in {302, 403}, path
    client.post(f"/admin/api-tokens/{token.pk}/revoke/")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
