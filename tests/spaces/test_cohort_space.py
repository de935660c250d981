"""The live cohort space: the old cohort page sends its readers to the cohort's group,
which shows the schedule of sessions (in the reader's language) and, on its resources
page, the session materials."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

import pytest

from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import Participant
from community.factories import make_member
from spaces import resource_selectors
from spaces.factories import add_member
from spaces.models import Membership, Space
from spaces.services import ensure_cohort_space
from spaces.services.resources import resource_add

pytestmark = pytest.mark.django_db


def session(title, material, url):
    return (
        "session",
        {
            "date": datetime(2027, 3, 4, 14, 0, tzinfo=UTC),
            "title": title,
            "facilitator": "Hana Host",
            "description": "",
            "materials": [{"title": material, "document": None, "url": url}],
        },
    )


@pytest.fixture
def cohort(site):
    programme = ProgrammePageFactory(parent=site.root_page, slug="leadership")
    cohort = CohortPageFactory(
        parent=programme,
        slug="cohort-2027",
        title="Reformers 2027",
        curriculum=[
            session("Opening the books", "Budget primer", "https://example.org/primer.pdf"),
            session("Citizens at the table", "Participation toolkit", "https://example.org/kit"),
        ],
    )
    cohort.save_revision().publish()
    cohort.refresh_from_db()
    return cohort


@pytest.fixture
def participant(cohort):
    user = make_member(display_name="Paula Participant")
    Participant.objects.create(cohort=cohort, user=user)
    space = ensure_cohort_space(cohort)
    add_member(space, user, via=Membership.Via.COHORT)
    return user


def test_the_old_cohort_space_sends_participants_to_the_group(client, cohort, participant):
    client.force_login(participant)
    response = client.get(reverse("cohorts:space", args=[cohort.pk]))
    space = Space.objects.originals().get(cohort=cohort)
    assert response.status_code == 302
    assert response["Location"] == reverse("spaces:space", args=[space.slug])


def test_the_redirect_makes_the_group_when_it_is_missing(client, cohort, participant):
    Space.objects.filter(cohort=cohort).delete()
    client.force_login(participant)
    response = client.get(reverse("cohorts:space", args=[cohort.pk]))
    space = Space.objects.originals().get(cohort=cohort)
    assert response["Location"] == reverse("spaces:space", args=[space.slug])


def test_others_keep_the_old_answers(client, cohort):
    url = reverse("cohorts:space", args=[cohort.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(make_member())
    assert client.get(url).status_code == 403
    assert client.get(reverse("cohorts:space", args=[99999])).status_code == 404


def render_sessions(space, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load group_resources %}{% group_sessions space %}")
    return template.render(Context({"request": request, "space": space}))


def test_the_schedule_of_sessions_with_materials_for_members(cohort, participant):
    space = ensure_cohort_space(cohort)
    html = render_sessions(space, participant)
    assert "Schedule of sessions" in html
    assert html.index("Opening the books") < html.index("Citizens at the table")
    assert 'href="https://example.org/primer.pdf"' in html and "Budget primer" in html
    # Someone who may open the page but is not a member sees the schedule, not the materials.
    outsider = make_member()
    html = render_sessions(space, outsider)
    assert "Opening the books" in html
    assert "Budget primer" not in html


def test_a_group_that_is_not_a_cohort_space_has_no_schedule(open_space, host):
    assert render_sessions(open_space, host).strip() == ""


def test_the_schedule_is_in_the_readers_language(cohort, participant):
    french = cohort.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.title = "Réformateurs 2027"
    french.curriculum = [session("Ouvrir les comptes", "Abécédaire du budget", "https://e.org/fr")]
    french.save_revision().publish()
    space = ensure_cohort_space(cohort)
    with translation.override("fr"):
        html = render_sessions(space, participant)
    assert "Ouvrir les comptes" in html and "Abécédaire du budget" in html
    assert "Opening the books" not in html
    with translation.override("es"):  # no Spanish page: the original
        assert "Opening the books" in render_sessions(space, participant)


def test_the_resources_page_of_a_cohort_space_lists_the_session_materials(
    client, cohort, participant
):
    space = ensure_cohort_space(cohort)
    resource_add(member=participant, space=space, title="My notes", url="https://e.org/notes")
    client.force_login(participant)
    html = client.get(reverse("spaces:resources", args=[space.slug])).content.decode()
    assert "My notes" in html
    assert "Session materials" in html
    assert "Budget primer" in html and "Participation toolkit" in html
    assert resource_selectors.session_materials(resource_selectors.reader_cohort(space))[0] == {
        "session": "Opening the books",
        "title": "Budget primer",
        "href": "https://example.org/primer.pdf",
    }


def test_a_non_member_does_not_see_the_materials_on_the_resources_page(client, cohort):
    space = ensure_cohort_space(cohort)
    client.force_login(make_member())
    html = client.get(reverse("spaces:resources", args=[space.slug])).content.decode()
    assert "Budget primer" not in html
    assert "The resources of this group are for its members." in html


def test_sessions_cost_a_fixed_number_of_queries(
    cohort, participant, django_assert_max_num_queries
):
    space = ensure_cohort_space(cohort)
    render_sessions(space, participant)
    space = Space.objects.get(pk=space.pk)
    with django_assert_max_num_queries(6):
        render_sessions(space, participant)
