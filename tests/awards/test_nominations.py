"""Nominating: windows, drafts, attachments, the member picker, emails, duplicates, merging."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from awards import services
from awards.errors import AwardError, AwardNotAllowed
from awards.models import Attachment, Nomination, NominationCredit
from community.factories import StaffFactory, UserFactory
from community.models import Visibility
from home.models import OutboxEmail

from .conftest import PDF_BYTES, nominate, pdf_upload, png_upload, set_phase

pytestmark = pytest.mark.django_db


def form_data(programme, **extra):
    category = programme.categories.first()
    data = {
        "category": category.pk,
        "kind": "person",
        "nominee_name": "Grace Mwangi",
        "organisation": "Open Budget Kenya",
        "country": "KE",
        "sector": "civil_society",
        "contact_email": "grace@example.net",
        "links": "https://example.net/a\nhttps://example.net/b",
    }
    for criterion in programme.localized_criteria():
        data[f"statement_{criterion.pk}"] = f"About {criterion.name}"
    data.update(extra)
    return data


# --- windows ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "status"), [("before", 403), ("nominations", 200), ("judging", 403), ("after", 403)]
)
def test_nomination_form_only_inside_the_window(client, member, programme, phase, status):
    set_phase(programme, phase)
    client.force_login(member)
    response = client.get(f"/en/award/programmes/{programme.pk}/nominate/")
    assert response.status_code == status
    if status == 403:
        assert "Nominations are not open" in response.content.decode()


@pytest.mark.parametrize("phase", ["before", "judging", "after"])
def test_service_refuses_outside_the_window(member, programme, phase):
    programme = set_phase(programme, phase)
    with pytest.raises(AwardError) as excinfo:
        nominate(programme, member)
    assert excinfo.value.code == "closed"
    assert not Nomination.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in(client, programme):
    response = client.get(f"/en/award/programmes/{programme.pk}/nominate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_edit_until_the_deadline_then_locked(client, member, programme):
    nomination = nominate(programme, member)
    client.force_login(member)
    url = f"/en/award/nominations/{nomination.pk}/edit/"
    response = client.post(url, form_data(programme, organisation="Budget Watch"))
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.organisation == "Budget Watch"
    set_phase(programme, "judging")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/en/award/nominations/{nomination.pk}/"
    with pytest.raises(AwardError) as excinfo:
        services.nomination_save(
            programme=programme,
            nominator=member,
            category=nomination.category,
            data={"organisation": "Late change"},
            nomination=nomination,
        )
    assert excinfo.value.code == "closed"


def test_withdraw_allowed_after_the_deadline_until_results(client, member, programme):
    nomination = nominate(programme, member)
    set_phase(programme, "judging")
    client.force_login(member)
    client.post(f"/en/award/nominations/{nomination.pk}/withdraw/")
    nomination.refresh_from_db()
    assert nomination.status == "withdrawn"


def test_withdrawing_a_nomination_asks_first(client, member, programme):
    nomination = nominate(programme, member)
    client.force_login(member)
    detail = f"/en/award/nominations/{nomination.pk}/"
    url = f"{detail}withdraw/"
    assert f'href="{url}"' in client.get(detail).content.decode()
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.status == "submitted"  # a GET changes nothing
    assert "Your nomination of Grace Mwangi" in html and "leaves judging" in html
    assert "cannot be submitted again" in html
    assert "Keep my nomination" in html and f'href="{detail}"' in html
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == detail
    nomination.refresh_from_db()
    assert nomination.status == "withdrawn"
    # Withdrawn already: the page says so, and a second POST is refused by its code.
    assert "can no longer be withdrawn" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert response.redirect_chain[0][0] == detail
    assert "This nomination can no longer be withdrawn." in response.content.decode()
    with pytest.raises(AwardNotAllowed) as excinfo:
        services.nomination_withdraw(nomination=nomination, by=member)
    assert excinfo.value.code == "cannot_withdraw"


# --- drafts and emails -----------------------------------------------------------------


def test_draft_saves_with_little_then_submits_and_confirms_once(client, member, programme):
    client.force_login(member)
    url = f"/en/award/programmes/{programme.pk}/nominate/"
    response = client.post(
        url,
        {
            "category": programme.categories.first().pk,
            "kind": "person",
            "nominee_name": "Grace",
            "save_draft": "1",
        },
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.status == "draft"
    assert not OutboxEmail.objects.exists()
    # Submitting an incomplete nomination is refused with field errors, not lost.
    response = client.post(
        f"/en/award/nominations/{nomination.pk}/edit/",
        {"category": nomination.category_id, "kind": "person", "nominee_name": "Grace"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    response = client.post(f"/en/award/nominations/{nomination.pk}/edit/", form_data(programme))
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == "submitted"
    assert nomination.links == ["https://example.net/a", "https://example.net/b"]
    assert (
        OutboxEmail.objects.filter(to=member.email, reason="awards.nomination_submitted").count()
        == 1
    )
    # Editing again sends no second confirmation.
    client.post(
        f"/en/award/nominations/{nomination.pk}/edit/", form_data(programme, organisation="X")
    )
    assert (
        OutboxEmail.objects.filter(to=member.email, reason="awards.nomination_submitted").count()
        == 1
    )


def test_member_nominee_is_told_in_their_language_and_can_decline(client, member, programme):
    nominee = UserFactory(preferred_language="fr")
    nomination = nominate(programme, member, nominee_user=nominee)
    email = OutboxEmail.objects.get(to=nominee.email)
    assert email.language == "fr"
    assert f"/fr/award/nominations/{nomination.pk}/decline/" in email.body_text
    client.force_login(nominee)
    client.post(f"/fr/award/nominations/{nomination.pk}/decline/")
    nomination.refresh_from_db()
    assert nomination.status == "declined"


def test_nominee_not_told_when_the_programme_says_so(member, programme):
    programme.notify_nominees = False
    programme.save_revision().publish()
    nominee = UserFactory()
    nominate(programme, member, nominee_user=nominee)
    assert not OutboxEmail.objects.filter(to=nominee.email).exists()


def test_self_nomination_does_not_notify_yourself(member, programme):
    nominate(programme, member, nominee_user=member, is_self=True)
    assert OutboxEmail.objects.filter(to=member.email).count() == 1  # the confirmation only


# --- the member picker ------------------------------------------------------------------


def test_picker_never_offers_hidden_members(client, member, programme):
    hidden = UserFactory(name="Person Hidden")
    hidden.profile.display_name = "Person Hidden"
    hidden.profile.visibility = Visibility.HIDDEN
    hidden.profile.save()
    visible = UserFactory(name="Person Visible")
    visible.profile.display_name = "Person Visible"
    visible.profile.save()
    client.force_login(member)
    url = f"/en/award/programmes/{programme.pk}/nominate/"
    # Nobody is listed before a search: the page stays small.
    assert "Person Visible" not in client.get(url).content.decode()
    # The no-JavaScript search keeps what was typed and lists visible matches only.
    data = form_data(programme, member_query="person", find_member="1")
    html = client.post(url, data).content.decode()
    assert "Person Visible" in html
    assert "Person Hidden" not in html
    assert "Open Budget Kenya" in html  # answers so far are kept
    assert not Nomination.objects.exists()
    # A hand-crafted POST with the hidden member's profile is refused too.
    response = client.post(url, form_data(programme, nominee_profile=hidden.profile.pk))
    assert response.status_code == 200
    assert not Nomination.objects.exists()


def test_picker_links_a_visible_member(client, member, programme):
    other = UserFactory()
    client.force_login(member)
    client.post(
        f"/en/award/programmes/{programme.pk}/nominate/",
        form_data(programme, nominee_profile=other.profile.pk),
    )
    assert Nomination.objects.get().nominee_user == other


def test_picker_search_page_size_is_bounded(client, member, programme):
    for i in range(40):
        user = UserFactory()
        user.profile.display_name = f"Namesake {i:02d}"
        user.profile.save()
    client.force_login(member)
    html = client.post(
        f"/en/award/programmes/{programme.pk}/nominate/",
        form_data(programme, member_query="namesake", find_member="1"),
    ).content.decode()
    assert html.count("Namesake ") == 25


# --- attachments ---------------------------------------------------------------------------


def test_pdf_and_image_attachments_are_stored_privately(client, member, programme, private_root):
    client.force_login(member)
    data = form_data(programme)
    data["attachments"] = [pdf_upload(), png_upload()]
    response = client.post(f"/en/award/programmes/{programme.pk}/nominate/", data)
    assert response.status_code == 302
    kinds = sorted(Attachment.objects.values_list("content_type", flat=True))
    assert kinds == ["application/pdf", "image/png"]
    for attachment in Attachment.objects.all():
        assert attachment.file.path.startswith(str(private_root.resolve()))
        assert "photo" not in attachment.file.name  # stored under a random name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.pdf", b"MZ\x90\x00 this is an executable"),
        ("fake.png", b"<script>alert(1)</script>"),
        ("broken.pdf", b"%PDF-1.4 no end of file marker"),
        ("notes.txt", b"just text"),
    ],
)
def test_files_are_judged_by_content(client, member, programme, name, content):
    client.force_login(member)
    data = form_data(programme)
    data["attachments"] = [SimpleUploadedFile(name, content, content_type="application/pdf")]
    response = client.post(f"/en/award/programmes/{programme.pk}/nominate/", data)
    assert response.status_code == 200
    assert "is not a PDF or an image" in response.content.decode()
    assert not Nomination.objects.exists()


def test_oversize_file_refused(client, member, programme):
    client.force_login(member)
    data = form_data(programme)
    big = PDF_BYTES[:-6] + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n"
    data["attachments"] = [SimpleUploadedFile("big.pdf", big, content_type="application/pdf")]
    response = client.post(f"/en/award/programmes/{programme.pk}/nominate/", data)
    assert response.status_code == 200
    assert "larger than 5 MB" in response.content.decode()


def test_at_most_five_attachments(client, member, programme):
    nomination = nominate(programme, member, files=[pdf_upload(f"f{i}.pdf") for i in range(4)])
    client.force_login(member)
    data = form_data(programme)
    data["attachments"] = [png_upload("a.png"), png_upload("b.png")]
    response = client.post(f"/en/award/nominations/{nomination.pk}/edit/", data)
    assert response.status_code == 200
    assert nomination.attachments.count() == 4
    # Removing one makes room for a new one.
    data = form_data(programme)
    data["remove_attachments"] = [nomination.attachments.first().pk]
    data["attachments"] = [png_upload("a.png"), png_upload("b.png")]
    response = client.post(f"/en/award/nominations/{nomination.pk}/edit/", data)
    assert response.status_code == 302
    assert nomination.attachments.count() == 5
    with pytest.raises(AwardError) as excinfo:
        nominate(programme, member, files=[pdf_upload(f"g{i}.pdf") for i in range(6)])
    assert excinfo.value.code == "too_many_files"


# --- duplicates ---------------------------------------------------------------------------


def test_same_nominee_and_organisation_in_a_category_is_flagged(programme):
    first = nominate(
        programme, UserFactory(), nominee_name="Grace Mwangi", organisation="Open Budget Kenya"
    )
    second = nominate(
        programme, UserFactory(), nominee_name="  grace   MWANGI ", organisation="open budget kenya"
    )
    other_org = nominate(
        programme, UserFactory(), nominee_name="Grace Mwangi", organisation="Another NGO"
    )
    other_category = nominate(
        programme,
        UserFactory(),
        category=programme.categories.last(),
        nominee_name="Grace Mwangi",
        organisation="Open Budget Kenya",
    )
    assert second.duplicate_of == first
    assert first.duplicate_of is None
    assert other_org.duplicate_of is None
    assert other_category.duplicate_of is None


def test_drafts_are_not_flagged(programme):
    nominate(programme, UserFactory())
    draft = services.nomination_save(
        programme=programme,
        nominator=UserFactory(),
        category=programme.categories.first(),
        data={"nominee_name": "Grace Mwangi", "organisation": "Open Budget Kenya"},
    )
    assert draft.duplicate_of is None


def test_staff_merge_keeps_every_nominator_credited(client, programme):
    a, b = UserFactory(), UserFactory()
    first = nominate(programme, a, links=["https://a.example"])
    second = nominate(programme, b, links=["https://b.example"], files=[pdf_upload()])
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(
        f"/admin/award-results/{programme.pk}/", {"action": "merge", "nomination": second.pk}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == "merged" and second.merged_into == first
    assert set(
        NominationCredit.objects.filter(nomination=first).values_list("nominator", flat=True)
    ) == {b.pk}
    assert first.links == ["https://a.example", "https://b.example"]
    assert first.attachments.count() == 1
    # Both nominators can still see it.
    client.force_login(b)
    assert client.get(f"/en/award/nominations/{first.pk}/").status_code == 200


def test_bad_links_are_refused(client, member, programme):
    client.force_login(member)
    response = client.post(
        f"/en/award/programmes/{programme.pk}/nominate/",
        form_data(programme, links="javascript:alert(1)"),
    )
    assert response.status_code == 200
    assert not Nomination.objects.exists()


def test_category_of_another_programme_is_refused(client, member, programme, index_page):
    from awards.factories import AwardCategoryFactory, AwardProgrammePageFactory

    other = AwardProgrammePageFactory(parent=index_page)
    foreign = AwardCategoryFactory(page=other)
    client.force_login(member)
    response = client.post(
        f"/en/award/programmes/{programme.pk}/nominate/", form_data(programme, category=foreign.pk)
    )
    assert response.status_code == 200
    assert not Nomination.objects.exists()
    with pytest.raises(AwardError) as excinfo:
        nominate(programme, member, category=foreign)
    assert excinfo.value.code == "category"


def test_nominee_linked_on_a_later_edit_is_told_once(member, programme):
    nomination = nominate(programme, member)
    nominee = UserFactory()
    for _ in range(2):
        services.nomination_save(
            programme=programme,
            nominator=member,
            category=nomination.category,
            data={"nominee_user": nominee},
            nomination=nomination,
            submit=True,
        )
    assert (
        OutboxEmail.objects.filter(to=nominee.email, reason="awards.nominee_notified").count() == 1
    )
    assert (
        OutboxEmail.objects.filter(to=member.email, reason="awards.nomination_submitted").count()
        == 1
    )


def test_self_nomination_links_your_own_profile(client, member, programme):
    client.force_login(member)
    client.post(
        f"/en/award/programmes/{programme.pk}/nominate/", form_data(programme, is_self="on")
    )
    nomination = Nomination.objects.get()
    assert nomination.is_self and nomination.nominee_user == member
