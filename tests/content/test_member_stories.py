import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import WorkflowState

import pytest
from PIL import Image as PILImage

from content.factories import StoryIndexPageFactory
from content.models import StoryPage
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(bare_site):
    """This module builds its own pages: no shared content tree."""
    return bare_site


def png(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def stories(site):
    return StoryIndexPageFactory(parent=site.root_page.specific)


def propose(client, stories, theme=None, **extra):
    data = {
        "title": "How our council opened its budget",
        "summary": "Residents now vote on a tenth of the budget.",
        "body": "It started with a question.\n\nThen we opened the books.",
        "country": "KE",
        "agree": "on",
        "images": [png()],
        **extra,
    }
    if theme is not None:
        data["themes"] = [theme.pk]
    return client.post(f"{stories.url}propose/", data)


def emails(member, reason):
    return OutboxEmail.objects.filter(to=member.email, reason=reason).count()


def test_anonymous_visitors_are_sent_to_sign_in(client, stories):
    response = client.get(f"{stories.url}propose/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_form_shows_and_bad_input_gets_clear_messages(member_client, stories):
    assert member_client.get(f"{stories.url}propose/").status_code == 200
    big = SimpleUploadedFile("huge.png", b"0" * (5 * 1024 * 1024 + 1), content_type="image/png")
    response = member_client.post(
        f"{stories.url}propose/", {"title": "", "summary": "x", "body": "y", "images": [big]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and "larger than 5 MB" in html
    assert not StoryPage.objects.exists()


def test_member_story_goes_through_moderation_to_publication(
    member_client, member, staff, stories, django_capture_on_commit_callbacks
):
    from home.models import Theme

    theme = Theme.objects.filter(locale__language_code="en").first()
    member.preferred_language = "fr"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = propose(member_client, stories, theme=theme)
    assert response.status_code == 302
    story = StoryPage.objects.get()
    assert not story.live and story.submitted_by == member
    assert list(story.themes.all()) == [theme]
    assert story.listing_image is not None and len(story.body) == 3
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert emails(member, "content.story_received") == 1
    received = OutboxEmail.objects.get(reason="content.story_received")
    assert received.language == "fr" and "Nous avons reçu" in received.subject

    # Not visible to the public while in moderation.
    assert (
        member_client.get(story.url or "/en/stories/how-our-council-opened-its-budget/").status_code
        == 404
    )

    # An editor edits, then approves: the workflow publishes the page.
    story = StoryPage.objects.get(pk=story.pk)
    story.pull_quote = "We opened the books."
    story.save_revision(user=staff)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, staff, "approve")
    story.refresh_from_db()
    assert story.live
    assert emails(member, "content.story_approved") == 1
    assert emails(member, "content.story_published") == 1

    # Publishing again (an edit later) tells nobody again.
    story.save_revision(user=staff).publish(user=staff)
    assert emails(member, "content.story_published") == 1
    assert emails(member, "content.story_received") == 1
    assert OutboxEmail.objects.filter(to=member.email).count() == 3

    html = member_client.get(story.url).content.decode()
    assert member.profile.display_name in html  # credited (members-only profile, member viewer)


def test_rejection_tells_the_author_once(member_client, member, staff, stories):
    propose(member_client, stories)
    story = StoryPage.objects.get()
    state = WorkflowState.objects.get(object_id=str(story.pk))
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, staff, "reject", comment="Please add dates.")
    assert emails(member, "content.story_rejected") == 1
    assert "Please add dates." in OutboxEmail.objects.get(reason="content.story_rejected").body_text
    story.refresh_from_db()
    assert not story.live


def test_anonymous_publication_hides_the_author(client, member_client, member, staff, stories):
    propose(member_client, stories, anonymous="on")
    story = StoryPage.objects.get()
    assert story.publish_anonymously
    state = WorkflowState.objects.get(object_id=str(story.pk))
    state.current_task_state.task.specific.on_action(state.current_task_state, staff, "approve")
    story.refresh_from_db()
    html = client.get(story.url).content.decode()
    assert "Shared anonymously" in html
    assert member.profile.display_name not in html
    assert member.email not in html


def test_deleting_the_member_keeps_the_story_without_their_name(member_client, member, stories):
    from community.signals import collect_member_data, member_deleting

    propose(member_client, stories)
    data = dict(r for _receiver, r in collect_member_data.send(sender=None, user=member) if r)
    assert data["stories"]["proposed"][0]["title"] == "How our council opened its budget"
    member_deleting.send(sender=None, user=member)
    story = StoryPage.objects.get()
    assert story.submitted_by is None and story.publish_anonymously


def test_a_member_cannot_flood_the_editors(member_client, stories):
    from content.services import MAX_PENDING_PROPOSALS

    for number in range(MAX_PENDING_PROPOSALS):
        assert propose(member_client, stories, title=f"Story {number}").status_code == 302
    response = propose(member_client, stories, title="One too many")
    assert response.status_code == 200
    assert "several stories waiting" in response.content.decode()
    assert StoryPage.objects.count() == MAX_PENDING_PROPOSALS
    assert len({page.slug for page in StoryPage.objects.all()}) == MAX_PENDING_PROPOSALS
