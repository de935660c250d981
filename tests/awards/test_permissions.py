"""Who can see and do what, on every nomination view, attachment and score.

One table per surface: each row is an actor and the status code they must get.
Anything not allowed answers 404 (the nomination's existence is not revealed) or, for a
juror who is assigned but conflicted, 403 with an explanation; anonymous visitors are
sent to sign in.
"""

import pytest

from awards import services
from awards.errors import AwardError
from awards.models import ConflictOfInterest, Nomination, Score
from community.models import Connection

from .conftest import set_phase

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "nominator",
    "nominee",
    "juror_assigned",
    "juror_unassigned",
    "juror_conflicted",
    "staff",
    "other",
]


def as_actor(client, world, actor):
    user = world.user(actor)
    if user is not None:
        client.force_login(user)
    return client


def check(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == expected, response.content[:500]


DETAIL = {
    "anonymous": "login",
    "nominator": 200,
    "nominee": 404,
    "juror_assigned": 404,
    "juror_unassigned": 404,
    "juror_conflicted": 404,
    "staff": 200,
    "other": 404,
}


@pytest.mark.parametrize("actor", ACTORS)
def test_nomination_detail(client, world, actor):
    response = as_actor(client, world, actor).get(f"/en/award/nominations/{world.nomination.pk}/")
    check(response, DETAIL[actor])
    if response.status_code == 200:
        # The nominee's contact email is for the nominator and staff only.
        assert "grace@example.net" in response.content.decode()


EDIT = {**dict.fromkeys(ACTORS, 404), "anonymous": "login", "nominator": 200}


@pytest.mark.parametrize("actor", ACTORS)
def test_nomination_edit(client, world, actor):
    response = as_actor(client, world, actor).get(
        f"/en/award/nominations/{world.nomination.pk}/edit/"
    )
    check(response, EDIT[actor])


WITHDRAW = {**dict.fromkeys(ACTORS, 404), "anonymous": "login", "nominator": 302}


@pytest.mark.parametrize("actor", ACTORS)
def test_nomination_withdraw(client, world, actor):
    response = as_actor(client, world, actor).post(
        f"/en/award/nominations/{world.nomination.pk}/withdraw/"
    )
    check(response, WITHDRAW[actor])
    world.nomination.refresh_from_db()
    expected = "withdrawn" if actor == "nominator" else "submitted"
    assert world.nomination.status == expected


DECLINE = {**dict.fromkeys(ACTORS, 404), "anonymous": "login", "nominee": 200}


@pytest.mark.parametrize("actor", ACTORS)
def test_nomination_decline_page(client, world, actor):
    response = as_actor(client, world, actor).get(
        f"/en/award/nominations/{world.nomination.pk}/decline/"
    )
    check(response, DECLINE[actor])
    if response.status_code == 200:
        assert "Statement on" not in response.content.decode()


@pytest.mark.parametrize("actor", ACTORS)
def test_nomination_decline_action(client, world, actor):
    response = as_actor(client, world, actor).post(
        f"/en/award/nominations/{world.nomination.pk}/decline/"
    )
    check(response, {**DECLINE, "nominee": 302}[actor])
    world.nomination.refresh_from_db()
    assert world.nomination.status == ("declined" if actor == "nominee" else "submitted")


REVIEW = {
    "anonymous": "login",
    "nominator": 404,
    "nominee": 404,
    "juror_assigned": 200,
    "juror_unassigned": 404,
    "juror_conflicted": 403,
    "staff": 200,
    "other": 404,
}


@pytest.mark.parametrize("actor", ACTORS)
def test_jury_review(client, world, actor):
    set_phase(world.programme, "judging")
    response = as_actor(client, world, actor).get(
        f"/en/award/jury/nominations/{world.nomination.pk}/"
    )
    check(response, REVIEW[actor])
    html = response.content.decode()
    if response.status_code == 200:
        assert "Statement on Impact" in html
        assert "grace@example.net" not in html
    else:
        assert "Statement on Impact" not in html


SCORE = {**REVIEW, "juror_assigned": 302, "staff": 403}


@pytest.mark.parametrize("actor", ACTORS)
def test_score_submission(client, world, actor):
    set_phase(world.programme, "judging")
    data = {f"score_{c.pk}": "7" for c in world.programme.localized_criteria()}
    response = as_actor(client, world, actor).post(
        f"/en/award/jury/nominations/{world.nomination.pk}/", data
    )
    check(response, SCORE[actor])
    saved = Score.objects.filter(nomination=world.nomination)
    assert saved.count() == (2 if actor == "juror_assigned" else 0)


ATTACHMENT = {
    "anonymous": "login",
    "nominator": 404,
    "nominee": 404,
    "juror_assigned": 200,
    "juror_unassigned": 404,
    "juror_conflicted": 404,
    "staff": 200,
    "other": 404,
}


@pytest.mark.parametrize("actor", ACTORS)
def test_attachment(client, world, actor):
    response = as_actor(client, world, actor).get(f"/en/award/attachments/{world.attachment.pk}/")
    check(response, ATTACHMENT[actor])
    if response.status_code == 200:
        assert response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


DECLARE = {
    **dict.fromkeys(ACTORS, 404),
    "anonymous": "login",
    "juror_assigned": 302,
    "juror_conflicted": 302,
}


@pytest.mark.parametrize("actor", ACTORS)
def test_conflict_declaration(client, world, actor):
    response = as_actor(client, world, actor).post(
        f"/en/award/jury/nominations/{world.nomination.pk}/conflict/",
        {"note": "We worked together"},
    )
    check(response, DECLARE[actor])


JURY = {
    **dict.fromkeys(ACTORS, 404),
    "anonymous": "login",
    "staff": 200,
    "juror_assigned": 200,
    "juror_unassigned": 200,
    "juror_conflicted": 200,
}


@pytest.mark.parametrize("actor", ACTORS)
def test_jury_dashboard(client, world, actor):
    response = as_actor(client, world, actor).get("/en/award/jury/")
    check(response, JURY[actor])


def test_attachment_refused_after_juror_becomes_conflicted(client, world):
    client.force_login(world.juror_assigned)
    url = f"/en/award/attachments/{world.attachment.pk}/"
    assert client.get(url).status_code == 200
    # The juror connects with the nominee: the platform flags the conflict.
    low, high = Connection.ordered(world.juror_assigned.pk, world.nominee.pk)
    Connection.objects.create(user_low_id=low, user_high_id=high)
    services.conflicts_refresh(nomination=world.nomination)
    conflict = ConflictOfInterest.objects.get(juror=world.juror_assigned)
    assert conflict.reason == "connected" and conflict.status == "flagged"
    assert client.get(url).status_code == 404
    assert client.get(f"/en/award/jury/nominations/{world.nomination.pk}/").status_code == 403
    # Confirming keeps it closed; only a dismissal reopens it.
    services.conflict_decide(conflict=conflict, by=world.juror_assigned, confirm=True)
    assert client.get(url).status_code == 404


def test_juror_who_was_in_the_nominees_cohort_is_flagged(client, world, site):
    from cohorts.factories import CohortPageFactory, ProgrammePageFactory
    from cohorts.models import Participant

    leadership = ProgrammePageFactory(parent=site.root_page, slug="leadership")
    cohort = CohortPageFactory(parent=leadership, slug="class-of-2025")
    elsewhere = CohortPageFactory(parent=leadership, slug="class-of-2024")
    Participant.objects.create(
        cohort=cohort, user=world.nominee, status=Participant.Status.COMPLETED
    )
    Participant.objects.create(cohort=elsewhere, user=world.juror_conflicted)
    Participant.objects.create(cohort=cohort, user=world.juror_assigned)
    services.conflicts_refresh(nomination=world.nomination)
    conflict = ConflictOfInterest.objects.get(juror=world.juror_assigned)
    assert conflict.reason == ConflictOfInterest.Reason.SAME_COHORT
    assert conflict.status == ConflictOfInterest.Status.FLAGGED
    # a juror from another cohort of the programme is not flagged for it
    assert not ConflictOfInterest.objects.filter(
        juror=world.juror_conflicted, reason=ConflictOfInterest.Reason.SAME_COHORT
    ).exists()
    client.force_login(world.juror_assigned)
    assert client.get(f"/en/award/attachments/{world.attachment.pk}/").status_code == 404


def test_dismissed_flag_reopens_but_binding_conflicts_cannot_be_dismissed(client, world):
    client.force_login(world.juror_assigned)
    low, high = Connection.ordered(world.juror_assigned.pk, world.nominee.pk)
    Connection.objects.create(user_low_id=low, user_high_id=high)
    services.conflicts_refresh(nomination=world.nomination)
    conflict = ConflictOfInterest.objects.get(juror=world.juror_assigned)
    response = client.post(f"/en/award/jury/conflicts/{conflict.pk}/", {"decision": "dismiss"})
    assert response.status_code == 302
    assert client.get(f"/en/award/attachments/{world.attachment.pk}/").status_code == 200
    # The nominee on the jury cannot dismiss being the nominee.
    role = services.juror_appoint(programme=world.programme, user=world.nominee)
    services.juror_assign(role=role, nomination=world.nomination)
    binding = ConflictOfInterest.objects.get(juror=world.nominee, nomination=world.nomination)
    assert binding.reason == "nominee"
    with pytest.raises(AwardError) as excinfo:
        services.conflict_decide(conflict=binding, by=world.nominee, confirm=False)
    assert excinfo.value.code == "binding"


def test_other_jurors_conflict_is_not_yours_to_decide(client, world):
    conflict = ConflictOfInterest.objects.get(juror=world.juror_conflicted)
    client.force_login(world.juror_assigned)
    response = client.post(f"/en/award/jury/conflicts/{conflict.pk}/", {"decision": "dismiss"})
    assert response.status_code == 404
    conflict.refresh_from_db()
    assert conflict.status == "confirmed"


def test_attachment_has_no_public_url(world, private_root, settings):
    with pytest.raises(ValueError):
        _ = world.attachment.file.url
    path = world.attachment.file.path
    assert path.startswith(str(private_root.resolve()))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_nonsense_ids_are_404(client, world):
    client.force_login(world.staff)
    for url in (
        "/en/award/nominations/999999/",
        "/en/award/attachments/999999/",
        "/en/award/jury/nominations/999999/",
        "/en/award/programmes/999999/nominate/",
        "/en/award/programmes/999999/results.csv",
    ):
        assert client.get(url).status_code == 404


def test_withdrawn_nomination_leaves_the_jury(client, world):
    set_phase(world.programme, "judging")
    services.nomination_withdraw(nomination=world.nomination, by=world.nominator)
    client.force_login(world.juror_assigned)
    assert client.get(f"/en/award/jury/nominations/{world.nomination.pk}/").status_code == 404
    assert client.get(f"/en/award/attachments/{world.attachment.pk}/").status_code == 404
    assert Nomination.objects.get(pk=world.nomination.pk).status == "withdrawn"
