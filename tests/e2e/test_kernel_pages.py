"""The kernel's own member pages fit a 320 px phone in three languages, and pass axe:
the notification centre and its settings, and the "ask first" pages for cancelling a
place, removing a connection and blocking a member."""

import pytest

from tests.e2e.axe import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member_world(seeded_site):
    from community import services as community
    from community.factories import UserFactory
    from events import services as events
    from events.factories import EventIndexPageFactory, EventPageFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    index.save_revision().publish()
    event = EventPageFactory(
        parent=index,
        title="Rencontre internationale sur la participation citoyenne budgétaire",
        slug="participation",
        capacity=5,
    )
    event.save_revision().publish()
    member = UserFactory(name="Nadia Benali-Rakotomalala")
    peer = UserFactory(name="Grace Wanjiru")
    _state, request = community.connection_request(sender=peer, recipient=member)
    community.connection_accept(request_id=request.pk, user=member)
    registration = events.registration_create(event=event, user=member).registration
    return {"member": member, "peer": peer, "registration": registration}


def sign_in(page, user):
    from community.factories import PASSWORD

    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/**")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_kernel_member_pages_fit_a_phone(page, member_world, language):
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, member_world["member"])
    paths = [
        f"/{language}/notifications/",
        f"/{language}/notifications/settings/",
        f"/{language}/my-events/{member_world['registration'].pk}/cancel/",
        f"/{language}/community/network/remove/?user={member_world['peer'].pk}",
        f"/{language}/community/network/block/?user={member_world['peer'].pk}",
    ]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide at 320px"
        assert_accessible(page)
