"""A participant finds her cohort space alive, and a peer from another programme answers
her in a thematic network.

Fatou is a participant of a current cohort. She opens her cohort space from her own
space, reads the host's announcement, asks a question in a new thread and downloads the
session materials. Then she joins a thematic network and asks there; Rosa, an alumna of
another programme who reads the site in Spanish, answers her. Fatou is told, and reads
the answer. axe-core checks every page.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def world(seeded_site, settings, tmp_path):
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.models import Site

    from cohorts.factories import CohortPageFactory, ProgrammePageFactory
    from cohorts.models import Participant
    from community.factories import UserFactory
    from home.permissions import ensure_groups
    from spaces import services
    from spaces.models import Kind, Space
    from spaces.services.discussions import announcement_send, thread_start
    from spaces.services.resources import resource_add

    settings.PRIVATE_ROOT = str(tmp_path / "private")
    root = Site.objects.get(is_default_site=True).root_page

    def person(name, language, headline):
        user = UserFactory(name=name, preferred_language=language)
        user.profile.display_name = name
        user.profile.headline = headline
        user.profile.save()
        return user

    fatou = person("Fatou Sow", "en", "Open budgets in Senegal's municipalities")
    rosa = person("Rosa Quispe", "es", "Presupuestos participativos en Perú")
    hana = person("Hana Mwangi", "en", "Programme lead")
    ensure_groups()
    hana.groups.add(Group.objects.get(name="Programme staff"))

    leadership = ProgrammePageFactory(parent=root, slug="leadership", title="Leadership 2027")
    cohort = CohortPageFactory(parent=leadership, slug="cohort-2027", title="Cohort 2027")
    Participant.objects.create(cohort=cohort, user=fatou)
    other = ProgrammePageFactory(parent=root, slug="local", title="Local reformers")
    earlier = CohortPageFactory(parent=other, slug="local-2025", title="Local reformers 2025")
    Participant.objects.create(cohort=earlier, user=rosa, status=Participant.Status.COMPLETED)

    space = services.ensure_cohort_space(cohort)
    announcement = thread_start(
        author=hana,
        space=space,
        title="Welcome, and our first session",
        body="Welcome to the cohort! Our first session is on Tuesday at 14:00 UTC.",
        announcement=True,
    )
    announcement_send(thread_id=announcement.pk)
    resource_add(
        member=hana,
        space=space,
        title="Session 1 materials",
        file=SimpleUploadedFile("session-1.pdf", PDF, content_type="application/pdf"),
    )
    network = Space.objects.originals().filter(kind=Kind.THEMATIC).order_by("pk").first()
    services.space_join(space=network, member=rosa)
    return {"fatou": fatou, "rosa": rosa, "space": space, "network": network}


def sign_in(page, user, language="en"):
    from community.factories import PASSWORD

    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()


def sign_out(page, language="en"):
    page.goto(f"/{language}/accounts/logout/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_participant_uses_her_cohort_space_and_a_peer_answers_her_in_a_network(
    page, live_server, world
):
    fatou, rosa, space, network = world["fatou"], world["rosa"], world["space"], world["network"]

    # Her own space lists her cohort space.
    sign_in(page, fatou)
    page.goto("/en/me/")
    page.get_by_role("link", name="Cohort 2027").first.click()
    expect(page.get_by_role("heading", level=1, name="Cohort 2027")).to_be_visible()
    assert_accessible(page)

    # The host's announcement.
    page.get_by_role("link", name="Welcome, and our first session").first.click()
    expect(page.get_by_text("Our first session is on Tuesday at 14:00 UTC.")).to_be_visible()
    expect(page.get_by_text("Announcement").first).to_be_visible()
    assert_accessible(page)

    # She asks a question in a new thread.
    page.goto(f"/en/groups/{space.slug}/discussions/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a thread").first.click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Reading for Tuesday?")
    page.get_by_label("Your post").fill("Is there anything we should read before Tuesday?")
    page.get_by_role("button", name="Post the thread").click()
    expect(page.get_by_role("heading", name="Reading for Tuesday?")).to_be_visible()
    assert_accessible(page)

    # The session materials.
    page.goto(f"/en/groups/{space.slug}/resources/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Session 1 materials").first.click()
    assert download.value.suggested_filename.endswith(".pdf")

    # A thematic network: she joins, and asks.
    page.goto("/en/groups/?kind=thematic")
    assert_accessible(page)
    page.locator(f'a[href="/en/groups/{network.slug}/"]').first.click()
    page.get_by_role("button", name="Join this group").click()
    expect(page.locator(".panel").get_by_text("Member", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(f"/en/groups/{network.slug}/discussions/new/")
    page.get_by_label("Title").fill("Participatory budgets in small towns")
    page.get_by_label("Your post").fill(
        "Has anyone run a participatory budget below 20,000 people?"
    )
    page.get_by_role("button", name="Post the thread").click()
    expect(page.get_by_role("heading", name="Participatory budgets in small towns")).to_be_visible()
    thread_url = page.url
    sign_out(page)

    # Rosa, an alumna of another programme, answers in Spanish.
    sign_in(page, rosa, "es")
    page.goto(f"/es/groups/{network.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="Participatory budgets in small towns").first.click()
    assert_accessible(page)
    page.locator("form textarea[name=body]").fill(
        "Sí: en Villa El Salvador lo hicimos con 15 000 habitantes. Le cuento con gusto."
    )
    page.locator("form textarea[name=body]").locator(
        "xpath=ancestor::form//button[@type='submit']"
    ).click()
    expect(page.get_by_text("en Villa El Salvador lo hicimos")).to_be_visible()
    assert_accessible(page)
    sign_out(page, "es")

    # Fatou is told, and reads the answer.
    sign_in(page, fatou)
    page.goto("/en/notifications/")
    assert_accessible(page)
    notice = page.get_by_role("link", name=re.compile("Participatory budgets in small towns"))
    expect(notice.first).to_be_visible()
    page.goto(thread_url)
    expect(page.get_by_text("en Villa El Salvador lo hicimos")).to_be_visible()
    expect(page.locator("[lang=es]").first).to_be_visible()
