"""Applying: drafts that resume, submission, one per member, editing, withdrawal, email."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

import pytest

from cohorts import services
from cohorts.errors import ApplicationError, CohortsNotAllowed
from cohorts.factories import CohortPageFactory, _question
from cohorts.models import Application, ApplicationStatus
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_cohort(programme):
    return CohortPageFactory(
        parent=programme,
        questions=[
            ("question", _question("short_text", "Your current reform", True)),
            ("question", _question("long_text", "What do you hope to learn?", True)),
            ("question", _question("choice", "Preferred language", True, ["EN", "FR", "ES"])),
            ("question", _question("multiple_choice", "Topics", False, ["Data", "Budgets"])),
            ("question", _question("file", "Letter of support", False)),
        ],
    )


def _ids(cohort):
    return [q["id"] for q in cohort.question_list()]


def _post_data(cohort, **extra):
    short, long, choice, multi, _file = _ids(cohort)
    return {
        "organisation": "Ministry of Finance",
        "country": "KE",
        "sector": "national_government",
        "scope": "national",
        f"q_{short}": "Open budgets",
        f"q_{long}": "How to build coalitions.",
        f"q_{choice}": "1",
        f"q_{multi}": ["0", "1"],
        **extra,
    }


def test_draft_saves_and_resumes(member_client, member, rich_cohort):
    url = reverse("cohorts:apply", args=[rich_cohort.pk])
    short = _ids(rich_cohort)[0]
    response = member_client.post(url, {"save": "1", f"q_{short}": "Half an answer"})
    assert response.status_code == 302
    application = Application.objects.get(applicant=member)
    assert application.status == ApplicationStatus.DRAFT
    assert application.answers[short] == "Half an answer"
    # Coming back shows the saved answer.
    html = member_client.get(url).content.decode()
    assert "Half an answer" in html
    assert not OutboxEmail.objects.exists()


def test_submit_requires_required_answers(member_client, member, rich_cohort):
    url = reverse("cohorts:apply", args=[rich_cohort.pk])
    short = _ids(rich_cohort)[0]
    response = member_client.post(url, {"submit": "1", f"q_{short}": "Only one"})
    assert response.status_code == 200
    assert "This question needs an answer." in response.content.decode()
    application = Application.objects.get(applicant=member)
    assert application.status == ApplicationStatus.DRAFT  # saved, not submitted


def test_submit_once_then_the_answers_are_locked(member_client, member, rich_cohort):
    url = reverse("cohorts:apply", args=[rich_cohort.pk])
    response = member_client.post(url, {"submit": "1", **_post_data(rich_cohort)})
    assert response.status_code == 302
    application = Application.objects.get(applicant=member)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.region == "africa_middle_east"
    assert application.sector_family == "government"
    emails = OutboxEmail.objects.filter(to=member.email, reason="cohorts.application_submitted")
    assert emails.count() == 1
    # Double click / a stale tab posting changes: same application, nothing changed, no
    # second confirmation; the applicant is shown what they sent.
    long = _ids(rich_cohort)[1]
    response = member_client.post(
        url, {"submit": "1", **_post_data(rich_cohort, **{f"q_{long}": "Edited"})}
    )
    assert response.status_code == 409
    assert "can no longer be changed" in response.content.decode()
    assert Application.objects.filter(applicant=member).count() == 1
    application.refresh_from_db()
    assert application.answers[long] == "How to build coalitions."
    assert application.submission_count == 1
    assert emails.count() == 1


def test_file_question_upload_and_limits(member_client, member, rich_cohort):
    url = reverse("cohorts:apply", args=[rich_cohort.pk])
    file_q = _ids(rich_cohort)[4]
    good = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    member_client.post(url, {"save": "1", f"q_{file_q}": good})
    application = Application.objects.get(applicant=member)
    assert application.files.get().original_name == "letter.pdf"
    bad = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = member_client.post(url, {"save": "1", f"q_{file_q}": bad})
    assert response.status_code == 200
    assert "Please upload a PDF" in response.content.decode()
    big = SimpleUploadedFile("big.pdf", b"0" * (5 * 1024 * 1024 + 1))
    response = member_client.post(url, {"save": "1", f"q_{file_q}": big})
    assert "larger than 5 MB" in response.content.decode()
    # The applicant can download their file; another member cannot.
    file_url = reverse("cohorts:application_file", args=[application.pk, file_q])
    assert member_client.get(file_url).status_code == 200


def test_another_member_cannot_read_a_file(client, other_member, member, rich_cohort):
    application = services.application_start(cohort=rich_cohort, member=member)
    file_q = _ids(rich_cohort)[4]
    services.application_save(
        application=application,
        member=member,
        data={},
        answers={},
        files={file_q: SimpleUploadedFile("cv.pdf", b"%PDF")},
    )
    client.force_login(other_member)
    url = reverse("cohorts:application_file", args=[application.pk, file_q])
    assert client.get(url).status_code == 404


def test_one_application_per_member_per_cohort(cohort, member, submit):
    first = services.application_start(cohort=cohort, member=member)
    second = services.application_start(cohort=cohort, member=member)
    assert first.pk == second.pk
    from django.db import transaction

    # The database refuses a second row.
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(cohort=cohort, applicant=member)


def test_translated_cohort_page_shares_the_application(cohort, member, site):
    from wagtail.models import Locale

    french = cohort.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.save_revision().publish()
    french.refresh_from_db()
    a = services.application_start(cohort=cohort, member=member)
    b = services.application_start(cohort=french.specific, member=member)
    assert a.pk == b.pk
    assert a.cohort_id == cohort.pk
    # Question ids are the same in both languages.
    assert [q["id"] for q in french.specific.question_list()] == [
        q["id"] for q in cohort.question_list()
    ]


def test_only_the_owner_edits_or_withdraws(cohort, member, other_member, submit):
    application = submit(cohort, member)
    with pytest.raises(CohortsNotAllowed) as exc:
        services.application_save(application=application, member=other_member, data={}, answers={})
    assert exc.value.code == "not_yours"
    with pytest.raises(CohortsNotAllowed) as exc:
        services.application_withdraw(application=application, member=other_member)
    assert exc.value.code == "not_yours"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_withdraw(member_client, member, cohort, submit):
    application = submit(cohort, member)
    url = reverse("cohorts:withdraw", args=[application.pk])
    # First a confirmation page (no JavaScript needed) saying what will happen.
    page = member_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "no longer considered by the reviewers" in html
    assert "You may apply again until then" in html
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED  # a GET changes nothing
    response = member_client.post(url)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    with pytest.raises(ApplicationError) as exc:
        services.application_withdraw(application=application, member=member)
    assert exc.value.code == "already_withdrawn"
    # A withdrawn application is not submitted again as it is: the applicant applies again.
    with pytest.raises(ApplicationError) as exc:
        services.application_submit(application=application, member=member)
    assert exc.value.code == "withdrawn"


def test_withdraw_someone_elses_is_404(client, other_member, member, cohort, submit):
    application = submit(cohort, member)
    client.force_login(other_member)
    assert client.get(reverse("cohorts:withdraw", args=[application.pk])).status_code == 404
    assert client.post(reverse("cohorts:withdraw", args=[application.pk])).status_code == 404
    assert client.post(reverse("cohorts:withdraw", args=[999999])).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_anonymous_is_sent_to_sign_in(client, cohort):
    url = reverse("cohorts:apply", args=[cohort.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert "next=" in response["Location"]


def test_nonsense_cohort_ids(member_client):
    assert member_client.get("/en/cohorts/999999/apply/").status_code == 404
    assert member_client.get("/en/cohorts/abc/apply/").status_code == 404


def test_my_applications_lists_own_only_with_public_status(
    member_client, member, other_member, cohort, past_cohort, submit
):
    mine = submit(cohort, member)
    theirs = submit(cohort, other_member, organisation="Their secret org")
    html = member_client.get(reverse("cohorts:my_applications")).content.decode()
    assert cohort.title in html
    assert "Submitted" in html
    assert "Their secret org" not in html
    # An unreleased decision still reads "Under review" to the applicant.
    Application.objects.filter(pk=mine.pk).update(status=ApplicationStatus.ACCEPTED)
    html = member_client.get(reverse("cohorts:my_applications")).content.decode()
    assert "Under review" in html
    assert "Accepted" not in html
    assert theirs.pk


def test_my_applications_query_count_is_bounded(
    member_client, member, programme, submit, django_assert_max_num_queries
):
    for _ in range(2):
        submit(CohortPageFactory(parent=programme), member)
    with django_assert_max_num_queries(20) as small:
        member_client.get(reverse("cohorts:my_applications"))
    for _ in range(6):
        submit(CohortPageFactory(parent=programme), member)
    with django_assert_max_num_queries(len(small.captured_queries)):
        member_client.get(reverse("cohorts:my_applications"))


def test_cohort_page_shows_the_right_action(member_client, member, cohort, submit):
    html = member_client.get(cohort.url).content.decode()
    assert "Apply" in html
    services.application_start(cohort=cohort, member=member)
    assert "Continue your application" in member_client.get(cohort.url).content.decode()


def test_confirmation_in_members_language_with_programme_time(home, member):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from cohorts.factories import ProgrammePageFactory

    programme = ProgrammePageFactory(parent=home, timezone="America/Bogota")
    cohort = CohortPageFactory(
        parent=programme,
        applications_close=datetime(2031, 6, 30, 23, 59, tzinfo=ZoneInfo("America/Bogota")),
    )
    member.preferred_language = "es"
    member.save()
    application = services.application_start(cohort=cohort, member=member)
    services.application_save(
        application=application,
        member=member,
        data={},
        answers={q["id"]: "Sí" for q in cohort.question_list()},
    )
    services.application_submit(application=application, member=member)
    email = OutboxEmail.objects.get(reason="cohorts.application_submitted")
    assert email.language == "es"
    assert "Gracias por postular" in email.body_text
    assert "el 30 de junio de 2031, 23:59, hora de Bogotá (UTC−5)" in email.body_text
    assert "/es/cohorts/applications/" in email.body_text
