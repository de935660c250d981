"""A member with a connection, an event place and a notification, for the browser tests
of a member's own pages; and signing them in."""


def build_member_world():
    from community import services as community
    from community.factories import UserFactory
    from events import services as events
    from events.factories import EventIndexPageFactory, EventPageFactory
    from home.models import HomePage, Notification

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
    member.profile.headline = "Open budgets in Antananarivo"
    member.profile.save()
    peer = UserFactory(name="Grace Wanjiru")
    peer.profile.display_name = "Grace Wanjiru"
    peer.profile.save()
    _state, request = community.connection_request(sender=peer, recipient=member)
    community.connection_accept(request_id=request.pk, user=member)
    registration = events.registration_create(event=event, user=member).registration
    Notification.objects.create(
        recipient=member, kind="test", title="Grace Wanjiru accepted", language="en"
    )
    return {"member": member, "peer": peer, "event": event, "registration": registration}


def sign_in(page, user):
    from community.factories import PASSWORD

    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/**")


def sign_in_as(page, user, language="en"):
    """Sign in through the form, in ``language``'s pages."""
    from community.factories import PASSWORD

    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()


def sign_out(page, language="en"):
    page.goto(f"/{language}/accounts/logout/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
