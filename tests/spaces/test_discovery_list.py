"""The group list (/<lang>/groups/): filters, search in three languages, the viewer's
state, bounded queries; the site search's "Groups", the sitemap and "My groups"."""

import re

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

import pytest

from home.models import Theme
from spaces.factories import SpaceFactory, add_member
from spaces.models import Access, Kind, Membership, Space

from .conftest import space_with_host

pytestmark = pytest.mark.django_db

INDEX = "/en/groups/"


def names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/\w\w/groups/[\w-]+/">([^<]+)</a></h3>', html)


def translate(space, language, name, description=""):
    row = space.copy_for_translation(Locale.objects.get(language_code=language))
    row.name, row.description = name, description
    row.save()
    return row


@pytest.fixture
def coalitions(host):
    return {
        "civic": space_with_host(
            host,
            name="Civic space coalition",
            slug="civic",
            region="africa_middle_east",
            description="Defending the right to assemble.",
        ),
        "chapter": space_with_host(
            host,
            name="Kenya chapter",
            slug="kenya",
            access=Access.REQUEST,
            region="africa_middle_east",
        ),
        "local": space_with_host(
            host, name="Local government network", slug="local", access=Access.INVITATION
        ),
        "secret": space_with_host(host, name="Safe room", slug="safe", access=Access.SECRET),
    }


def test_the_list_shows_cards_with_kind_access_count_and_region(client, coalitions, amina):
    add_member(coalitions["civic"], amina)
    html = client.get(INDEX + "?kind=coalition").content.decode()
    assert names(html) == ["Civic space coalition", "Kenya chapter", "Local government network"]
    assert "Safe room" not in html
    assert "3 groups" in html
    card = html[html.index("Civic space coalition") :][:900]
    assert "2 members" in card and "Africa and the Middle East" in card and ">Open<" in card
    assert ">On request<" in html and ">By invitation<" in html


def test_thematic_networks_are_listed_with_their_theme(client, site):
    html = client.get(INDEX + "?kind=thematic").content.decode()
    theme = Theme.objects.filter(locale__language_code="en").order_by("sort_order").first()
    assert theme.name in html
    assert "Thematic network · " in html


def test_filters_by_kind_theme_region_with_chips(client, coalitions):
    theme = Theme.objects.filter(locale__language_code="en").order_by("sort_order").first()
    coalitions["chapter"].theme = theme
    coalitions["chapter"].save()
    html = client.get(INDEX + "?region=africa_middle_east&kind=coalition").content.decode()
    assert names(html) == ["Civic space coalition", "Kenya chapter"]
    assert 'class="chips"' in html and "Region: Africa and the Middle East" in html
    assert 'href="/en/groups/?kind=coalition"' in html  # removing the region chip
    html = client.get(INDEX + f"?theme={theme.slug}&kind=coalition").content.decode()
    assert names(html) == ["Kenya chapter"]
    assert f"Theme: {theme.name}" in html


def test_the_theme_filter_speaks_the_readers_language(client, coalitions):
    fr = Theme.objects.filter(locale__language_code="fr").order_by("sort_order").first()
    coalitions["civic"].theme = Theme.objects.get(
        translation_key=fr.translation_key, locale__language_code="en"
    )
    coalitions["civic"].save()
    html = client.get(f"/fr/groups/?theme={fr.slug}&kind=coalition").content.decode()
    assert f">{fr.name}</option>" in html
    assert names(html) == ["Civic space coalition"]


def test_an_unknown_filter_is_ignored_not_an_error(client, coalitions):
    response = client.get(INDEX + "?kind=nonsense&region=mars&theme=nope&page=abc")
    assert response.status_code == 200
    html = response.content.decode()
    assert "We ignored a filter we did not recognise." in html
    assert "Civic space coalition" in html
    assert names(client.get(INDEX + "?mine=on").content.decode()) == []  # a visitor has none


def test_odd_search_input_is_never_an_error(client, coalitions):
    from spaces.page_selectors import search_groups

    for q in ("civic\x00", "x" * 500, "%", "_", "' OR 1=1 --"):
        assert client.get(INDEX, {"q": q}).status_code == 200
        search_groups(q, viewer=coalitions["civic"].memberships.first().user)
    assert names(client.get(INDEX, {"q": "%"}).content.decode()) == []


def test_search_matches_the_name_or_description_of_the_original(client, coalitions):
    html = client.get(INDEX + "?q=assemble").content.decode()
    assert names(html) == ["Civic space coalition"]
    assert "Search: assemble" in html
    html = client.get(INDEX + "?q=kenya").content.decode()
    assert names(html) == ["Kenya chapter"]


def test_search_matches_a_translation_and_shows_the_readers_words(client, coalitions):
    translate(coalitions["civic"], "fr", "Coalition pour l’espace civique", "Droit de réunion.")
    html = client.get("/fr/groups/?q=réunion").content.decode()
    assert names(html) == ["Coalition pour l’espace civique"]
    # the original's words still find it in French
    html = client.get("/fr/groups/?q=assemble").content.decode()
    assert names(html) == ["Coalition pour l’espace civique"]
    # and the French words do not find it in English
    assert names(client.get(INDEX + "?q=réunion").content.decode()) == []
    assert Space.objects.originals().filter(slug="civic").count() == 1


