"""The profile form states its limits and keeps what people typed when they go past them."""

import pytest

from community.models import Profile

from .test_profile import form_data, post

pytestmark = pytest.mark.django_db


def test_limits_are_stated_on_the_profile_form(member_client, site):
    html = member_client.get("/en/community/profile/").content.decode()
    assert 'maxlength="150"' in html and "Up to 150 characters." in html  # display name
    assert 'maxlength="160"' in html and "Up to 160 characters." in html  # headline
    assert "Up to 2,000 characters." in html  # bio


@pytest.mark.parametrize(
    ("field", "limit"), [("display_name", 150), ("headline", 160), ("bio", 2000)]
)
def test_over_long_text_is_an_error_that_keeps_the_text(member_client, member, site, field, limit):
    before = Profile.objects.get(user=member)
    text = "Open contracting in West Africa, " * (limit // 30) + "END"
    assert len(text) > limit
    response = post(member_client, **{field: text})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"at most {limit} characters (it has {len(text)})" in html
    assert text in html
    after = Profile.objects.get(user=member)
    assert getattr(after, field) == getattr(before, field)
    assert after.organisation == before.organisation  # nothing of the form was saved


def test_text_at_the_limit_is_saved_whole(member_client, member, site):
    name = "A" * 150
    response = member_client.post("/en/community/profile/", form_data(display_name=name))
    assert response.status_code == 302
    assert Profile.objects.get(user=member).display_name == name


def test_a_connection_note_over_the_limit_is_refused_not_cut(member):
    from community import services
    from community.factories import UserFactory
    from community.models import ConnectionRequest
    from home.errors import TextTooLong

    with pytest.raises(TextTooLong) as refused:
        services.connection_request(sender=member, recipient=UserFactory(), note="n" * 301)
    assert "301 characters; the limit is 300" in refused.value.message
    assert not ConnectionRequest.objects.exists()


def test_a_chosen_photo_is_kept_after_an_error_and_saved_on_the_next_try(
    member_client, member, site
):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_profile import jpeg_with_gps

    upload = SimpleUploadedFile("me.jpg", jpeg_with_gps(), "image/jpeg")
    response = post(member_client, headline="h" * 161, photo_upload=upload)
    html = response.content.decode()
    assert "Kept from your last try, so you need not choose it again" in html
    assert "me.jpg" in html
    tokens = re.findall(r'name="photo_upload__pending" value="([^"]+)"', html)
    assert len(tokens) == 1
    assert not Profile.objects.get(user=member).photo

    response = post(member_client, photo_upload__pending=tokens)
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.photo and b"SecretCam" not in profile.photo.read()  # still re-encoded


def test_the_remove_photo_checkbox_sits_inside_its_label(member_client, site):
    html = member_client.get("/en/community/profile/").content.decode()
    assert (
        '<label class="choice" for="id_remove_photo"><input type="checkbox" name="remove_photo"'
        in html
    )


def test_help_texts_are_text_not_markup(member_client, site):
    html = member_client.get("/en/community/profile/").content.decode()
    assert "You may use &lt;strong&gt;, &lt;em&gt;, lists and links" in html
    assert "You may use <strong>" not in html
