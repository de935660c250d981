"""Who may do what with stories and the other editorial pages.

Pages are edited, moderated and published through Wagtail's own page permissions, given
to Wagtail's "Editors" and "Moderators" groups (``home.permissions`` makes sure both
exist). A story a member proposes goes through the "Story moderation" workflow, whose
review task belongs to those two groups: their members approve or reject it.
"""

from home.permissions import can_access_admin, is_active_member

#: The groups whose members approve or reject a proposed story.
STORY_REVIEW_GROUPS = ("Editors", "Moderators")


def can_moderate_stories(user) -> bool:
    """Approve (publish) or reject a story proposed by a member."""
    if not is_active_member(user):
        return False
    if user.is_superuser:
        return True
    return can_access_admin(user) and user.groups.filter(name__in=STORY_REVIEW_GROUPS).exists()


def gets_wagtail_notices(user) -> bool:
    """Staff who use the admin keep Wagtail's own workflow notices; members hear from us."""
    return can_access_admin(user)