def test_search_never_finds_a_secret_group(client, coalitions, amina):
    client.force_login(amina)
    assert names(client.get(INDEX + "?q=safe").content.decode()) == []
    add_member(coalitions["secret"], amina)
    assert names(client.get(INDEX + "?q=safe").content.decode()) == ["Safe room"]


def test_the_viewer_sees_their_state_on_each_card(client, coalitions, amina):
    add_member(coalitions["civic"], amina)
    add_member(coalitions["chapter"], amina, state=Membership.State.REQUESTED)
    add_member(coalitions["local"], amina, state=Membership.State.INVITED)
    client.force_login(amina)
    html = client.get(INDEX + "?kind=coalition").content.decode()

    def card(name):
        start = html.index(name)
        return html[start : html.index("</li>", start)]

    assert 'badge--success">Member<' in card("Civic space coalition")
    assert ">Asked to join<" in card("Kenya chapter")
    assert ">Invited<" in card("Local government network")


def test_the_plain_list_in_each_language(client, coalitions):
    for language in ("en", "fr", "es"):
        response = client.get(f"/{language}/groups/")
        assert response.status_code == 200
        assert "Civic space coalition" in response.content.decode()


def test_the_empty_state_says_what_to_do(client, coalitions):
    html = client.get(INDEX + "?q=zzzz").content.decode()
    assert "No groups match. Try fewer filters or other words." in html
    assert "Clear the filters" in html
    assert "0 groups" in html


def test_24_a_page_with_pagination(client, host):
    for n in range(30):
        SpaceFactory(name=f"Network {n:02d}", slug=f"net-{n}", kind=Kind.COALITION)
    html = client.get(INDEX + "?kind=coalition").content.decode()
    assert len(names(html)) == 24
    assert 'class="pagination"' in html and "page=2" in html and "kind=coalition" in html
    html = client.get(INDEX + "?kind=coalition&page=2").content.decode()
    assert len(names(html)) == 6


def _make(n, host, member):
    theme = Theme.objects.filter(locale__language_code="en").first()
    for i in range(n):
        space = SpaceFactory(kind=Kind.COALITION, theme=theme, region="europe")
        add_member(space, host, role=Membership.Role.HOST)
        if i % 2:
            add_member(space, member)
        translate(space, "fr", f"Réseau {i}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_list_costs_the_same_queries_for_3_and_40_groups(
    client, host, amina, language, django_assert_max_num_queries
):
    client.force_login(amina)
    _make(3, host, amina)
    url = f"/{language}/groups/?kind=coalition"
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    _make(37, host, amina)
    bound = len(small.captured_queries)
    client.get(url)  # new groups start a new generation of the shared chrome
    with django_assert_max_num_queries(bound):
        html = client.get(url).content.decode()
    assert len(names(html)) == 24


# ---------------------------------------------------------------------------
# The site search, the sitemap, "My groups"
# ---------------------------------------------------------------------------
def test_site_search_lists_visible_groups_only(client, coalitions, amina):
    html = client.get("/en/search/?q=safe").content.decode()
    assert "Safe room" not in html
    html = client.get("/en/search/?q=coalition").content.decode()
    assert "Civic space coalition" in html and "<h2" in html and ">Groups<" in html
    add_member(coalitions["secret"], amina)
    client.force_login(amina)
    assert "Safe room" in client.get("/en/search/?q=safe").content.decode()


def test_the_sitemap_lists_only_open_and_on_request_groups(client, coalitions):
    xml = client.get("/sitemap-groups.xml").content.decode()
    assert "/en/groups/civic/" in xml and "/fr/groups/kenya/" in xml
    assert "/groups/local/" not in xml and "/groups/safe/" not in xml
    for path in ("/en/groups/civic/", "/es/groups/kenya/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "noindex" not in response.get("X-Robots-Tag", "")
    assert "sitemap-groups.xml" in client.get("/sitemap.xml").content.decode()


def test_my_groups_on_the_members_space(client, coalitions, amina):
    client.force_login(amina)
    html = client.get("/en/me/").content.decode()
    assert "My groups" in html and "You are not in any group yet." in html
    add_member(coalitions["civic"], amina)
    add_member(coalitions["local"], amina, state=Membership.State.INVITED)
    html = client.get("/en/me/").content.decode()
    assert "Civic space coalition" in html
    assert "Invitations for you" in html and "Local government network" in html
    with translation.override("en"):
        assert reverse("spaces:index") in html


def test_my_groups_costs_the_same_queries_for_2_and_20_groups(
    client, host, amina, django_assert_max_num_queries
):
    def more(n, start):
        for i in range(start, start + n):
            add_member(space_with_host(host, name=f"Mine {i:02d}", slug=f"mine-{i}"), amina)

    more(2, 0)
    client.force_login(amina)
    client.get("/en/me/")
    with django_assert_max_num_queries(80) as small:
        client.get("/en/me/")
    more(18, 2)
    bound = len(small.captured_queries)
    client.get("/en/me/")  # new groups start a new generation of the shared chrome
    with django_assert_max_num_queries(bound):
        html = client.get("/en/me/").content.decode()
    assert "Mine 05" in html and "Mine 06" not in html  # six, then the link to all
    assert 'href="/en/groups/?mine=on"' in html
    html = client.get(INDEX + "?mine=on").content.decode()
    assert "20 groups" in html and "Show: Only my groups" in html
