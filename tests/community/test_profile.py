"""Editing a profile: photo by content, sanitised bio, safe links, audiences, preview."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from community.factories import make_member
from community.models import Profile, Visibility
from community.photos import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[0x0110] = "SecretCam"  # camera model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (14.0, 35.0, 59.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_bomb(width=40_000, height=40_000) -> bytes:
    """A tiny PNG whose header claims 1.6 billion pixels."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )


def form_data(**overrides):
    data = {
        "display_name": "Amina Diallo",
        "headline": "Open contracting in Senegal",
        "organisation": "Forum Civil",
        "sector": "civil_society",
        "country": "SN",
        "city": "Dakar",
        "bio": "",
        "visibility": Visibility.MEMBERS,
        "organisation_visibility": Visibility.MEMBERS,
        "location_visibility": Visibility.MEMBERS,
        "photo_visibility": Visibility.MEMBERS,
        "links_visibility": Visibility.MEMBERS,
        "preferred_language": "fr",
        "links_text": "",
        "languages": ["fr", "en"],
        "open_to": ["mentoring"],
    }
    data.update(overrides)
    return data


def post(client, **overrides):
    return client.post("/en/community/profile/", form_data(**overrides))


def test_new_members_start_at_members_only(member):
    assert member.profile.visibility == Visibility.MEMBERS


def test_edit_profile_saves_and_caps_audiences(member_client, member, site, theme):
    response = post(
        member_client,
        visibility=Visibility.CONNECTIONS,
        organisation_visibility=Visibility.PUBLIC,
        themes=[theme.pk],
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.headline == "Open contracting in Senegal"
    assert profile.region == "africa_middle_east"
    assert profile.organisation_visibility == Visibility.CONNECTIONS  # never wider
    assert list(profile.themes.all()) == [theme]
    member.refresh_from_db()
    assert member.preferred_language == "fr"


def test_photo_is_reencoded_without_exif_under_a_new_name(member_client, member, site):
    upload = SimpleUploadedFile("holiday-at-home.jpg", jpeg_with_gps(), "image/jpeg")
    assert post(member_client, photo_upload=upload).status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.photo.name.startswith("profile-photos/")
    assert "holiday" not in profile.photo.name
    stored = profile.photo.read()
    assert b"SecretCam" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert not image.getexif()
    # served through the view (checks the audience), never from a public media URL
    response = member_client.get(f"/en/community/members/{profile.pk}/photo/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("big.jpg", b"\xff\xd8" + b"0" * (MAX_UPLOAD_BYTES + 10), "too large"),
        ("notes.png", b"this is a text file, not a picture", "not a photo"),
        ("script.png", b"<script>alert(1)</script>", "not a photo"),
        ("bomb.png", png_bomb(), "too many pixels"),
        ("medium-bomb.png", png_bomb(6000, 6000), "too many pixels"),
    ],
)
def test_bad_photos_get_a_clear_message(member_client, member, site, filename, content, message):
    upload = SimpleUploadedFile(filename, content, "image/png")
    response = post(member_client, photo_upload=upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Profile.objects.get(user=member).photo


def test_bio_is_sanitised(member_client, member, site):
    bio = (
        '<p>Hello <strong>world</strong></p><script>alert("x")</script>'
        '<a href="javascript:alert(1)">click</a> <a href="https://ogp.example/">ok</a>'
        '<img src=x onerror="alert(2)">'
    )
    post(member_client, bio=bio)
    profile = Profile.objects.get(user=member)
    assert "<script" not in profile.bio and "javascript:" not in profile.bio
    assert "onerror" not in profile.bio and "<img" not in profile.bio
    assert "<strong>world</strong>" in profile.bio
    html = member_client.get(f"/en/community/members/{profile.pk}/").content.decode()
    assert 'alert("x")' not in html.split("<main", 1)[1]
    assert 'href="https://ogp.example/" rel="noopener noreferrer nofollow"' in html


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/file",
        "//evil.example/",
        "https://",
    ],
)
def test_unsafe_links_are_refused_with_a_message(member_client, member, site, bad):
    response = post(member_client, links_text=f"https://ok.example/\n{bad}")
    assert response.status_code == 200
    assert "links must start with https:// or http://" in response.content.decode()
    assert Profile.objects.get(user=member).links == []


def test_links_render_with_noopener(member_client, member, site):
    post(member_client, links_text="https://opengovpartnership.example/amina")
    profile = Profile.objects.get(user=member)
    html = member_client.get(f"/en/community/members/{profile.pk}/").content.decode()
    assert 'href="https://opengovpartnership.example/amina" rel="noopener noreferrer"' in html


def test_stored_unsafe_links_are_never_rendered(client, site):
    user = make_member(
        visibility=Visibility.PUBLIC,
        links_visibility=Visibility.PUBLIC,
        links=[
            {"label": "x", "url": "javascript:alert(1)"},
            {"label": "ok", "url": "https://a.example/"},
        ],
    )
    html = client.get(f"/en/community/members/{user.profile.pk}/").content.decode()
    assert "javascript:" not in html
    assert "https://a.example/" in html


@pytest.mark.parametrize(
    ("viewer_kind", "sees_profile", "sees_org"),
    [("stranger", False, False), ("member", True, False), ("connection", True, True)],
)
def test_preview_as(member_client, member, site, viewer_kind, sees_profile, sees_org):
    profile = member.profile
    profile.headline = "Previewed headline"
    profile.organisation = "Previewed Org"
    profile.visibility = Visibility.MEMBERS
    profile.organisation_visibility = Visibility.CONNECTIONS
    profile.save()
    html = member_client.get("/en/community/profile/preview/", {"as": viewer_kind}).content.decode()
    assert ("Previewed headline" in html) == sees_profile
    assert ("Previewed Org" in html) == sees_org
    assert "cannot see your profile at all" in html or sees_profile


def test_preview_with_nonsense_falls_back_to_stranger(member_client, member, site):
    profile = member.profile
    profile.headline = "Previewed headline"
    profile.visibility = Visibility.MEMBERS
    profile.save()
    response = member_client.get("/en/community/profile/preview/", {"as": "<script>"})
    html = response.content.decode()
    assert response.status_code == 200
    # what a stranger sees, as with ?as=stranger; the nonsense is not echoed back
    assert "cannot see your profile at all" in html
    assert "Previewed headline" not in html
    assert "<script>" not in html


def test_edit_needs_sign_in(client, site):
    response = client.get("/en/community/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_nonsense_profile_ids_are_404(client, site):
    assert client.get("/en/community/members/999999/").status_code == 404
    assert client.get("/en/community/members/999999/photo/").status_code == 404


def test_other_apps_add_badges(client, site):
    from community.signals import profile_badges

    user = make_member(visibility=Visibility.PUBLIC)

    def alumni(sender, profile, viewer, **kwargs):
        return ["Alumna, 2025 cohort"] if profile.pk == user.profile.pk else []

    profile_badges.connect(alumni, dispatch_uid="test-badges")
    try:
        html = client.get(f"/en/community/members/{user.profile.pk}/").content.decode()
    finally:
        profile_badges.disconnect(dispatch_uid="test-badges")
    assert "Alumna, 2025 cohort" in html
