"""The API's privacy table: every profile visibility × field audience, read anonymously,
with a partner token and with a token issued by staff (and by a signed-in staff session),
on every endpoint where a person appears: members, event speakers, story authors and the
jurors of published results. Nothing is shown beyond what an anonymous visitor sees on
the site; registrants are never listed outside the partner endpoint (tests/api/test_tokens.py).
"""

import itertools
import json

from django.core.files.base import ContentFile

import pytest

from community.factories import StaffFactory, make_member
from community.models import Visibility
from content.factories import StoryIndexPageFactory, StoryPageFactory
from content.models import StoryPerson
from events.factories import SpeakerFactory

pytestmark = pytest.mark.django_db

V = Visibility
LEVELS = [V.PUBLIC, V.MEMBERS, V.CONNECTIONS, V.HIDDEN]
CALLERS = ["anonymous", "partner token", "staff token", "staff session"]

NAME = "Zephyrine Quillfeather"
HEADLINE = "Headlinemarker reformer"
ORG = "Orgmarkerxyz Institute"
CITY = "Citymarkerville"
LINK = "https://linkmarker.example.org/page"


def anonymous_sees_profile(visibility):
    return visibility == V.PUBLIC


def anonymous_sees_field(visibility, audience):
    return visibility == V.PUBLIC and audience == V.PUBLIC


@pytest.fixture
def subject_for():
    def build(visibility, audience):
        subject = make_member(
            user={"name": NAME},
            display_name=NAME,
            headline=HEADLINE,
            organisation=ORG,
            city=CITY,
            country="NZ",
            links=[{"label": "Site", "url": LINK}],
            visibility=visibility,
            organisation_visibility=audience,
            location_visibility=audience,
            photo_visibility=audience,
            links_visibility=audience,
        )
        subject.profile.photo.save("profile-photos/m.jpg", ContentFile(b"jpeg"), save=True)
        return subject

    return build


@pytest.fixture
def caller(client, make_token, partner):
    """(headers) for each kind of caller."""
    from api import services

    def make(kind):
        if kind == "anonymous":
            return {}
        if kind == "staff session":
            client.force_login(StaffFactory(is_superuser=True))
            return {}
        if kind == "partner token":
            _token, raw = make_token()
        else:  # a token staff issued for themselves, with every scope
            _token, raw = services.token_create(
                name="Staff", partner=partner, scopes=["registrations:read"], by=StaffFactory()
            )
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return make


def _text(response) -> str:
    assert response.status_code in {200, 404}, response.content[:300]
    return json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("visibility", "audience", "kind"), list(itertools.product(LEVELS, LEVELS, CALLERS))
)
def test_members_show_only_what_an_anonymous_visitor_sees(
    site, client, subject_for, caller, visibility, audience, kind
):
    subject = subject_for(visibility, audience)
    headers = caller(kind)
    listing = _text(client.get("/api/v1/members/", **headers))
    detail_response = client.get(f"/api/v1/members/{subject.profile.pk}/", **headers)
    detail = _text(detail_response)
    shown = anonymous_sees_profile(visibility)
    assert (NAME in listing) is shown
    assert (detail_response.status_code == 200) is shown
    field = anonymous_sees_field(visibility, audience)
    for text in (listing, detail) if shown else ():
        assert (ORG in text) is field
        assert (CITY in text) is field
        assert (LINK in text) is field
        assert ("/photo/" in text or "photo" in text and "?v=" in text) is field
        assert HEADLINE in text
    # Searching and filtering by a hidden field find nothing either.
    found = _text(client.get("/api/v1/members/?q=Orgmarkerxyz", **headers))
    assert (NAME in found) is (shown and field)
    by_country = _text(client.get("/api/v1/members/?country=NZ", **headers))
    assert (NAME in by_country) is (shown and field)


@pytest.mark.parametrize(("visibility", "kind"), list(itertools.product(LEVELS, CALLERS)))
def test_speakers_link_a_member_only_when_anonymous_visitors_may_see_them(
    site, client, make_event, subject_for, caller, visibility, kind
):
    subject = subject_for(visibility, V.PUBLIC)
    speaker = SpeakerFactory(name="Speaker Person", user=subject)
    agenda = [
        {
            "type": "session",
            "value": {
                "day": None,
                "starts_at": "14:00",
                "ends_at": "15:00",
                "title": "Opening",
                "description": "",
                "speakers": [speaker.pk],
            },
        }
    ]
    event = make_event(title="Summit", slug="summit", agenda=json.dumps(agenda))
    data = client.get(f"/api/v1/events/{event.pk}/", **caller(kind)).json()
    assert data["speakers"] == [
        {
            "name": "Speaker Person",
            "role": speaker.role,
            "member_id": subject.profile.pk if anonymous_sees_profile(visibility) else None,
        }
    ]
    assert NAME not in json.dumps(data)


@pytest.mark.parametrize(
    ("visibility", "consent", "anonymously", "kind"),
    [
        (level, consent, anonymously, kind)
        for level in LEVELS
        for consent, anonymously in [(True, False), (False, False), (True, True)]
        for kind in CALLERS
    ],
)
def test_story_authors_as_the_story_page_shows_them(
    site, client, subject_for, caller, visibility, consent, anonymously, kind
):
    from home.models import HomePage

    home = HomePage.objects.get(pk=site.root_page_id)
    index = StoryIndexPageFactory(parent=home)
    subject = subject_for(visibility, V.PUBLIC)
    story = StoryPageFactory(parent=index, submitted_by=subject, publish_anonymously=anonymously)
    StoryPerson.objects.create(page=story, member=subject, role="Lead", consent=consent)
    story.save_revision().publish()
    data = client.get(f"/api/v1/stories/{story.pk}/", **caller(kind)).json()
    names = [person["name"] for person in data["authors"]]
    seen = anonymous_sees_profile(visibility)
    expected = ([NAME] if seen and not anonymously else []) + ([NAME] if seen and consent else [])
    assert names == expected
    # The site's story page shows the same names to an anonymous visitor.
    client.logout()
    page = client.get(story.url)
    assert (NAME in page.content.decode()) is bool(expected)


@pytest.mark.parametrize("kind", CALLERS)
def test_only_jurors_who_agreed_are_named_in_results(site, client, caller, kind):
    from django.utils import timezone

    from awards.factories import AwardIndexPageFactory, AwardProgrammePageFactory, JurorRoleFactory
    from awards.models import ProgrammeRound
    from home.models import HomePage

    home = HomePage.objects.get(pk=site.root_page_id)
    index = AwardIndexPageFactory(parent=home)
    edition = AwardProgrammePageFactory(parent=index)
    JurorRoleFactory(programme=edition, publish_name=True, public_name="Named Juror")
    JurorRoleFactory(programme=edition, publish_name=False, public_name="Secret Juror")
    headers = caller(kind)
    unpublished = client.get(f"/api/v1/awards/{edition.pk}/results/", **headers)
    assert unpublished.status_code == 404
    assert unpublished.json()["code"] == "not_published"
    ProgrammeRound.objects.update_or_create(
        programme=edition, defaults={"results_published_at": timezone.now()}
    )
    data = client.get(f"/api/v1/awards/{edition.pk}/results/", **headers).json()
    assert [j["name"] for j in data["jury"]] == ["Named Juror"]
    assert "Secret Juror" not in json.dumps(data)
