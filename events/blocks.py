"""The agenda of an event: sessions with speakers."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class SessionBlock(blocks.StructBlock):
    day = blocks.DateBlock(
        required=False, label=_("Day"), help_text=_("For events over several days.")
    )
    starts_at = blocks.TimeBlock(required=False, label=_("Starts at (event time)"))
    ends_at = blocks.TimeBlock(required=False, label=_("Ends at (event time)"))
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    description = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"], required=False, label=_("Description")
    )
    speakers = blocks.ListBlock(
        SnippetChooserBlock("events.Speaker"), required=False, label=_("Speakers")
    )
    online_url = blocks.URLBlock(
        required=False,
        label=_("Joining link for this session"),
        help_text=_(
            "Shown only to people with a confirmed place, from the event's chosen number of "
            "minutes before the session starts."
        ),
    )

    class Meta:
        icon = "time"
        label = _("Session")
        template = "blocks/event_session.html"


class AgendaStreamBlock(blocks.StreamBlock):
    session = SessionBlock()
    break_ = blocks.CharBlock(max_length=120, label=_("Break"), icon="pause")

    class Meta:
        block_counts = {}
