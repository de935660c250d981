"""The demo's groups: seeded once, lively, in three languages, and the secret group stays
secret. The demo is built once for the module (the seeders of the site, members, cohorts,
staff, then the groups)."""

import pytest

from cohorts.models import CohortPage
from spaces import permissions, selectors
from spaces.demo import content
from spaces.models import (
    Access,
    Kind,
    Membership,
    Post,
    Resource,
    Space,
    Thread,
    ThreadSubscription,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def private_root(tmp_path_factory):
    return tmp_path_factory.mktemp("private")


@pytest.fixture(scope="module")
def _demo(_module_site, django_db_blocker, private_root):
    from django.conf import settings

    from cohorts.demo.seed import seed as seed_cohorts
    from community.demo.seed import seed as seed_members
    from home.demo.staff import seed as seed_staff
    from spaces.demo.seed import seed as seed_groups

    old = getattr(settings, "PRIVATE_ROOT", None)
    settings.PRIVATE_ROOT = str(private_root)
    log = []
    with django_db_blocker.unblock():
        seed_members(log.append)
        seed_cohorts(log.append)
        seed_staff(log.append)
        seed_groups(log.append)
    settings.PRIVATE_ROOT = old
    return log


@pytest.fixture
def demo(_demo, site, settings, private_root):
    settings.PRIVATE_ROOT = str(private_root)
    return _demo


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Space, Membership, Thread, Post, ThreadSubscription, Resource)
    } | {"documents": _documents()}


def _documents():
    from wagtail.documents import get_document_model

    return get_document_model().objects.count()


def _user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def test_seeding_twice_adds_nothing(demo):
    from spaces.demo.seed import seed

    first = _counts()
    log = []
    seed(log.append)
    assert _counts() == first
    assert log == []  # nothing created the second time


def test_every_seeded_cohort_has_a_lively_space(demo):
    cohorts = CohortPage.objects.filter(locale__language_code="en")
    assert cohorts.count() == 3
    for cohort in cohorts:
        space = Space.objects.originals().get(cohort=cohort)
        threads = Thread.objects.filter(space=space)
        assert threads.count() >= 3, cohort.slug
        announcement = threads.get(is_announcement=True)
        assert announcement.is_pinned
        assert permissions.can_host(announcement.author, space)
        replies = threads.filter(post_count__gte=2)
        assert replies.count() >= 2, cohort.slug
        assert Post.objects.filter(thread__space=space, quote__isnull=False).exists()
        assert Resource.objects.filter(space=space, url__startswith="https://").count() >= 2
        assert selectors.hosts(space)


def test_threads_counters_and_subscriptions_are_right(demo):
    for thread in Thread.objects.all():
        posts = list(thread.posts.order_by("created_at"))
        assert thread.post_count == len(posts)
        assert thread.last_post_at == posts[-1].created_at
        assert thread.author_id == posts[0].author_id
        authors = {p.author_id for p in posts}
        followers = set(
            thread.subscriptions.filter(state=ThreadSubscription.State.FOLLOW).values_list(
                "user_id", flat=True
            )
        )
        assert authors <= followers
        for post in posts:
            # Every author is a member of the group they write in.
            assert permissions.is_member(post.author, thread.space), (thread.title, post.author)
            assert post.html.startswith("<p>")
            if post.quote_id:
                assert post.quote.thread_id == thread.pk
                assert post.quote_text == post.quote.body


def test_three_languages_in_the_thematic_networks(demo):
    networks = Space.objects.originals().filter(kind=Kind.THEMATIC)
    languages = set(
        Post.objects.filter(thread__space__in=networks).values_list("language", flat=True)
    )
    assert languages == {"en", "fr", "es"}
    # The first network has threads opened in each of the three languages.
    anti_corruption = networks.get(theme__slug="anti-corruption")
    openers = {
        t.posts.order_by("created_at").first().language for t in anti_corruption.threads.all()
    }
    assert openers == {"en", "fr", "es"}
    # French with "vous", Spanish with "usted(es)".
    assert Post.objects.filter(language="fr", body__contains="vous").exists()
    assert Post.objects.filter(language="es", body__contains="ustedes").exists()
    assert anti_corruption.memberships.filter(state=Membership.State.ACTIVE).count() >= 5


