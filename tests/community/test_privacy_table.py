"""The privacy table: every profile visibility and field audience against every kind of
viewer, on every surface where a member can appear.

The subject's fields carry unique marker words, so "does this viewer see the field"
is a plain substring check on what each surface returns.
"""

import itertools
import re

from django.core.files.base import ContentFile

import pytest

from community import selectors
from community.factories import StaffFactory, UserFactory, make_member
from community.models import Block, Connection, Visibility
from tests.home import sitemaps

pytestmark = pytest.mark.django_db

V = Visibility
VIEWERS = ["anonymous", "member", "connection", "blocked", "staff", "self"]
LEVELS = [V.PUBLIC, V.MEMBERS, V.CONNECTIONS, V.HIDDEN]

NAME = "Zephyrine Quillfeather"
HEADLINE = "Headlinemarker reformer"
ORG = "Orgmarkerxyz Institute"
CITY = "Citymarkerville"
COUNTRY = "NZ"
LINK = "https://linkmarker.example.org/page"


def profile_visible(visibility, viewer):
    if viewer in {"self", "staff"}:
        return True
    if viewer in {"blocked", "anonymous"}:
        return viewer == "anonymous" and visibility == V.PUBLIC
    threshold = V.MEMBERS if viewer == "member" else V.CONNECTIONS
    return visibility > V.HIDDEN and visibility >= threshold


def field_shown(visibility, audience, viewer):
    if viewer in {"self", "staff"}:
        return True
    if not profile_visible(visibility, viewer):
        return False
    threshold = {"anonymous": V.PUBLIC, "member": V.MEMBERS, "connection": V.CONNECTIONS}[viewer]
    effective = min(visibility, audience)
    return effective > V.HIDDEN and effective >= threshold


def build_subject(visibility, audience, theme):
    subject = make_member(
        user={"name": NAME},
        display_name=NAME,
        headline=HEADLINE,
        organisation=ORG,
        city=CITY,
        country=COUNTRY,
        sector="national_government",
        links=[{"label": "Site", "url": LINK}],
        visibility=visibility,
        organisation_visibility=audience,
        location_visibility=audience,
        photo_visibility=audience,
        links_visibility=audience,
        themes=[theme],
    )
    subject.profile.photo.save("profile-photos/marker.jpg", ContentFile(b"jpeg"), save=True)
    return subject


def make_viewer(viewer_kind, subject, theme):
    if viewer_kind == "anonymous":
        return None
    if viewer_kind == "self":
        return subject
    factory = StaffFactory if viewer_kind == "staff" else UserFactory
    viewer = factory()
    profile = viewer.profile
    profile.sector = "civil_society"
    profile.save()
    profile.themes.set([theme])
    if viewer_kind == "connection":
        low, high = Connection.ordered(viewer.pk, subject.pk)
        Connection.objects.create(user_low_id=low, user_high_id=high)
    if viewer_kind == "blocked":
        Block.objects.create(blocker=subject, blocked=viewer)
    return viewer


def listed(html: str, profile) -> bool:
    """Whether a directory response lists ``profile`` (its card links to it)."""
    return f'href="/en/community/members/{profile.pk}/"' in html


CASES = list(itertools.product(LEVELS, LEVELS))


@pytest.mark.parametrize(("visibility", "audience"), CASES)
def test_privacy_table(directory, theme, visibility, audience):
    """One subject, six viewers (built side by side: a connection of the subject and a
    member the subject blocked exist at the same time as the plain member)."""
    from django.test import Client

    subject = build_subject(visibility, audience, theme)
    viewers = {kind: make_viewer(kind, subject, theme) for kind in VIEWERS}
    for viewer_kind, viewer in viewers.items():
        client = Client()
        if viewer is not None:
            client.force_login(viewer)
        check_surfaces(client, subject, viewer, viewer_kind, visibility, audience)


