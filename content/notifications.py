from django.utils.translation import gettext_lazy as _

from home.notify import Kind, register

register(
    Kind("content.story_received", _("Receipt for a story you proposed"), essential=True),
    Kind("content.story_approved", _("Your story was approved")),
    Kind("content.story_rejected", _("Your story needs changes")),
    Kind("content.story_published", _("Your story is published")),
)