def test_alumni_networks_have_members_and_a_thread(demo):
    networks = Space.objects.originals().filter(kind=Kind.ALUMNI)
    assert networks.count() == 2  # the programme's and everyone's
    for network in networks:
        assert (
            network.memberships.filter(
                state=Membership.State.ACTIVE, via=Membership.Via.ALUMNI
            ).count()
            == 5
        )
        assert network.threads.exists()


def test_the_coalition_is_on_request_translated_and_has_a_pending_request(demo):
    coalition = Space.objects.originals().get(slug=content.COALITION["slug"])
    assert coalition.kind == Kind.COALITION and coalition.access == Access.REQUEST
    assert set(selectors.hosts(coalition)) == {_user(e).pk for e in content.COALITION["hosts"]}
    pending = coalition.memberships.get(state=Membership.State.REQUESTED)
    assert pending.user.email == content.LEILA and "Jordan" in pending.note
    assert coalition.memberships.filter(state=Membership.State.ACTIVE).count() == 5
    for code in ("fr", "es"):
        [space] = selectors.localized([coalition], code)
        assert space.display_name == content.COALITION[code][0]
        assert space.display_description == content.COALITION[code][1]
    translations = Space.objects.filter(original=coalition)
    assert translations.count() == 2
    # Translations carry words only: no memberships, no threads.
    assert not Membership.objects.filter(space__in=translations).exists()
    assert coalition.threads.exists()


def test_the_secret_group_is_invisible_to_a_demo_member_not_in_it(demo, client):
    secret = Space.objects.originals().get(slug=content.SECRET["slug"])
    assert secret.access == Access.SECRET
    outsider = _user(content.GRACE)
    assert not permissions.can_see(outsider, secret)
    assert not selectors.visible_spaces(outsider).filter(pk=secret.pk).exists()
    assert selectors.space_for_slug(secret.slug, outsider) is None
    insider = _user(content.JAMES)
    assert permissions.is_member(insider, secret)
    assert selectors.visible_spaces(insider).filter(pk=secret.pk).exists()
    client.force_login(outsider)
    assert client.get(f"/en/groups/{secret.slug}/").status_code == 404
    response = client.get("/en/groups/")
    assert content.SECRET["name"] not in response.content.decode()


def test_the_journey_accounts_fit(demo):
    """A participant of the running cohort, whose space has a host announcement, session
    materials and a question thread, and who is not yet in the access-to-information
    network, where an alumna of the completed cohort is a member."""
    from wagtail.documents import get_document_model

    grace = _user(content.GRACE)
    running = CohortPage.objects.get(locale__language_code="en", slug="open-contracting-2026")
    space = Space.objects.originals().get(cohort=running)
    assert permissions.is_member(grace, space) and not permissions.can_host(grace, space)
    announcement = space.threads.get(is_announcement=True)
    assert announcement.author.email == content.THOMAS
    assert grace.notifications.filter(kind="spaces.announcement").exists()
    assert space.threads.filter(title__startswith="Question").exists()
    for page in [running, *running.get_translations()]:
        session = page.specific.curriculum[0].value
        document = session["materials"][0]["document"]
        assert document is not None and document.file.read(5) == b"%PDF-"
    assert get_document_model().objects.filter(title="Slides: why reforms stick").count() == 1
    network = Space.objects.originals().get(kind=Kind.THEMATIC, theme__slug="access-to-information")
    assert not permissions.is_member(grace, network)
    assert permissions.can_join(grace, network)
    alumna = _user(content.ANA)
    assert permissions.is_member(alumna, network)
    alumni = Space.objects.originals().get(kind=Kind.ALUMNI, programme__isnull=True)
    assert permissions.is_member(alumna, alumni)


