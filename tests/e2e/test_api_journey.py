"""A member shares their registration with an event's co-host at 320 px; staff issue the
co-host a token; the partner reads it on the API; the browsable docs load under the CSP."""

import re

import pytest
from playwright.sync_api import expect

from community.factories import PASSWORD, UserFactory
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "var/shots"


@pytest.fixture
def co_hosted(seeded_site):
    from cohorts.models import PartnerOrganisation
    from events.factories import EventIndexPageFactory, EventPageFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    index.save_revision().publish()
    partner = PartnerOrganisation.objects.create(name="School of Government")
    event = EventPageFactory(parent=index, title="Procurement clinic", slug="clinic")
    event.co_hosts.add(partner)
    event.save_revision().publish()
    return event, partner


def sign_in(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()


def test_share_with_co_hosts_then_the_partner_reads_it(page, live_server, co_hosted):
    from api import services
    from events.models import Registration

    event, partner = co_hosted
    member = UserFactory(name="Ana Sharing")
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto("/en/accounts/login/?next=/en/events/clinic/register/")
    sign_in(page, member.email)
    box = page.get_by_label("Share my registration with the event's co-hosts")
    page.screenshot(path=f"{SHOTS}/register-co-hosts-320.png", full_page=True)
    expect(box).to_be_visible()
    assert "Co-hosts: School of Government" in page.content()
    assert_accessible(page)
    box.check()
    page.get_by_role("button", name=re.compile("register", re.I)).first.click()
    assert Registration.objects.get(user=member).share_with_co_hosts is True

    _token, raw = services.token_create(
        name="CRM", partner=partner, scopes=["registrations:read"], by=None
    )
    answer = page.request.get(
        f"/api/v1/events/{event.pk}/registrations/", headers={"Authorization": f"Bearer {raw}"}
    )
    assert answer.status == 200
    assert [r["name"] for r in answer.json()["results"]] == ["Ana Sharing"]


def test_the_browsable_docs_load_under_the_csp(page, live_server, seeded_site):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/api/v1/docs")
        expect(page.get_by_text("OpenGov Collective API").first).to_be_visible()
        expect(page.get_by_text("/api/v1/events/").first).to_be_visible()
        page.screenshot(path=f"{SHOTS}/api-docs-{width}.png")
    assert not [e for e in errors if "Content Security Policy" in e], errors
