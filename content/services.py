"""Writes: a member proposes a story; it enters the story moderation workflow."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from content.errors import StoryError
from content.models import StoryPage
from content.permissions import STORY_REVIEW_GROUPS, gets_wagtail_notices
from content.text import story_blocks

STORY_WORKFLOW_NAME = "Story moderation"
#: A member may have this many stories waiting for editors at once.
MAX_PENDING_PROPOSALS = 3
STORY_TASK_NAME = "Story review"


def ensure_story_workflow(index) -> Workflow:
    """The story index's workflow: the one editors assigned, else 'Story moderation'."""
    assigned = WorkflowPage.objects.filter(page=index).select_related("workflow").first()
    if assigned is not None and assigned.workflow.active:
        return assigned.workflow
    workflow, _created = Workflow.objects.get_or_create(
        name=STORY_WORKFLOW_NAME, defaults={"active": True}
    )
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=STORY_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=STORY_TASK_NAME)
            task.groups.set(Group.objects.filter(name__in=STORY_REVIEW_GROUPS))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def _paragraphs(text: str) -> list:
    """The member's formatted text as paragraph blocks, sanitised (content.text)."""
    return [("paragraph", RichText(html)) for html in story_blocks(text)]


def story_propose(
    *,
    author,
    index,
    title: str,
    summary: str,
    body: str,
    images=(),
    themes=(),
    country: str = "",
    anonymous: bool = False,
    now=None,
    **_ignored,
) -> StoryPage:
    """Create a draft story from a member's proposal and submit it for moderation.

    The page is never live here: editors edit, approve and publish it in the admin.
    The author is told by email at each step (content.signals), never twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # One proposal at a time per index: slugs stay unique and the cap below holds.
        Page.objects.select_for_update().filter(pk=index.pk).first()
        pending = StoryPage.objects.filter(submitted_by=author, live=False).count()
        if pending >= MAX_PENDING_PROPOSALS:
            raise StoryError("too_many_pending")
        Image = get_image_model()
        stored_images = []
        collection = None
        if images:
            collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
        for upload in images or []:
            image = Image(
                title=title[:255], file=upload, uploaded_by_user=author, collection=collection
            )
            image.save()
            stored_images.append(image)
        body_blocks = _paragraphs(body)
        for image in stored_images:
            body_blocks.append(("image", {"image": image, "alt": "", "caption": ""}))
        page = StoryPage(
            title=title,
            slug=find_available_slug(index, slugify(title)[:60] or "story"),
            summary=summary,
            country=country or "",
            locale_id=index.locale_id,
            live=False,
            owner=author,
            submitted_by=author,
            publish_anonymously=bool(anonymous),
            listing_image=stored_images[0] if stored_images else None,
            body=body_blocks,
        )
        page.themes = list(themes or [])
        index.add_child(instance=page)
        page.save_revision(user=author, log_action=True, changed=True)
        # The author hears from us through the outbox, in their language: switch off
        # Wagtail's own English notices to them (staff keep theirs).
        if not gets_wagtail_notices(author):
            profile = UserProfile.get_for_user(author)
            profile.approved_notifications = False
            profile.rejected_notifications = False
            profile.submitted_notifications = False
            profile.updated_comments_notifications = False
            profile.save()
        workflow = ensure_story_workflow(index)
        workflow.start(page, author)
        log(page, "content.story_proposed", user=author, data={"at": now.isoformat()})
    return page


STORY_PROPOSED_LABEL = _("Story proposed by a member")