def check_surfaces(client, subject, viewer, viewer_kind, visibility, audience):
    profile = subject.profile
    can_see = profile_visible(visibility, viewer_kind)
    field = field_shown(visibility, audience, viewer_kind)

    # 1. Profile page: exists only for those who may see it; fields by their audience.
    response = client.get(f"/en/community/members/{profile.pk}/")
    assert response.status_code == (200 if can_see else 404), viewer_kind
    html = response.content.decode()
    if can_see:
        assert HEADLINE in html
        assert (ORG in html) == field
        assert (CITY in html) == field
        assert ("New Zealand" in html) == field
        assert (LINK in html) == field
        assert (f"/community/members/{profile.pk}/photo/" in html) == field
    else:
        for marker in (NAME, HEADLINE, ORG, CITY, LINK):
            assert marker not in html

    # Photo URL itself: served only when the photo is visible.
    photo = client.get(f"/en/community/members/{profile.pk}/photo/")
    assert photo.status_code == (200 if field else 404)

    # 2. Page metadata: <head> never carries a field with its own audience; only public
    # profiles get a description / og tags, everything else is noindex.
    if can_see:
        head = html.split("</head>", 1)[0]
        for marker in (ORG, CITY, LINK, "New Zealand", "photo/"):
            assert marker not in head
        if visibility == V.PUBLIC:
            assert 'property="og:title"' in head
        else:
            assert "noindex" in head
            assert 'property="og:' not in head
            assert 'name="description"' not in head

    # 3. Directory listing.
    assert listed(client.get("/en/members/").content.decode(), profile) == can_see, viewer_kind

    # 4. Directory search: by name, by organisation (its own audience), by country.
    def found(**params):
        return listed(client.get("/en/members/", params).content.decode(), profile)

    assert found(q="Quillfeather") == can_see, viewer_kind
    assert found(q="Orgmarkerxyz") == field, viewer_kind
    assert found(q="zephyrine orgmarkerxyz") == field, viewer_kind
    assert found(country=COUNTRY) == field, viewer_kind
    assert found(region="asia_pacific") == field, viewer_kind
    assert not found(q="Citymarkerville"), viewer_kind  # the city is not searchable at all

    # 5. Suggestions: never yourself, your connections, blocked or hidden members.
    suggested = {p.user_id for p in selectors.suggestions(viewer)} if viewer else set()
    expected = viewer_kind in {"member", "staff"} and can_see and visibility > V.HIDDEN
    assert (subject.pk in suggested) == expected, viewer_kind

    # 6. Shared selectors agree.
    assert selectors.visible_profiles(viewer).filter(pk=profile.pk).exists() == can_see


@pytest.mark.parametrize("visibility", LEVELS)
def test_sitemap_never_lists_a_member_who_did_not_opt_in(client, directory, visibility, theme):
    """Through the sitemap's own URLs: no profile unless public and opted in (default off),
    and never the directory, which asks search engines not to index it."""
    subject = build_subject(visibility, visibility, theme)
    found = sitemaps.entries(client)
    xml = " ".join(e["loc"] + " " + " ".join(e["alternates"].values()) for e in found)
    assert any(e["loc"].endswith("/en/") for e in found)  # the sitemap does list pages
    assert "/en/members/" not in xml  # the directory sends noindex
    assert f"/community/members/{subject.profile.pk}/" not in xml
    assert NAME not in xml and ORG not in xml
    assert not re.search(r"/community/members/\d+/", xml)


def test_blocker_is_invisible_to_blocked_and_vice_versa(client, directory):
    blocker = make_member(display_name="Blockerina Public", visibility=V.PUBLIC)
    blocked = make_member(display_name="Blockedo Public", visibility=V.PUBLIC)
    Block.objects.create(blocker=blocker, blocked=blocked)
    client.force_login(blocked)
    assert client.get(f"/en/community/members/{blocker.profile.pk}/").status_code == 404
    assert not listed(client.get("/en/members/").content.decode(), blocker.profile)
    client.force_login(blocker)
    assert client.get(f"/en/community/members/{blocked.profile.pk}/").status_code == 404
    assert not listed(
        client.get("/en/members/", {"q": "Blockedo"}).content.decode(), blocked.profile
    )


def test_country_suggestion_needs_a_visible_location(theme):
    viewer = make_member(country="KE", sector="civil_society")
    make_member(
        display_name="Same Country Hidden Location",
        country="KE",
        sector="national_government",
        location_visibility=V.CONNECTIONS,
    )
    shown = make_member(
        display_name="Same Country Shown", country="KE", sector="national_government"
    )
    names = [p.display_name for p in selectors.suggestions(viewer)]
    assert names == [shown.profile.display_name]
