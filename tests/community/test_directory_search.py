"""Directory search at scale: the stored vectors match only what each viewer may see,
follow every edit, rank a name first; the count stops at a cap and says so; pagination
links stay few however many pages there are.

On PostgreSQL the search runs on the stored vectors (community.search_vectors); on
SQLite on icontains. The audience tests run on both; ranking and the stored columns
themselves only on PostgreSQL.
"""

import re

from django.db import connection as db_connection

import pytest

from community import services
from community.factories import StaffFactory, UserFactory, make_member
from community.models import Connection, Profile, User, Visibility

pytestmark = pytest.mark.django_db

V = Visibility
LEVELS = [V.PUBLIC, V.MEMBERS, V.CONNECTIONS, V.HIDDEN]
VIEWERS = ["anonymous", "member", "connection", "self", "staff"]
postgres_only = pytest.mark.skipif(db_connection.vendor != "postgresql", reason="needs PostgreSQL")

BIO_WORD = "Biomarkerzq"
ORG_WORD = "Orgmarkerzq"


def listed(response, profile) -> bool:
    return f'href="/en/community/members/{profile.pk}/"' in response.content.decode()


def card_names(response) -> list[str]:
    return re.findall(
        r'<h3><a href="/en/community/members/\d+/">([^<]+)</a></h3>', response.content.decode()
    )


def connect(a, b):
    low, high = Connection.ordered(a.pk, b.pk)
    Connection.objects.create(user_low_id=low, user_high_id=high)


def viewer_for(kind, subject):
    if kind == "anonymous":
        return None
    if kind == "self":
        return subject
    viewer = StaffFactory() if kind == "staff" else UserFactory()
    if kind == "connection":
        connect(viewer, subject)
    return viewer


def client_for(client, viewer):
    client.logout()
    if viewer is not None:
        client.force_login(viewer)
    return client


def sees_profile(visibility, kind) -> bool:
    if kind in {"self", "staff"}:
        return True
    threshold = {"anonymous": V.PUBLIC, "member": V.MEMBERS, "connection": V.CONNECTIONS}[kind]
    return visibility > V.HIDDEN and visibility >= threshold


@pytest.mark.parametrize("visibility", LEVELS)
@pytest.mark.parametrize("kind", VIEWERS)
def test_a_bio_word_is_found_only_by_those_who_may_see_the_profile(
    client, directory, visibility, kind
):
    """E.g. a word only in a connections-only profile's bio: a connection finds it, a
    member or a visitor does not."""
    subject = make_member(
        display_name="Quorra Vexlander", bio=f"I work on {BIO_WORD} budgets.", visibility=visibility
    )
    # Someone else whose bio holds the word, public: the search itself works for everyone.
    other = make_member(display_name="Other Person", bio=BIO_WORD, visibility=V.PUBLIC)
    client = client_for(client, viewer_for(kind, subject))
    response = client.get("/en/members/", {"q": BIO_WORD.lower()})
    assert listed(response, other.profile)
    assert listed(response, subject.profile) == sees_profile(visibility, kind)


@pytest.mark.parametrize("audience", LEVELS)
@pytest.mark.parametrize("kind", VIEWERS)
def test_an_organisation_word_is_found_only_where_the_organisation_is_shown(
    client, directory, audience, kind
):
    subject = make_member(
        display_name="Quorra Vexlander",
        organisation=f"{ORG_WORD} Institute",
        visibility=V.PUBLIC,
        organisation_visibility=audience,
    )
    client = client_for(client, viewer_for(kind, subject))
    shown = sees_profile(audience, kind)
    assert listed(client.get("/en/members/", {"q": ORG_WORD}), subject.profile) == shown
    # Every word must match: the name alone is enough to find the profile, not name + org.
    assert listed(client.get("/en/members/", {"q": "quorra"}), subject.profile)
    assert listed(client.get("/en/members/", {"q": f"vexlander {ORG_WORD}"}), subject.profile) == (
        shown
    )


def test_a_connection_finds_what_a_member_does_not_in_the_same_search(client, directory):
    """One viewer, two profiles with the same connections-only organisation: only the
    connection's is found (the column is chosen per row, not per viewer)."""
    viewer = UserFactory()
    friend = make_member(
        display_name="Friend Person",
        organisation=f"{ORG_WORD} Lab",
        organisation_visibility=V.CONNECTIONS,
    )
    stranger = make_member(
        display_name="Stranger Person",
        organisation=f"{ORG_WORD} Lab",
        organisation_visibility=V.CONNECTIONS,
    )
    connect(viewer, friend)
    response = client_for(client, viewer).get("/en/members/", {"q": ORG_WORD})
    assert listed(response, friend.profile)
    assert not listed(response, stranger.profile)


def test_the_search_follows_a_profile_edit_and_a_privacy_change(client, directory):
    subject = make_member(display_name="Quorra Vexlander", bio="Old words only.")
    subject.profile.organisation = f"{ORG_WORD} Agency"
    subject.profile.save()
    member = UserFactory()
    client = client_for(client, member)
    assert not listed(client.get("/en/members/", {"q": BIO_WORD}), subject.profile)
    assert listed(client.get("/en/members/", {"q": ORG_WORD}), subject.profile)

    services.profile_update(
        profile=subject.profile,
        data={"bio": f"New words: {BIO_WORD}.", "organisation_visibility": V.HIDDEN},
    )
    assert listed(client.get("/en/members/", {"q": BIO_WORD}), subject.profile)
    assert not listed(client.get("/en/members/", {"q": "old"}), subject.profile)
    assert not listed(client.get("/en/members/", {"q": ORG_WORD}), subject.profile)
    # Its member still finds their own organisation.
    own = client_for(client, subject).get("/en/members/", {"q": ORG_WORD})
    assert listed(own, subject.profile)

    # The whole profile goes to connections only, through a bulk update (no save()).
    Profile.objects.filter(pk=subject.profile.pk).update(visibility=V.CONNECTIONS)
    client = client_for(client, member)
    assert not listed(client.get("/en/members/", {"q": BIO_WORD}), subject.profile)


