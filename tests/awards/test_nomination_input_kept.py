"""A nomination form never loses what people typed: stated limits, errors that keep the text."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from awards.models import Attachment, Nomination

from .conftest import pdf_upload, set_phase
from .test_nominations import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_programme(programme):
    return set_phase(programme, "nominations")


def nominate_url(programme):
    return f"/en/award/programmes/{programme.pk}/nominate/"


def test_the_statement_limit_is_stated_before_it_is_reached(client, member, open_programme):
    client.force_login(member)
    html = client.get(nominate_url(open_programme)).content.decode()
    assert 'maxlength="4000"' in html
    assert "Up to 4,000 characters." in html
    assert 'data-char-count="4000"' in html
    assert "js/char-count.js" in html


def test_an_over_long_statement_is_an_error_that_keeps_the_text(client, member, open_programme):
    client.force_login(member)
    criterion = open_programme.localized_criteria()[0]
    statement = "We opened every contract. " * 160 + "THE VERY END"  # 4,172 characters
    data = form_data(open_programme, **{f"statement_{criterion.pk}": statement})
    response = client.post(nominate_url(open_programme), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 4000 characters (it has 4172)" in html
    assert statement in html  # the whole text, not a cut one
    assert not Nomination.objects.exists()


def test_an_over_long_nominee_name_is_an_error_that_keeps_it(client, member, open_programme):
    client.force_login(member)
    name = "Grace " + "Wanjiru " * 25  # 206 characters, the limit is 160
    response = client.post(
        nominate_url(open_programme), form_data(open_programme, nominee_name=name)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 160 characters" in html
    assert f'value="{name}"' in html
    assert not Nomination.objects.exists()


def test_draft_with_an_over_long_statement_is_refused_too(client, member, open_programme):
    client.force_login(member)
    criterion = open_programme.localized_criteria()[0]
    data = form_data(open_programme, **{f"statement_{criterion.pk}": "x" * 4001})
    data["save_draft"] = "1"
    response = client.post(nominate_url(open_programme), data)
    assert response.status_code == 200
    assert "x" * 4001 in response.content.decode()
    assert not Nomination.objects.exists()


# --- files kept across an error ---------------------------------------------------------

PENDING = re.compile(r'name="attachments__pending" value="([^"]+)"')


def test_attachments_are_kept_after_an_error_and_attached_on_the_next_try(
    client, member, open_programme, private_root
):
    client.force_login(member)
    url = nominate_url(open_programme)
    data = form_data(open_programme, nominee_name="")  # a required field left empty
    data["attachments"] = [pdf_upload("letter.pdf"), pdf_upload("budget.pdf")]
    html = client.post(url, data).content.decode()
    assert "Kept from your last try, so you need not choose them again" in html
    assert "letter.pdf" in html and "budget.pdf" in html
    tokens = PENDING.findall(html)
    assert len(tokens) == 2
    assert not Nomination.objects.exists()

    # The member fixes the name and sends again, without choosing the files again.
    response = client.post(url, {**form_data(open_programme), "attachments__pending": tokens})
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    names = sorted(nomination.attachments.values_list("original_name", flat=True))
    assert names == ["budget.pdf", "letter.pdf"]
    assert all(
        a.file.path.startswith(str(private_root.resolve())) for a in Attachment.objects.all()
    )


def test_unticking_a_kept_file_leaves_it_out(client, member, open_programme):
    client.force_login(member)
    url = nominate_url(open_programme)
    data = form_data(open_programme, nominee_name="")
    data["attachments"] = [pdf_upload("letter.pdf"), pdf_upload("budget.pdf")]
    tokens = PENDING.findall(client.post(url, data).content.decode())
    client.post(url, {**form_data(open_programme), "attachments__pending": tokens[:1]})
    assert Nomination.objects.get().attachments.count() == 1


def test_a_kept_file_can_only_come_back_for_whoever_chose_it(
    client, member, other_member, open_programme
):
    client.force_login(member)
    url = nominate_url(open_programme)
    data = form_data(open_programme, nominee_name="")
    data["attachments"] = [pdf_upload("letter.pdf")]
    tokens = PENDING.findall(client.post(url, data).content.decode())
    client.force_login(other_member)
    client.post(url, {**form_data(open_programme), "attachments__pending": tokens})
    client.post(url, {**form_data(open_programme), "attachments__pending": ["forged"]})
    assert not Attachment.objects.exists()


def test_a_refused_file_is_named_and_not_kept(client, member, open_programme):
    client.force_login(member)
    data = form_data(open_programme, nominee_name="")
    data["attachments"] = [
        SimpleUploadedFile("fake.pdf", b"MZ\x90", content_type="application/pdf")
    ]
    html = client.post(nominate_url(open_programme), data).content.decode()
    assert "fake.pdf is not a PDF or an image" in html
    assert not PENDING.findall(html)


def test_searching_for_a_member_keeps_the_chosen_files(client, member, open_programme):
    client.force_login(member)
    url = nominate_url(open_programme)
    data = form_data(open_programme, find_member="1", member_query="Grace")
    data["attachments"] = [pdf_upload("letter.pdf")]
    html = client.post(url, data).content.decode()
    tokens = PENDING.findall(html)
    assert len(tokens) == 1 and "letter.pdf" in html
    client.post(url, {**form_data(open_programme), "attachments__pending": tokens})
    assert Nomination.objects.get().attachments.get().original_name == "letter.pdf"


def test_submit_comes_before_save_draft(client, member, open_programme):
    client.force_login(member)
    html = client.get(nominate_url(open_programme)).content.decode()
    assert html.index("Submit nomination") < html.index("Save draft")
