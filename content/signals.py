"""Tell a member at each step of their story's moderation, once per step, via the outbox.

Steps: received (task submitted), approved, changes requested (rejected), published.
Also: anonymise stories and drop story credits when a member deletes their account,
and include their proposed stories in their data download.
"""

from django.dispatch import receiver

from wagtail.signals import page_published, task_approved, task_rejected, task_submitted

from community.signals import collect_member_data, member_deleting
from home import links
from home.notify import notify


def _member_story(workflow_state):
    from content.models import StoryPage

    story = (
        StoryPage.objects.filter(pk=workflow_state.object_id).select_related("submitted_by").first()
    )
    if story is None or story.submitted_by is None:
        return None
    if workflow_state.requested_by_id != story.submitted_by_id:
        return None  # an editor's own submission (a translation, a later edit)
    return story


def notify_author(story, *, step: str, dedupe_key: str, comment: str = "") -> None:
    author = story.submitted_by
    if author is None or not author.is_active or not author.email:
        return
    notify(
        author,
        f"content.story_{step}",
        context=lambda language: {
            "name": author.get_full_name(),
            "title": story.title,
            "url": links.page_url(story, language) if story.live else "",
            "anonymous": story.publish_anonymously,
            "comment": comment,
        },
        link=story if story.live else None,
        dedupe_key=dedupe_key,
    )


@receiver(task_submitted)
def on_task_submitted(sender, instance, user=None, **kwargs):
    story = _member_story(instance.workflow_state)
    if story is not None:
        notify_author(story, step="received", dedupe_key=f"story-received:{instance.pk}")


@receiver(task_approved)
def on_task_approved(sender, instance, user=None, **kwargs):
    story = _member_story(instance.workflow_state)
    if story is not None:
        notify_author(story, step="approved", dedupe_key=f"story-approved:{instance.pk}")


@receiver(task_rejected)
def on_task_rejected(sender, instance, user=None, **kwargs):
    story = _member_story(instance.workflow_state)
    if story is not None:
        notify_author(
            story,
            step="rejected",
            dedupe_key=f"story-rejected:{instance.pk}",
            comment=instance.comment or "",
        )


@receiver(page_published)
def on_page_published(sender, instance, **kwargs):
    from content.models import StoryPage

    if not isinstance(instance, StoryPage) or not instance.submitted_by_id:
        return
    story = StoryPage.objects.select_related("submitted_by").get(pk=instance.pk)
    notify_author(story, step="published", dedupe_key=f"story-published:{story.translation_key}")


@receiver(member_deleting)
def anonymise_member_content(sender, user, **kwargs):
    from content.models import StoryPage, StoryPerson

    StoryPage.objects.filter(submitted_by=user).update(submitted_by=None, publish_anonymously=True)
    StoryPerson.objects.filter(member=user).delete()


@receiver(collect_member_data)
def member_content_data(sender, user, **kwargs):
    from content.models import StoryPage, StoryPerson

    stories = [
        {
            "title": story.title,
            "language": story.locale.language_code,
            "published": story.live,
            "anonymous": story.publish_anonymously,
            "url": links.page_url(story) if story.live else "",
        }
        for story in StoryPage.objects.filter(submitted_by=user).select_related("locale")
    ]
    mentions = [
        {"story": person.page.title, "role": person.role, "consent": person.consent}
        for person in StoryPerson.objects.filter(member=user).select_related("page")
    ]
    return ("stories", {"proposed": stories, "named_in": mentions})
