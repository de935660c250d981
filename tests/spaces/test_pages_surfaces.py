"""Groups beyond their own pages: a member's profile, the theme page, the admin."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Locale

import pytest

from community.factories import UserFactory, make_member
from community.models import Visibility
from content.factories import ThemeIndexPageFactory, ThemePageFactory
from home.models import Theme
from spaces import permissions
from spaces.factories import add_member
from spaces.models import Access, Kind, Membership, Space

from .conftest import space_with_host

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# The profile's "Groups": access × viewer
# ---------------------------------------------------------------------------
#: access → (anonymous, signed-in member, co-member, the member herself)
PROFILE_RULES = {
    Access.OPEN: (True, True, True, True),
    Access.REQUEST: (True, True, True, True),
    Access.INVITATION: (False, True, True, True),
    Access.SECRET: (False, False, False, False),
}


@pytest.mark.parametrize("access", list(PROFILE_RULES))
def test_profile_groups_rule_table(client, host, amina, bruno, access):
    amina.profile.visibility = Visibility.PUBLIC
    amina.profile.save()
    space = space_with_host(host, access=access, name=f"Group {access}", slug=f"p-{access}")
    add_member(space, amina)
    co_member = make_member(display_name="Co Member")
    add_member(space, co_member)
    profile_url = f"/en/community/members/{amina.profile.pk}/"
    expected = PROFILE_RULES[access]
    for viewer, shown in zip((None, bruno, co_member, amina), expected, strict=True):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        response = client.get(profile_url)
        assert response.status_code == 200
        html = response.content.decode()
        assert (f"Group {access}" in html) is shown, (access, viewer)
        assert ('id="profile-groups-title"' in html) is shown


def test_profile_groups_cost_the_same_queries_for_2_and_20_groups(
    client, host, amina, bruno, django_assert_max_num_queries
):
    def more(n, start):
        for i in range(start, start + n):
            space = space_with_host(host, name=f"Net {i:02d}", slug=f"net-{i}")
            add_member(space, amina)
            row = space.copy_for_translation(Locale.objects.get(language_code="fr"))
            row.name = f"Réseau {i:02d}"
            row.save()

    more(2, 0)
    client.force_login(bruno)
    page = f"/fr/community/members/{amina.profile.pk}/"
    client.get(page)
    with django_assert_max_num_queries(60) as small:
        client.get(page)
    more(18, 2)
    bound = len(small.captured_queries)
    client.get(page)  # new groups start a new generation of the shared chrome
    with django_assert_max_num_queries(bound):
        html = client.get(page).content.decode()
    assert "Réseau 19" in html and "Net 19" not in html


def test_profile_lists_only_active_memberships(client, host, amina, bruno):
    space = space_with_host(host, name="Asked group", slug="asked", access=Access.REQUEST)
    add_member(space, amina, state=Membership.State.REQUESTED)
    left = space_with_host(host, name="Left group", slug="left")
    add_member(left, amina, state=Membership.State.LEFT)
    client.force_login(bruno)
    html = client.get(f"/en/community/members/{amina.profile.pk}/").content.decode()
    assert "Asked group" not in html and "Left group" not in html


def test_a_hidden_profile_shows_no_groups_because_it_is_not_shown(client, host, amina, bruno):
    amina.profile.visibility = Visibility.HIDDEN
    amina.profile.save()
    add_member(space_with_host(host, name="Open group", slug="og"), amina)
    client.force_login(bruno)
    assert client.get(f"/en/community/members/{amina.profile.pk}/").status_code == 404


def test_profile_groups_in_the_readers_language(client, host, amina, bruno):
    space = space_with_host(host, name="Budget network", slug="budget")
    add_member(space, amina)
    row = space.copy_for_translation(Locale.objects.get(language_code="es"))
    row.name = "Red de presupuesto"
    row.save()
    client.force_login(bruno)
    assert (
        "Red de presupuesto"
        in client.get(f"/es/community/members/{amina.profile.pk}/").content.decode()
    )


# ---------------------------------------------------------------------------
# The theme page shows its thematic network
# ---------------------------------------------------------------------------
@pytest.fixture
def theme_page(site):
    theme = Theme.objects.filter(locale__language_code="en").order_by("sort_order").first()
    index = ThemeIndexPageFactory(parent=site.root_page, slug="themes-x")
    return ThemePageFactory(parent=index, theme=theme, title=theme.name, slug=theme.slug)


def test_the_theme_page_shows_its_network_with_join(client, theme_page, amina):
    network = Space.objects.originals().get(
        kind=Kind.THEMATIC, theme__translation_key=theme_page.theme.translation_key
    )
    html = client.get(theme_page.url).content.decode()
    assert "Thematic network" in html and f"/en/groups/{network.slug}/" in html
    assert "0 members" in html and "Sign in to join" in html
    client.force_login(amina)
    html = client.get(theme_page.url).content.decode()
    assert f'action="/en/groups/{network.slug}/join/"' in html
    response = client.post(f"/en/groups/{network.slug}/join/", {"next": theme_page.url})
    assert response["Location"] == theme_page.url
    html = client.get(theme_page.url).content.decode()
    assert "1 member" in html and "Open the network" in html and ">Member<" in html
    assert "Join the network" not in html


def test_a_secret_thematic_network_is_not_shown_on_the_theme_page(client, theme_page, amina):
    Space.objects.originals().filter(kind=Kind.THEMATIC, theme=theme_page.theme).update(
        access=Access.SECRET
    )
    client.force_login(amina)
    assert "Thematic network" not in client.get(theme_page.url).content.decode()


# ---------------------------------------------------------------------------
# The admin: group managers only
# ---------------------------------------------------------------------------
ADMIN_LIST = "/admin/snippets/spaces/space/"


def _admin_user(*, manager: bool):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if manager:
        permissions.ensure_groups()
        user.groups.add(Group.objects.get(name="Group managers"))
    return user


def test_the_admin_listing_refuses_a_non_manager(client, site):
    client.force_login(_admin_user(manager=False))
    response = client.get(ADMIN_LIST)
    assert response.status_code in (302, 403)
    assert client.get(ADMIN_LIST + "add/").status_code in (302, 403)


def test_a_manager_lists_originals_filters_and_exports(client, host):
    space = space_with_host(host, name="Civic space coalition", slug="civic", access=Access.REQUEST)
    row = space.copy_for_translation(Locale.objects.get(language_code="fr"))
    row.name = "Coalition pour l’espace civique"
    row.save()
    client.force_login(_admin_user(manager=True))
    html = client.get(ADMIN_LIST).content.decode()
    assert "Civic space coalition" in html and "Coalition pour" not in html
    html = client.get(ADMIN_LIST + "?access=request").content.decode()
    assert "Civic space coalition" in html
    response = client.get(ADMIN_LIST + "?export=csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Civic space coalition" in body.decode() and "On request" in body.decode()


def test_nobody_deletes_a_group_from_the_admin(client, host):
    space = space_with_host(host, slug="keep")
    client.force_login(_admin_user(manager=True))
    client.post(f"{ADMIN_LIST}delete/{space.pk}/")
    assert Space.objects.filter(pk=space.pk).exists()


def test_a_manager_creates_a_chapter_in_the_admin(client, site):
    client.force_login(_admin_user(manager=True))
    assert client.get(ADMIN_LIST + "add/").status_code == 200
    response = client.post(
        ADMIN_LIST + "add/?locale=en",
        {
            "name": "Kenya chapter",
            "description": "Reformers in Kenya.",
            "slug": "kenya-chapter",
            "kind": "coalition",
            "access": "request",
            "theme": "",
            "region": "africa_middle_east",
        },
    )
    assert response.status_code == 302
    space = Space.objects.originals().get(slug="kenya-chapter")
    assert space.kind == Kind.COALITION and space.access == Access.REQUEST
    assert client.get("/en/groups/kenya-chapter/").status_code == 200