@postgres_only
def test_stored_vectors_hold_each_audience_and_follow_every_write_path():
    from django.contrib.postgres.search import SearchQuery

    def columns_matching(profile, word) -> set[str]:
        query = SearchQuery(f"{word.lower()}:*", config="simple", search_type="raw")
        return {
            column
            for column in ("search_public", "search_members", "search_connections", "search_all")
            if Profile.objects.filter(pk=profile.pk, **{column: query}).exists()
        }

    everyone = {"search_public", "search_members", "search_connections", "search_all"}
    user = User.objects.create(email="bulk-vector@example.org", name="Bulk")
    Profile.objects.filter(user=user).delete()
    [profile] = Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                display_name="Bulkname Person",
                bio=BIO_WORD,
                organisation=ORG_WORD,
                visibility=V.MEMBERS,
                organisation_visibility=V.CONNECTIONS,
            )
        ]
    )
    assert columns_matching(profile, "bulkname") == everyone - {"search_public"}
    assert columns_matching(profile, BIO_WORD) == everyone - {"search_public"}
    assert columns_matching(profile, ORG_WORD) == {"search_connections", "search_all"}
    Profile.objects.filter(pk=profile.pk).update(visibility=V.HIDDEN, bio="")
    assert columns_matching(profile, "bulkname") == {"search_all"}
    assert columns_matching(profile, BIO_WORD) == set()


@postgres_only
def test_a_name_match_ranks_before_a_word_in_a_bio(member_client, directory):
    make_member(display_name="Aaron Abbott", bio="I once met someone called Moreno.")
    make_member(display_name="Zoe Moreno", bio="Budgets.")
    make_member(display_name="Bea Bell", headline="Moreno fan club")
    names = card_names(member_client.get("/en/members/", {"q": "moreno"}))
    assert names == ["Zoe Moreno", "Bea Bell", "Aaron Abbott"]


def bulk_members(count: int, *, start: int = 0, word: str = "reformer"):
    users = User.objects.bulk_create(
        [User(email=f"search{start + n}@example.org", name=f"Bulk {n}") for n in range(count)]
    )
    Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                display_name=f"Bulk member {start + n:05d}",
                headline=f"Open government {word}",
                visibility=V.PUBLIC,
            )
            for n, user in enumerate(users)
        ]
    )


def test_beyond_the_cap_the_count_says_more_than_and_why(client, directory, monkeypatch):
    import community.directory
    import home.pagination

    monkeypatch.setattr(home.pagination, "COUNT_CAP", 5)
    monkeypatch.setattr(community.directory, "PER_PAGE", 2)
    bulk_members(5)
    html = client.get("/en/members/", {"q": "reformer"}).content.decode()
    assert "5 members" in html
    assert "More than" not in html
    bulk_members(20, start=5)
    html = client.get("/en/members/", {"q": "reformer"}).content.decode()
    assert "More than 5 members" in html
    assert "We stop counting after 5 and show only the first 5." in html
    assert "Add a word or a filter to narrow the list." in html
    # Pages go as far as the cap: page 3 holds result 5, there is no page 4.
    assert "page=3" in html and "page=4" not in html
    last = client.get("/en/members/", {"q": "reformer", "page": "3"})
    assert len(card_names(last)) == 1
    beyond = client.get("/en/members/", {"q": "reformer", "page": "4"}).content.decode()
    assert "There are fewer pages of results." in beyond


def nav_links(response) -> list[str]:
    html = response.content.decode()
    nav = html.split('<nav class="pagination"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="\?[^"]*page=(\d+)"', nav)


def test_pagination_shows_a_bounded_number_of_links(client, directory, monkeypatch):
    import community.directory

    monkeypatch.setattr(community.directory, "PER_PAGE", 1)
    bulk_members(40)
    small = nav_links(client.get("/en/members/", {"page": "20"}))
    bulk_members(400, start=40)
    large = nav_links(client.get("/en/members/", {"page": "20"}))
    # Previous, 1, 18-22 (less the current), the last page, Next.
    assert small == ["19", "1", "18", "19", "21", "22", "40", "21"]
    assert large == ["19", "1", "18", "19", "21", "22", "440", "21"]


def test_elided_page_range_tag_never_lists_every_page():
    from django.core.paginator import Paginator
    from django.template import Context, Template

    page = Paginator(range(716 * 20), 20).page(358)
    rendered = Template(
        "{% load home_tags %}{% elided_page_range page_obj as pages %}"
        "{% for n in pages %}[{{ n }}]{% endfor %}"
    ).render(Context({"page_obj": page}))
    assert rendered == "[1][…][356][357][358][359][360][…][716]"


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_search_query_count_is_the_same_for_30_and_3000_members(
    client, directory, django_assert_num_queries, viewer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if viewer == "member":
        member = UserFactory()
        client.force_login(member)
    bulk_members(30)
    client.get("/en/members/")  # warm caches (site, locales)
    params = {"q": "open reformer", "sector": "", "page": "2"}
    with CaptureQueriesContext(connection) as ctx:
        client.get("/en/members/", params)
    expected = len(ctx.captured_queries)
    if viewer == "member":
        for other in User.objects.filter(email__startswith="search")[:10]:
            connect(member, other)
    bulk_members(2970, start=30)
    with django_assert_num_queries(expected):
        response = client.get("/en/members/", params)
    assert len(card_names(response)) == 20
