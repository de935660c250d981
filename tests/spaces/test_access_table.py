"""Who sees a group, on every surface, as one table.

Rows: the four kinds × the four access levels (sixteen groups, built once). Columns: the
viewers — a visitor, a member of the platform who is not in the group, a member of the
group, its host, group staff, a member of the group whom the poster blocked, and a member
of the group whose own profile is hidden. Surfaces: the group list, the group page, a
thread, search (threads and groups), the poster's profile, the theme page, notifications,
the sitemap, feeds and the data export.

Each test walks one surface for one viewer across the sixteen groups and lists every
cell that differs from the rule, so a failure names the cells.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

import pytest

from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from community.factories import make_member
from community.models import Block, Visibility
from content.factories import ThemeIndexPageFactory, ThemePageFactory
from home.factories import ThemeFactory
from home.models import Notification
from spaces import services
from spaces.factories import SpaceFactory, add_member
from spaces.models import Access, Kind, Membership, Post, Space, Thread

pytestmark = pytest.mark.django_db

KINDS = [Kind.COHORT, Kind.ALUMNI, Kind.THEMATIC, Kind.COALITION]
ACCESSES = [Access.OPEN, Access.REQUEST, Access.INVITATION, Access.SECRET]
VIEWERS = ["anonymous", "member", "in_group", "host", "staff", "blocked", "hidden"]
#: Viewers who are active members of every group of the table.
IN_GROUP = {"in_group", "host", "blocked", "hidden"}
WORD = "zebrafinch"


def _world():
    from home.permissions import ensure_groups

    ensure_groups()
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page
    people = {
        "poster": make_member(display_name="Paula Poster", visibility=Visibility.PUBLIC),
        "member": make_member(display_name="Mo Member"),
        "in_group": make_member(display_name="Ines Ingroup"),
        "host": make_member(display_name="Hugo Host"),
        "staff": make_member(display_name="Sara Staff"),
        "blocked": make_member(display_name="Bea Blocked"),
        "hidden": make_member(display_name="Hal Hidden", visibility=Visibility.HIDDEN),
    }
    people["staff"].groups.add(Group.objects.get(name="Group managers"))
    Block.objects.create(blocker=people["poster"], blocked=people["blocked"])
    theme_index = ThemeIndexPageFactory(parent=root, slug="table-themes")
    spaces = {}
    for i, access in enumerate(ACCESSES):
        programme = ProgrammePageFactory(parent=root, slug=f"table-programme-{i}")
        cohort = CohortPageFactory(parent=programme, slug=f"table-cohort-{i}")
        theme = ThemeFactory(name=f"Table theme {i}", slug=f"table-theme-{i}")
        ThemePageFactory(parent=theme_index, theme=theme, title=theme.name, slug=theme.slug)
        made = {
            Kind.COHORT: services.ensure_cohort_space(cohort),
            Kind.ALUMNI: next(
                s for s in services.ensure_alumni_networks() if s.programme_id == programme.pk
            ),
            Kind.THEMATIC: Space.objects.originals().get(kind=Kind.THEMATIC, theme=theme),
            Kind.COALITION: SpaceFactory(slug=f"table-coalition-{i}"),
        }
        for kind, space in made.items():
            space.access = access
            space.slug = f"table-{kind}-{access}"
            space.description = f"Marker {WORD}group{kind} {space.slug}"
            space.save()
            spaces[(kind, access)] = space
    now = timezone.now()
    for space in spaces.values():
        add_member(space, people["host"], role=Membership.Role.HOST)
        for key in ("poster", "in_group", "blocked", "hidden"):
            add_member(space, people[key])
        thread = Thread.objects.create(
            space=space,
            author=people["poster"],
            title=f"Question {WORD} {space.slug}",
            created_at=now,
            last_post_at=now,
            post_count=1,
        )
        Post.objects.create(
            thread=thread,
            author=people["poster"],
            body=f"Words of the thread {space.slug}",
            html=f"<p>Words of the thread {space.slug}</p>",
            language="en",
            created_at=now,
        )
        space.thread_id = thread.pk
    return people, spaces


@pytest.fixture(scope="module")
def world(_module_site, module_db):
    people, spaces = _world()
    return (
        {key: user.pk for key, user in people.items()},
        {key: (space.pk, space.slug, space.thread_id) for key, space in spaces.items()},
    )


def client_for(world, viewer) -> Client:
    from community.models import User

    client = Client()
    if viewer != "anonymous":
        client.force_login(User.objects.get(pk=world[0][viewer]))
    return client


def cells():
    return [(kind, access) for kind in KINDS for access in ACCESSES]


def sees(viewer, access) -> bool:
    return access != Access.SECRET or viewer in IN_GROUP | {"staff"}


def check(mismatches):
    assert mismatches == [], "\n".join(mismatches)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_group_list(world, viewer):
    client = client_for(world, viewer)
    wrong = []
    for kind in KINDS:
        html = client.get(f"/en/groups/?kind={kind}").content.decode()
        for access in ACCESSES:
            slug = world[1][(kind, access)][1]
            listed = f"/en/groups/{slug}/" in html
            if listed != sees(viewer, access):
                wrong.append(f"{kind} {access}: listed={listed}")
    check(wrong)


def expected_page(viewer, access) -> int:
    if not sees(viewer, access):
        return 404
    if access == Access.INVITATION and viewer == "anonymous":
        return 302
    return 200


@pytest.mark.parametrize("viewer", VIEWERS)
def test_group_page(world, viewer):
    client = client_for(world, viewer)
    wrong = []
    for kind, access in cells():
        slug = world[1][(kind, access)][1]
        response = client.get(f"/en/groups/{slug}/")
        want = expected_page(viewer, access)
        if response.status_code != want:
            wrong.append(f"{kind} {access}: {response.status_code}, expected {want}")
        if response.status_code == 302 and "/accounts/login/" not in response["Location"]:
            wrong.append(f"{kind} {access}: redirected to {response['Location']}")
        thread_title = f"Question {WORD} {slug}"
        shown = thread_title in response.content.decode()
        if shown != (viewer in IN_GROUP - {"blocked"} or viewer == "staff"):
            wrong.append(f"{kind} {access}: thread title on the group page={shown}")
    check(wrong)


def expected_thread(viewer, access) -> int:
    if viewer == "blocked":
        return 404  # the poster blocked them: they never see each other
    if viewer in IN_GROUP or viewer == "staff":
        return 200
    if access == Access.SECRET:
        return 404
    return 302 if viewer == "anonymous" else 403


@pytest.mark.parametrize("viewer", VIEWERS)
def test_thread_page(world, viewer):
    client = client_for(world, viewer)
    wrong = []
    for kind, access in cells():
        _pk, slug, thread_id = world[1][(kind, access)]
        response = client.get(f"/en/groups/{slug}/discussions/{thread_id}/")
        want = expected_thread(viewer, access)
        if response.status_code != want:
            wrong.append(f"{kind} {access}: {response.status_code}, expected {want}")
        if response.status_code == 200 and f"Words of the thread {slug}" not in (
            response.content.decode()
        ):
            wrong.append(f"{kind} {access}: the post is missing")
    check(wrong)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_search(world, viewer):
    client = client_for(world, viewer)
    threads = client.get(f"/en/search/?q={WORD}").content.decode()
    found_groups = {
        kind: client.get(f"/en/search/?q={WORD}group{kind}").content.decode() for kind in KINDS
    }
    wrong = []
    for kind, access in cells():
        groups = found_groups[kind]
        _pk, slug, thread_id = world[1][(kind, access)]
        thread_found = f"/en/groups/{slug}/discussions/{thread_id}/" in threads
        if thread_found != (viewer in IN_GROUP - {"blocked"}):
            wrong.append(f"{kind} {access}: thread found={thread_found}")
        group_found = f"/en/groups/{slug}/" in groups
        if group_found != sees(viewer, access):
            wrong.append(f"{kind} {access}: group found={group_found}")
    check(wrong)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_poster_profile(world, viewer):
    client = client_for(world, viewer)
    from community.models import Profile

    profile = Profile.objects.get(user_id=world[0]["poster"])
    response = client.get(f"/en/community/members/{profile.pk}/")
    if viewer == "blocked":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    html = response.content.decode()
    wrong = []
    for kind, access in cells():
        slug = world[1][(kind, access)][1]
        listed = f"/en/groups/{slug}/" in html
        want = access in (Access.OPEN, Access.REQUEST) or (
            access == Access.INVITATION and viewer != "anonymous"
        )
        if listed != want:
            wrong.append(f"{kind} {access}: on the profile={listed}, expected {want}")
    check(wrong)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_theme_page(world, viewer):
    client = client_for(world, viewer)
    wrong = []
    for i, access in enumerate(ACCESSES):
        slug = world[1][(Kind.THEMATIC, access)][1]
        response = client.get(f"/en/table-themes/table-theme-{i}/")
        assert response.status_code == 200
        shown = f"/en/groups/{slug}/" in response.content.decode()
        if shown != sees(viewer, access):
            wrong.append(f"theme {i} ({access}): network shown={shown}")
    check(wrong)


def test_announcements_reach_members_only(world):
    from community.models import User

    host = User.objects.get(pk=world[0]["host"])
    from spaces.services.discussions import announcement_send, thread_start

    for i, (kind, access) in enumerate(cells()):
        pk = world[1][(kind, access)][0]
        thread = thread_start(
            author=host,
            space=Space.objects.get(pk=pk),
            title=f"Announcement {kind} {access}",
            body="Our next session moves to Thursday.",
            announcement=True,
            now=timezone.now() + timedelta(minutes=2 * i),  # not one burst
        )
        announcement_send(thread_id=thread.pk)  # what the task queued after commit does
    wrong = []
    for viewer in VIEWERS[1:]:
        user_pk = world[0][viewer]
        for kind, access in cells():
            slug = world[1][(kind, access)][1]
            told = Notification.objects.filter(
                recipient_id=user_pk, kind="spaces.announcement", link__contains=f"/{slug}/"
            ).exists()
            want = viewer in IN_GROUP - {"host"}  # the host wrote it
            if told != want:
                wrong.append(f"{viewer} {kind} {access}: told={told}")
        # Nothing any kind of notification says names a secret group to a non-member.
        if viewer not in IN_GROUP:
            for n in Notification.objects.filter(recipient_id=user_pk):
                for kind in KINDS:
                    slug = world[1][(kind, Access.SECRET)][1]
                    assert slug not in (n.link or "") and slug not in n.title, (viewer, n.kind)
    check(wrong)


def test_sitemap_lists_public_groups_only(world):
    client = Client()
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-groups.xml" in index
    xml = client.get("/sitemap-groups.xml").content.decode()
    wrong = []
    for kind, access in cells():
        slug = world[1][(kind, access)][1]
        listed = f"/groups/{slug}/" in xml
        if listed != (access in (Access.OPEN, Access.REQUEST)):
            wrong.append(f"{kind} {access}: in the sitemap={listed}")
    check(wrong)


def test_feeds_never_name_a_group_or_a_thread(world):
    """Feeds are public: no group's words, no thread, appear in any of them."""
    from wagtail.models import Page

    client = Client()
    for page in Page.objects.live().specific():
        links = page.get_feed_links() if hasattr(page, "get_feed_links") else []
        for link in links:
            body = client.get(link["url"]).content.decode()
            assert f"{WORD}group" not in body and WORD not in body, link["url"]


@pytest.mark.parametrize("viewer", ["poster", "member", "in_group", "host"])
def test_data_export_holds_ones_own_posts_only(world, viewer):
    client = client_for(world, viewer) if viewer != "poster" else None
    if client is None:
        from community.models import User

        client = Client()
        client.force_login(User.objects.get(pk=world[0]["poster"]))
    body = client.get("/en/community/account/data/").content.decode()
    for kind, access in cells():
        slug = world[1][(kind, access)][1]
        has_post = f"Words of the thread {slug}" in body
        assert has_post == (viewer == "poster"), (viewer, kind, access)
