"""Joining, asking, inviting, leaving, hosts; and the spaces kept in step with cohorts."""

import pytest

from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import Participant
from home.models import Notification
from spaces import permissions, services
from spaces.errors import SpaceError
from spaces.factories import SpaceFactory, add_member
from spaces.models import Kind, Membership, Space

pytestmark = pytest.mark.django_db


def state(space, user):
    row = Membership.objects.filter(space=space, user=user).first()
    return row.state if row else None


def test_an_open_space_is_joined_at_once(open_space, amina):
    services.space_join(space=open_space, member=amina)
    assert state(open_space, amina) == "active"
    assert permissions.can_read(amina, open_space)
    with pytest.raises(SpaceError) as exc:
        services.space_join(space=open_space, member=amina)
    assert exc.value.code == "already_member"


def test_a_space_on_request_waits_for_a_host_who_is_told(request_space, amina, host):
    with pytest.raises(SpaceError) as exc:
        services.space_join(space=request_space, member=amina)
    assert exc.value.code == "not_open"
    row = services.space_request(space=request_space, member=amina, note="I lead the OGP team.")
    assert row.state == "requested"
    assert not permissions.can_read(amina, request_space)
    assert Notification.objects.filter(recipient=host, kind="spaces.join_request").exists()
    services.request_answer(host=host, membership=row, approve=True)
    assert state(request_space, amina) == "active"
    assert Notification.objects.filter(recipient=amina, kind="spaces.request_answered").exists()
    with pytest.raises(SpaceError) as exc:
        services.request_answer(host=host, membership=row, approve=True)
    assert exc.value.code == "no_request"


def test_only_hosts_answer_requests(request_space, amina, bruno):
    row = services.space_request(space=request_space, member=amina)
    with pytest.raises(SpaceError) as exc:
        services.request_answer(host=bruno, membership=row, approve=True)
    assert exc.value.code == "not_host"
    assert state(request_space, amina) == "requested"


def test_a_declined_request_can_be_made_again(request_space, amina, host):
    row = services.space_request(space=request_space, member=amina)
    services.request_answer(host=host, membership=row, approve=False)
    assert state(request_space, amina) is None
    services.space_request(space=request_space, member=amina)
    assert state(request_space, amina) == "requested"


def test_a_secret_space_cannot_be_found_but_an_invitation_opens_it(secret_space, amina, host):
    assert not permissions.can_see(amina, secret_space)
    with pytest.raises(SpaceError) as exc:
        services.space_join(space=secret_space, member=amina)
    assert exc.value.code == "not_found"
    services.space_invite(host=host, space=secret_space, member=amina)
    assert permissions.can_see(amina, secret_space)
    assert not permissions.can_read(amina, secret_space)
    services.invitation_answer(member=amina, space=secret_space, accept=True)
    assert permissions.can_read(amina, secret_space)


def test_the_last_host_hands_over_before_leaving(open_space, host, amina):
    with pytest.raises(SpaceError) as exc:
        services.space_leave(space=open_space, member=host)
    assert exc.value.code == "last_host"
    services.space_join(space=open_space, member=amina)
    services.host_set(actor=host, space=open_space, member=amina, host=True)
    services.space_leave(space=open_space, member=host)
    assert state(open_space, host) == "left"
    assert permissions.can_host(amina, open_space)


def test_a_translation_row_points_at_its_original(open_space):
    from wagtail.models import Locale

    french = open_space.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Coalition pour l’espace civique"
    french.save()
    assert french.original_id == open_space.pk
    assert list(Space.objects.originals().filter(slug=open_space.slug)) == [open_space]


@pytest.fixture
def programme(site):
    return ProgrammePageFactory(parent=site.root_page, slug="leadership")


def test_participants_are_in_their_cohort_space_and_alumni_in_the_networks(programme, amina):
    cohort = CohortPageFactory(parent=programme, slug="cohort-2027")
    participation = Participant.objects.create(cohort=cohort, user=amina)
    space = Space.objects.originals().get(cohort=cohort)
    assert space.kind == Kind.COHORT and space.access == "invitation"
    assert state(space, amina) == "active"
    networks = Space.objects.originals().filter(kind=Kind.ALUMNI)
    assert not Membership.objects.filter(space__in=networks, user=amina).exists()

    participation.status = Participant.Status.COMPLETED
    participation.save()
    assert state(space, amina) == "active"
    mine = set(
        Membership.objects.filter(space__in=networks, user=amina, state="active").values_list(
            "space__programme_id", flat=True
        )
    )
    assert mine == {programme.pk, None}

    # Loses alumni status: leaves both networks, stays out of the cohort space too.
    participation.status = Participant.Status.NOT_COMPLETED
    participation.save()
    assert not Membership.objects.filter(user=amina, state="active").exists()


def test_leaving_the_cohort_leaves_its_space_but_a_member_who_left_is_not_put_back(
    programme, amina, bruno
):
    cohort = CohortPageFactory(parent=programme, slug="cohort-2028")
    a = Participant.objects.create(cohort=cohort, user=amina)
    Participant.objects.create(cohort=cohort, user=bruno)
    space = Space.objects.originals().get(cohort=cohort)
    services.space_leave(space=space, member=bruno)
    services.sync_automatic(bruno)
    assert state(space, bruno) == "left"
    a.delete()
    assert state(space, amina) is None


def test_cohort_and_alumni_spaces_cannot_be_joined_by_request(programme, amina):
    cohort = CohortPageFactory(parent=programme, slug="cohort-2029")
    space = services.ensure_cohort_space(cohort)
    with pytest.raises(SpaceError) as exc:
        services.space_join(space=space, member=amina)
    assert exc.value.code == "automatic"


def test_every_theme_has_an_open_network(site):
    from home.models import Theme

    theme = Theme.objects.filter(locale__language_code="en").first()
    network = Space.objects.originals().get(kind=Kind.THEMATIC, theme=theme)
    assert network.access == "open"


def test_open_networks_do_not_count_as_a_shared_circle(open_space, amina, bruno, host):
    from home import circles

    services.space_join(space=open_space, member=amina)
    services.space_join(space=open_space, member=bruno)
    assert not circles.share_a_circle(amina, bruno)
    closed = SpaceFactory(access="request")
    add_member(closed, amina)
    add_member(closed, bruno)
    assert circles.share_a_circle(amina, bruno)
