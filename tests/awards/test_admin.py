"""Staff screens: listings with filters and a safe spreadsheet export; assignments flag conflicts."""

import pytest

from awards.models import ConflictOfInterest, JurorAssignment, JurorRole
from community.factories import StaffFactory, UserFactory

from .conftest import nominate

pytestmark = pytest.mark.django_db


def test_nomination_listing_and_export_neutralise_formulas(client, programme):
    nominate(programme, UserFactory(), nominee_name="=cmd|'/C calc'!A0", organisation="@SUM(A1)")
    client.force_login(StaffFactory())
    assert client.get("/admin/nomination/").status_code == 200
    assert client.get("/admin/nomination/?status=submitted").status_code == 200
    response = client.get("/admin/nomination/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "'=cmd" in body and "'@SUM(A1)" in body
    for url in (
        "/admin/jurorrole/",
        "/admin/jurorassignment/",
        "/admin/conflictofinterest/",
        "/admin/award-results/",
    ):
        assert client.get(url).status_code == 200, url


def test_results_desk_refuses_members(client, programme):
    client.force_login(UserFactory())
    assert client.get(f"/admin/award-results/{programme.pk}/").status_code in (302, 403)


def test_admin_assignment_on_a_translation_points_at_the_canonical_records(programme):
    from .test_results import translate

    fr = translate(programme, programme.get_parent().specific)
    juror = UserFactory()
    juror.profile.organisation = "Open Budget Kenya"
    juror.profile.save()
    nomination = nominate(programme, UserFactory())
    role = JurorRole.objects.create(programme=fr, user=juror)
    assert role.programme_id == programme.pk
    assignment = JurorAssignment.objects.create(juror=role, category=fr.categories.first())
    assert assignment.category_id == programme.categories.first().pk
    conflict = ConflictOfInterest.objects.get(juror=juror, nomination=nomination)
    assert conflict.reason == "same_organisation"
