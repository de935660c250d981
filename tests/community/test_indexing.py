"""Search engines index a profile only if it is public AND its member opted in (default
off). A table: visibility × opt-in × viewer → the page's robots answer, and the sitemap."""

import itertools
import re

from django.conf import settings
from django.test import Client

import pytest

from community.factories import StaffFactory, UserFactory, make_member
from community.models import Profile, Visibility
from tests.home import sitemaps

pytestmark = pytest.mark.django_db

S = settings.SITE_URL

V = Visibility
LEVELS = [V.PUBLIC, V.MEMBERS, V.CONNECTIONS, V.HIDDEN]
VIEWERS = ["anonymous", "member", "staff"]
ROBOTS_META = re.compile(r'<meta name="robots" content="([^"]*)"')


def viewer_client(kind):
    client = Client()
    if kind == "member":
        client.force_login(UserFactory())
    elif kind == "staff":
        client.force_login(StaffFactory())
    return client


def can_see(visibility, viewer):
    if viewer == "staff":
        return True
    if viewer == "member":
        return visibility >= V.MEMBERS
    return visibility == V.PUBLIC


@pytest.mark.parametrize(
    ("visibility", "opted_in", "viewer"), list(itertools.product(LEVELS, [False, True], VIEWERS))
)
def test_profile_indexing_table(site, visibility, opted_in, viewer):
    subject = make_member(
        display_name="Tablerow Person", visibility=visibility, allow_search_engines=opted_in
    )
    indexable = visibility == V.PUBLIC and opted_in
    response = viewer_client(viewer).get(f"/en/community/members/{subject.profile.pk}/")
    if not can_see(visibility, viewer):
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        metas = ROBOTS_META.findall(response.content.decode())
        if indexable:
            assert "X-Robots-Tag" not in response
            assert metas == []
        else:
            assert response["X-Robots-Tag"] == "noindex, nofollow"
            assert metas == ["noindex, nofollow"]
    locs = sitemaps.locations(Client())
    path = f"/community/members/{subject.profile.pk}/"
    listed = {code for code in ("en", "fr", "es") if f"{S}/{code}{path}" in locs}
    assert listed == ({"en", "fr", "es"} if indexable else set())


def test_the_choice_is_off_by_default_and_the_member_makes_it(site):
    member = UserFactory(preferred_language="fr")
    assert member.profile.allow_search_engines is False
    client = Client()
    client.force_login(member)
    form = client.get("/fr/community/profile/").content.decode()
    assert 'name="allow_search_engines"' in form
    assert "Autoriser les moteurs de recherche à référencer mon profil" in form
    assert "Google" in form
    data = {
        "display_name": "Opting Member",
        "visibility": V.PUBLIC,
        "allow_search_engines": "on",
        "organisation_visibility": V.PUBLIC,
        "location_visibility": V.PUBLIC,
        "photo_visibility": V.PUBLIC,
        "links_visibility": V.PUBLIC,
        "preferred_language": "fr",
    }
    assert client.post("/fr/community/profile/", data).status_code == 302
    assert Profile.objects.get(user=member).allow_search_engines is True
    downloaded = client.get("/fr/community/account/data/").content.decode()
    assert '"allow_search_engines": true' in downloaded
    assert "Opting Member" not in " ".join(sitemaps.locations(Client()))  # locations only
    assert f"/community/members/{member.profile.pk}/" in " ".join(sitemaps.locations(Client()))
    data.pop("allow_search_engines")
    client.post("/fr/community/profile/", data)
    assert Profile.objects.get(user=member).allow_search_engines is False
    assert f"/community/members/{member.profile.pk}/" not in " ".join(sitemaps.locations(Client()))


def test_a_deactivated_member_is_never_listed(site):
    subject = make_member(visibility=V.PUBLIC, allow_search_engines=True)
    subject.is_active = False
    subject.save()
    assert f"/members/{subject.profile.pk}/" not in " ".join(sitemaps.locations(Client()))
