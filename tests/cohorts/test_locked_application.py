"""A submitted application is locked: a read-only summary for the applicant, no service
that edits its answers, and a withdrawal + new submission that reviewers see as such."""

import importlib
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from cohorts import services
from cohorts.errors import ApplicationError
from cohorts.factories import CohortPageFactory, _question
from cohorts.models import Application, ApplicationStatus, ApplicationSubmission
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def letter_cohort(programme):
    return CohortPageFactory(
        parent=programme,
        questions=[
            ("question", _question("long_text", "What do you hope to learn?", True)),
            ("question", _question("choice", "Preferred language", True, ["EN", "FR", "ES"])),
            ("question", _question("file", "Letter of support", False)),
        ],
    )


def _ids(cohort):
    return [q["id"] for q in cohort.question_list()]


def _form(cohort, learn="Coalitions that last.", choice="1", **extra):
    learn_id, choice_id, _file = _ids(cohort)
    return {
        "organisation": "City of Medellín",
        "country": "CO",
        "sector": "local_government",
        "scope": "local",
        f"q_{learn_id}": learn,
        f"q_{choice_id}": choice,
        **extra,
    }


def _pdf(name="letter.pdf", body=b"%PDF-1.4 first letter"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def submitted(member_client, member, letter_cohort):
    url = reverse("cohorts:apply", args=[letter_cohort.pk])
    file_id = _ids(letter_cohort)[2]
    response = member_client.post(
        url, {"submit": "1", **_form(letter_cohort), f"q_{file_id}": _pdf()}
    )
    assert response.status_code == 302
    return Application.objects.get(applicant=member)


def test_after_submission_the_edit_address_shows_a_read_only_summary(
    member_client, letter_cohort, submitted
):
    response = member_client.get(reverse("cohorts:apply", args=[letter_cohort.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Coalitions that last." in main
    assert "FR" in main  # the chosen option, as text
    assert "City of Medellín" in main and "Colombia" in main
    assert "letter.pdf" in main
    assert reverse("cohorts:application_file", args=[submitted.pk, _ids(letter_cohort)[2]]) in main
    # No edit form: no answer field and no submit or save button.
    assert 'name="q_' not in main
    assert "Submit application" not in main and "Save draft" not in main
    assert "Your answers are locked" in main
    assert reverse("cohorts:withdraw", args=[submitted.pk]) in main


def test_a_post_to_a_submitted_application_changes_nothing(member_client, letter_cohort, submitted):
    before = Application.objects.get(pk=submitted.pk)
    file_id = _ids(letter_cohort)[2]
    url = reverse("cohorts:apply", args=[letter_cohort.pk])
    for button in ("submit", "save"):
        response = member_client.post(
            url,
            {
                button: "1",
                **_form(letter_cohort, learn="Silently changed", choice="2", organisation="X"),
                f"q_{file_id}": _pdf("other.pdf", b"%PDF-1.4 replaced"),
            },
        )
        assert response.status_code == 409
        assert "can no longer be changed" in response.content.decode()
    after = Application.objects.get(pk=submitted.pk)
    assert after.answers == before.answers
    assert after.answers[_ids(letter_cohort)[0]] == "Coalitions that last."
    assert after.organisation == "City of Medellín"
    assert after.status == S.SUBMITTED and after.submitted_at == before.submitted_at
    assert [f.original_name for f in after.files.all()] == ["letter.pdf"]
    assert ApplicationSubmission.objects.filter(application=after).count() == 1


@pytest.mark.parametrize(
    "status", [S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.ACCEPTED, S.WAITLISTED, S.DECLINED]
)
def test_no_service_edits_a_submitted_application(cohort, member, submit, status):
    application = submit(cohort, member)
    Application.objects.filter(pk=application.pk).update(status=status)
    answers = dict(Application.objects.get(pk=application.pk).answers)
    with pytest.raises(ApplicationError) as exc:
        services.application_save(
            application=application,
            member=member,
            data={"organisation": "Changed"},
            answers=dict.fromkeys(answers, "Changed"),
        )
    assert exc.value.code == "locked"
    with pytest.raises(ApplicationError) as exc:
        services.application_submit(application=application, member=member)
    assert exc.value.code == "locked"
    application.refresh_from_db()
    assert application.answers == answers and application.organisation != "Changed"


def test_withdraw_and_submit_again_while_open(
    member_client, member, letter_cohort, submitted, reviewer, manager
):
    from django.test import Client

    learn_id, _choice_id, file_id = _ids(letter_cohort)
    apply_url = reverse("cohorts:apply", args=[letter_cohort.pk])
    assert member_client.post(reverse("cohorts:withdraw", args=[submitted.pk])).status_code == 302
    # The summary now offers to apply again (a form: works without JavaScript).
    html = member_client.get(apply_url).content.decode()
    assert "You withdrew this application" in html
    assert 'name="reopen"' in html
    response = member_client.post(apply_url, {"reopen": "1"})
    assert response.status_code == 302
    application = Application.objects.get(pk=submitted.pk)
    assert application.status == S.DRAFT
    # The draft starts from the last answers.
    html = member_client.get(apply_url).content.decode()
    assert "Coalitions that last." in html
    response = member_client.post(
        apply_url,
        {
            "submit": "1",
            **_form(letter_cohort, learn="Budgets people can read."),
            f"q_{file_id}": _pdf("second-letter.pdf", b"%PDF-1.4 second letter"),
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.submission_count == 2 and application.is_resubmission
    first, second = ApplicationSubmission.objects.filter(application=application).order_by("number")
    assert first.data["answers"][learn_id] == "Coalitions that last."
    assert first.data["files"][file_id]["name"] == "letter.pdf"
    assert first.withdrawn_at is not None
    assert second.data["answers"][learn_id] == "Budgets people can read."
    assert second.withdrawn_at is None
    # A receipt per submission; the second says it is a new version.
    receipts = OutboxEmail.objects.filter(reason="cohorts.application_submitted").order_by("pk")
    assert receipts.count() == 2
    assert "new version" in receipts.last().body_text
    assert (
        "Submitted again on"
        in member_client.get(reverse("cohorts:my_applications")).content.decode()
    )

    # Programme staff see the resubmission, its date and both versions.
    client = Client()
    client.force_login(manager)
    html = client.get(reverse("cohorts_admin_application", args=[application.pk])).content.decode()
    assert "Resubmitted on" in html and "(submission 2)" in html
    assert "Budgets people can read." in html  # the current version
    assert "Submission 1, sent on" in html and "withdrawn on" in html
    assert "Coalitions that last." in html  # the earlier version, as sent
    listing = client.get(reverse("cohorts_admin_cohort", args=[letter_cohort.pk])).content.decode()
    assert "resubmitted" in listing
    # The earlier letter stays readable by reviewers, and only by them.
    old_letter = reverse("cohorts:submission_file", args=[application.pk, 1, file_id])
    assert old_letter in html
    download = client.get(old_letter)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 first letter"
    assert member_client.get(old_letter).status_code == 404
    current = reverse("cohorts:application_file", args=[application.pk, file_id])
    assert b"".join(client.get(current).streaming_content) == b"%PDF-1.4 second letter"


def test_after_the_deadline_no_resubmission(member_client, member, letter_cohort, submitted):
    services.application_withdraw(application=submitted, member=member)
    type(letter_cohort).objects.filter(pk=letter_cohort.pk).update(
        applications_close=timezone.now() - timedelta(minutes=1)
    )
    apply_url = reverse("cohorts:apply", args=[letter_cohort.pk])
    html = member_client.get(apply_url).content.decode()
    assert "Applications for this cohort are closed." in html
    assert 'name="reopen"' not in html
    response = member_client.post(apply_url, {"reopen": "1"})
    assert response.status_code == 409
    with pytest.raises(ApplicationError) as exc:
        services.application_reopen(application=submitted, member=member)
    assert exc.value.code == "closed"
    submitted.refresh_from_db()
    assert submitted.status == S.WITHDRAWN
    assert submitted.submission_count == 1


def test_only_a_withdrawn_application_is_started_again(cohort, member, other_member, submit):
    from cohorts.errors import CohortsNotAllowed

    application = submit(cohort, member)
    with pytest.raises(ApplicationError) as exc:
        services.application_reopen(application=application, member=member)
    assert exc.value.code == "not_withdrawn"
    services.application_withdraw(application=application, member=member)
    with pytest.raises(CohortsNotAllowed) as exc:
        services.application_reopen(application=application, member=other_member)
    assert exc.value.code == "not_yours"
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_applications_submitted_before_the_upgrade_keep_their_first_version(cohort, member, submit):
    application = submit(cohort, member)
    ApplicationSubmission.objects.all().delete()
    Application.objects.filter(pk=application.pk).update(submission_count=0)
    migration = importlib.import_module("cohorts.migrations.0003_submissions_certificate_protect")
    from django.apps import apps

    migration.keep_submitted_versions(apps, None)
    application.refresh_from_db()
    assert application.submission_count == 1
    kept = ApplicationSubmission.objects.get(application=application)
    assert kept.number == 1 and kept.submitted_at == application.submitted_at
    assert kept.data["answers"] == application.answers
    assert kept.data["country"] == "KE"
