"""A group's resources: who may share, download and remove; bad uploads say why and keep
what was typed; the list costs a bounded number of queries."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from community.factories import make_member
from spaces import permissions
from spaces.errors import SpaceError
from spaces.factories import add_member
from spaces.models import Membership, Resource
from spaces.models.resources import private_storage
from spaces.services.resources import resource_add, resource_remove
from tests.spaces.conftest import space_with_host

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="minutes.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name="chart.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def staff_member():
    user = make_member(display_name="Sam Staff")
    user.groups.add(permissions.ensure_groups()["Group managers"])
    return user


def share_file(space, host, **kwargs):
    return resource_add(member=host, space=space, title="Minutes", file=pdf(), **kwargs)


# --- The access table ---------------------------------------------------------------

VIEWERS = ["anonymous", "platform member", "group member", "host", "staff"]
EXPECTED = {
    # access: status per viewer, in the order of VIEWERS ("login": sent to sign in)
    "open": [200, 200, 200, 200, 200],
    "request": [200, 200, 200, 200, 200],
    "invitation": ["login", 404, 200, 200, 200],
    "secret": [404, 404, 200, 200, 200],
}

#: The list page: a signed-in member opens a page by invitation, but not its resources.
LIST_EXPECTED = {**EXPECTED, "invitation": ["login", "members", 200, 200, 200]}


@pytest.mark.parametrize("access", list(EXPECTED))
def test_who_may_download_a_shared_file(client, access, host, amina, bruno):
    space = space_with_host(host, access=access, slug=f"{access}-group")
    add_member(space, amina)
    resource = share_file(space, host)
    url = reverse("spaces:resource_file", args=[space.slug, resource.pk])
    viewers = [None, bruno, amina, host, staff_member()]
    for label, viewer, expected in zip(VIEWERS, viewers, EXPECTED[access], strict=True):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302, label
            assert "/login/" in response["Location"], label
            continue
        assert response.status_code == expected, (access, label)
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert "attachment" in response["Content-Disposition"]
            assert "minutes.pdf" in response["Content-Disposition"]
            assert response["Cache-Control"] == "private, no-store"
            assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("access", list(EXPECTED))
def test_who_sees_the_list_of_resources(client, access, host, amina, bruno):
    space = space_with_host(host, access=access, slug=f"{access}-list")
    add_member(space, amina)
    resource_add(member=host, space=space, title="Budget tracker", url="https://example.org/b")
    url = reverse("spaces:resources", args=[space.slug])
    viewers = [None, bruno, amina, host, staff_member()]
    for label, viewer, expected in zip(VIEWERS, viewers, LIST_EXPECTED[access], strict=True):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302, label
            continue
        if expected == "members":
            html = response.content.decode()
            assert response.status_code == 200, (access, label)
            assert "Budget tracker" not in html
            assert "The resources of this group are for its members." in html
            continue
        if expected == 404:
            assert response.status_code == 404, (access, label)
            continue
        assert response.status_code == 200, (access, label)
        assert "Budget tracker" in response.content.decode(), (access, label)


def test_a_removed_or_foreign_resource_is_not_found(client, open_space, host):
    other = space_with_host(host, slug="other-group")
    resource = share_file(other, host)
    client.force_login(host)
    assert (
        client.get(reverse("spaces:resource_file", args=[open_space.slug, resource.pk])).status_code
        == 404
    )
    resource_remove(actor=host, resource=resource)
    assert (
        client.get(reverse("spaces:resource_file", args=[other.slug, resource.pk])).status_code
        == 404
    )


# --- Sharing --------------------------------------------------------------------------


def test_a_member_shares_a_link_and_it_is_listed_newest_first(client, open_space, amina):
    add_member(open_space, amina)
    client.force_login(amina)
    resource_add(member=amina, space=open_space, title="Older note", url="https://example.org/1")
    response = client.post(
        reverse("spaces:resource_new", args=[open_space.slug]),
        {
            "title": "Open contracting guide",
            "description": "Short and clear.",
            "url": "https://example.org/guide",
        },
    )
    assert response.status_code == 302
    row = Resource.objects.get(title="Open contracting guide")
    assert row.added_by == amina and row.url == "https://example.org/guide" and not row.file
    html = client.get(reverse("spaces:resources", args=[open_space.slug])).content.decode()
    assert html.index("Open contracting guide") < html.index("Older note")
    assert 'href="https://example.org/guide" rel="nofollow ugc noopener noreferrer"' in html
    assert "shared by Amina Diallo" in html


def test_a_member_shares_a_file_which_is_stored_privately(client, open_space, amina):
    add_member(open_space, amina)
    client.force_login(amina)
    response = client.post(
        reverse("spaces:resource_new", args=[open_space.slug]),
        {"title": "Chart", "file": png("my chart.png")},
    )
    assert response.status_code == 302
    row = Resource.objects.get(title="Chart")
    assert row.content_type == "image/png" and row.original_name == "my chart.png"
    assert row.file.name.startswith("resources/") and "chart" not in row.file.name
    assert private_storage.exists(row.file.name)
    html = client.get(reverse("spaces:resources", args=[open_space.slug])).content.decode()
    assert reverse("spaces:resource_file", args=[open_space.slug, row.pk]) in html


def test_a_non_member_cannot_share(client, open_space, bruno):
    with pytest.raises(SpaceError) as exc:
        resource_add(member=bruno, space=open_space, title="Spam", url="https://example.org")
    assert exc.value.code == "not_member"
    client.force_login(bruno)
    response = client.post(
        reverse("spaces:resource_new", args=[open_space.slug]),
        {"title": "Spam", "url": "https://example.org"},
    )
    assert response.status_code == 403
    assert not Resource.objects.exists()
    html = client.get(reverse("spaces:resources", args=[open_space.slug])).content.decode()
    assert "Share a link or a file" not in html


def test_the_service_refuses_bad_input_with_its_code(open_space, host):
    cases = [
        ({"title": "x"}, "no_link_or_file"),
        ({"title": "x", "url": "https://example.org", "file": pdf()}, "link_and_file"),
        ({"title": "x", "url": "javascript:alert(1)"}, "bad_link"),
        ({"title": "x", "url": "ftp://example.org/f"}, "bad_link"),
        ({"title": "   ", "url": "https://example.org"}, "resource_title"),
        ({"title": "x", "file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00binary")}, "bad_file"),
    ]
    for kwargs, code in cases:
        with pytest.raises(SpaceError) as exc:
            resource_add(member=host, space=open_space, **kwargs)
        assert exc.value.code == code, kwargs
    assert not Resource.objects.exists()
    with pytest.raises(SpaceError) as exc:
        resource_add(
            member=host, space=open_space, title="x", file=SimpleUploadedFile("a.pdf", b"MZ")
        )
    assert "a.pdf is not a PDF or an image" in exc.value.message


def post_new(client, space, data):
    return client.post(reverse("spaces:resource_new", args=[space.slug]), data)


def test_a_renamed_program_is_refused_and_the_words_are_kept(client, open_space, host):
    client.force_login(host)
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    response = post_new(
        client, open_space, {"title": "Quarterly report", "description": "Q3 numbers", "file": exe}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "report.pdf is not a PDF or an image" in html
    assert 'value="Quarterly report"' in html and "Q3 numbers" in html
    assert not Resource.objects.exists()


def test_a_file_over_5_mb_is_refused(client, open_space, host):
    client.force_login(host)
    big = SimpleUploadedFile("big.pdf", PDF[:-6] + b"\x00" * (6 * 1024 * 1024) + b"%%EOF\n")
    response = post_new(client, open_space, {"title": "Big", "file": big})
    assert response.status_code == 200
    assert "big.pdf is larger than 5 MB." in response.content.decode()
    assert not Resource.objects.exists()


def test_a_link_and_a_file_together_are_refused_and_the_file_is_kept(client, open_space, host):
    client.force_login(host)
    response = post_new(
        client,
        open_space,
        {"title": "Both", "url": "https://example.org/x", "file": pdf("kept.pdf")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give a link or a file, not both." in html
    assert 'value="https://example.org/x"' in html
    assert "kept.pdf" in html  # kept across the error, with its tick box
    assert not Resource.objects.exists()


def test_a_javascript_link_is_refused(client, open_space, host):
    client.force_login(host)
    response = post_new(client, open_space, {"title": "Click", "url": "javascript:alert(1)"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A link must be a web address starting with http:// or https://." in html
    assert 'value="Click"' in html
    assert not Resource.objects.exists()


def test_neither_link_nor_file_says_so(client, open_space, host):
    client.force_login(host)
    response = post_new(client, open_space, {"title": "Nothing"})
    assert response.status_code == 200
    assert "Give a link or choose a file." in response.content.decode()


def test_too_long_a_title_is_refused_not_cut(client, open_space, host):
    client.force_login(host)
    response = post_new(client, open_space, {"title": "t" * 151, "url": "https://example.org"})
    assert response.status_code == 200
    assert "t" * 151 in response.content.decode()
    assert not Resource.objects.exists()


# --- Removal --------------------------------------------------------------------------


def test_the_sharer_removes_after_a_confirmation_and_the_file_is_deleted(
    client, open_space, amina, django_capture_on_commit_callbacks
):
    add_member(open_space, amina)
    resource = share_file(open_space, amina)
    name = resource.file.name
    client.force_login(amina)
    url = reverse("spaces:resource_remove", args=[open_space.slug, resource.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Remove “Minutes”?" in html and "The file is deleted" in html
    assert private_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.removed_at is not None and not resource.file
    assert not private_storage.exists(name)
    html = client.get(reverse("spaces:resources", args=[open_space.slug])).content.decode()
    assert "Minutes" not in html


def test_a_host_removes_any_resource_another_member_cannot(client, open_space, amina, bruno, host):
    add_member(open_space, amina)
    add_member(open_space, bruno)
    resource = resource_add(member=amina, space=open_space, title="Guide", url="https://e.org")
    with pytest.raises(SpaceError) as exc:
        resource_remove(actor=bruno, resource=resource)
    assert exc.value.code == "not_yours"
    client.force_login(bruno)
    url = reverse("spaces:resource_remove", args=[open_space.slug, resource.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    resource.refresh_from_db()
    assert resource.removed_at is None
    resource_remove(actor=host, resource=resource)
    with pytest.raises(SpaceError) as exc:
        resource_remove(actor=host, resource=resource)
    assert exc.value.code == "resource_gone"


def test_a_member_who_left_cannot_remove_what_they_shared(open_space, amina):
    add_member(open_space, amina)
    resource = resource_add(member=amina, space=open_space, title="Guide", url="https://e.org")
    add_member(open_space, amina, state=Membership.State.LEFT)
    open_space.__dict__.pop("_memberships", None)
    with pytest.raises(SpaceError) as exc:
        resource_remove(actor=amina, resource=resource)
    assert exc.value.code == "not_yours"


# --- Bounded queries ------------------------------------------------------------------


def test_the_resources_page_costs_the_same_at_two_sizes(
    client, open_space, host, django_assert_max_num_queries
):
    client.force_login(host)
    url = reverse("spaces:resources", args=[open_space.slug])
    sharers = [make_member(display_name=f"Sharer {n}") for n in range(3)]
    for sharer in sharers:
        add_member(open_space, sharer)

    def share(count):
        for n in range(count):
            resource_add(
                member=sharers[n % 3], space=open_space, title=f"R{n}", url="https://e.org"
            )

    share(2)
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    share(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(url).content.decode()
    assert "R29" in html and "Sharer 1" in html


# --- Data rights ----------------------------------------------------------------------


def test_what_a_member_shared_is_in_their_data_download(open_space, amina):
    from community.selectors import member_data

    add_member(open_space, amina)
    resource_add(member=amina, space=open_space, title="Guide", url="https://e.org/g")
    share_file(open_space, amina)
    rows = member_data(amina)["group_resources"]
    assert [(r["title"], r["link"], r["file_name"]) for r in rows] == [
        ("Guide", "https://e.org/g", ""),
        ("Minutes", "", "minutes.pdf"),
    ]
    assert rows[0]["group"] == open_space.name


def test_a_deleted_members_resources_stay_without_their_name(client, open_space, amina, host):
    add_member(open_space, amina)
    resource_add(member=amina, space=open_space, title="Guide", url="https://e.org/g")
    amina.delete()
    client.force_login(host)
    html = client.get(reverse("spaces:resources", args=[open_space.slug])).content.decode()
    assert "Guide" in html and "Amina Diallo" not in html


def test_a_suspended_member_cannot_share_and_is_told_why(client, open_space, amina):
    from django.utils import timezone

    from messaging.models import MessagingSettings

    add_member(open_space, amina)
    MessagingSettings.objects.update_or_create(
        user=amina, defaults={"suspended_at": timezone.now()}
    )
    with pytest.raises(SpaceError) as exc:
        resource_add(member=amina, space=open_space, title="x", url="https://e.org")
    assert exc.value.code == "suspended"
    client.force_login(amina)
    response = client.get(reverse("spaces:resource_new", args=[open_space.slug]))
    assert response.status_code == 403
    assert "suspended" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_missing_group_or_resource_is_not_found(client, open_space, host):
    client.force_login(host)
    assert client.get(reverse("spaces:resources", args=["no-such-group"])).status_code == 404
    assert (
        client.get(reverse("spaces:resource_file", args=[open_space.slug, 9999])).status_code == 404
    )
    assert (
        client.get(reverse("spaces:resource_remove", args=[open_space.slug, 9999])).status_code
        == 404
    )
    assert (
        client.get(reverse("spaces:resources", args=[open_space.slug]) + "?page=x").status_code
        == 200
    )