def test_the_shared_files_are_real_pdfs(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from home.private_files import sniff

    files = Resource.objects.exclude(file="")
    assert files.count() == 2
    for resource in files:
        data = resource.file.read()
        assert sniff(SimpleUploadedFile(resource.original_name, data)) == "application/pdf"
        assert resource.size == len(data)


def test_sync_groups_creates_what_is_missing_and_is_safe_twice(demo):
    from io import StringIO

    from django.core.management import call_command

    from home.models import Theme

    # A theme loaded without signals (bulk), and a participant whose cohort membership
    # went missing.
    [theme] = Theme.objects.bulk_create(
        [Theme(locale=Theme.objects.first().locale, name="Open parliaments", slug="open-parl")]
    )
    grace = _user(content.GRACE)
    running = Space.objects.originals().get(cohort__slug="open-contracting-2026")
    Membership.objects.filter(space=running, user=grace).delete()
    out = StringIO()
    call_command("sync_groups", stdout=out)
    assert "1 new" in out.getvalue() and "3 cohort spaces" in out.getvalue()
    assert Space.objects.originals().filter(kind=Kind.THEMATIC, theme=theme).exists()
    assert permissions.is_member(grace, running)
    first = _counts()
    out = StringIO()
    call_command("sync_groups", stdout=out)
    assert _counts() == first
    assert "(0 new)" in out.getvalue() and "(+0)" in out.getvalue()


def test_french_posts_have_french_typography(demo):
    from spaces.demo.seed import french

    assert french("Pourquoi ? Voici : oui !") == "Pourquoi\u202f? Voici\u00a0: oui\u202f!"
    for post in Post.objects.filter(language="fr"):
        assert " ?" not in post.body and " :" not in post.body and " !" not in post.body
    assert Thread.objects.filter(title="Registre des demandes d’accès\u00a0: que publier\u202f?")


def test_every_demo_group_renders_for_its_members(demo, client):
    """The real pages read the demo's rows: each group's page, its discussions and every
    thread answer 200 to a member, in the three languages, and show the posts' words."""
    for space in Space.objects.originals():
        member = space.memberships.filter(state=Membership.State.ACTIVE).order_by("pk").first().user
        client.force_login(member)
        for language in ("en", "fr", "es"):
            assert client.get(f"/{language}/groups/{space.slug}/").status_code == 200
        assert client.get(f"/en/groups/{space.slug}/discussions/").status_code == 200
        for thread in space.threads.all():
            response = client.get(f"/en/groups/{space.slug}/discussions/{thread.pk}/")
            assert response.status_code == 200, (space.slug, thread.title)
            html = response.content.decode()
            last = thread.posts.order_by("created_at").last()
            assert f'lang="{last.language}"' in html
        assert client.get(f"/en/groups/{space.slug}/resources/").status_code == 200


def test_the_journey_pages_show_what_the_journey_needs(demo, client):
    from django.utils.html import escape

    from wagtail.documents import get_document_model

    grace = _user(content.GRACE)
    client.force_login(grace)
    running = Space.objects.originals().get(cohort__slug="open-contracting-2026")
    page = client.get(f"/en/groups/{running.slug}/").content.decode()
    assert "Session 3: the preparation worksheet is up" in page
    assert "Slides: why reforms stick" in page  # the session materials, beside the discussion
    slides = get_document_model().objects.get(title="Slides: why reforms stick")
    assert slides.url in page
    # Served by Wagtail's document view (not in this test: the in-memory test storage
    # claims a local path it does not have).
    assert slides.file.open("rb").read(5) == b"%PDF-"
    # The announcement's notification leads to the thread, and reading it marks it read.
    announcement = running.threads.get(is_announcement=True)
    told = grace.notifications.get(kind="spaces.announcement", link__contains=running.slug)
    assert told.read_at is None and f"/discussions/{announcement.pk}/" in told.link
    assert (
        client.get(f"/en/groups/{running.slug}/discussions/{announcement.pk}/").status_code == 200
    )
    told.refresh_from_db()
    assert told.read_at is not None
    resources = client.get(f"/en/groups/{running.slug}/resources/").content.decode()
    assert "Cohort handbook 2026" in resources
    network = Space.objects.originals().get(theme__slug="access-to-information", kind=Kind.THEMATIC)
    page = client.get(f"/en/groups/{network.slug}/").content.decode()
    assert f'action="/en/groups/{network.slug}/join/"' in page
    # The coalition in French and Spanish, with its translated name.
    coalition = Space.objects.originals().get(slug=content.COALITION["slug"])
    for code in ("fr", "es"):
        html = client.get(f"/{code}/groups/{coalition.slug}/").content.decode()
        assert escape(content.COALITION[code][0]) in html
    listing = client.get("/en/groups/").content.decode()
    assert "Civic space coalition" in listing
    assert content.SECRET["name"] not in listing
