"""The agenda of an event (sessions with speakers) and what remains after it: materials."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

#: Said once, used by every material: who may see it on a members-only event.
PUBLIC_HELP = _(
    "On an event for members or for specific cohorts, materials are shown to signed-in "
    "members only. Tick this to show this one to every visitor too."
)


BAD_VIDEO_URL = _(
    "Enter the full address of the video, starting with https:// "
    "(for example https://www.youtube.com/watch?v=…)."
)


class VideoURLBlock(blocks.URLBlock):
    """A web address, refused with one clear sentence when it is not one."""

    def clean(self, value):
        try:
            value = super().clean(value)
        except ValidationError:
            raise ValidationError(BAD_VIDEO_URL) from None
        if value and not value.lower().startswith(("https://", "http://")):
            raise ValidationError(BAD_VIDEO_URL)
        return value


class RecordingBlock(blocks.StructBlock):
    """A video of the event or a session: a player where the address allows one
    (``events.embeds``), always a plain link, and a transcript or notes for people who
    cannot watch or hear it."""

    title = blocks.CharBlock(max_length=200, label=_("Title"))
    url = VideoURLBlock(
        label=_("Address of the video"),
        help_text=_(
            "YouTube and Vimeo addresses are shown as a player; any other address as a link."
        ),
    )
    transcript = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        required=False,
        label=_("Transcript or notes"),
        help_text=_("For people who cannot watch or hear the video: a transcript or a summary."),
    )
    public = blocks.BooleanBlock(
        required=False, label=_("Visitors may see it"), help_text=PUBLIC_HELP
    )

    class Meta:
        icon = "media"
        label = _("Recording")


class DocumentMaterialBlock(blocks.StructBlock):
    """Slides or a document (a Wagtail document: its file type and size are shown)."""

    title = blocks.CharBlock(max_length=200, label=_("Title"))
    document = DocumentChooserBlock(label=_("File"))
    public = blocks.BooleanBlock(
        required=False, label=_("Visitors may see it"), help_text=PUBLIC_HELP
    )

    class Meta:
        icon = "doc-full"


class NotesBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, required=False, label=_("Title"))
    text = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul"], label=_("Notes")
    )
    public = blocks.BooleanBlock(
        required=False, label=_("Visitors may see it"), help_text=PUBLIC_HELP
    )

    class Meta:
        icon = "edit"
        label = _("Notes")


class MaterialsStreamBlock(blocks.StreamBlock):
    """What remains of an event or a session. Titles and notes are translated with the
    page; the video addresses and files stay the same in every language."""

    recording = RecordingBlock()
    slides = DocumentMaterialBlock(label=_("Slides"), icon="doc-full-inverse")
    document = DocumentMaterialBlock(label=_("Document"))
    notes = NotesBlock()

    class Meta:
        block_counts = {}


#: The kinds of material, as the stream names them; the cards' badges use the first two.
MATERIAL_KINDS = ("recording", "slides", "document", "notes")


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
    materials = MaterialsStreamBlock(
        required=False,
        label=_("Materials"),
        help_text=_("The session's recording, slides, documents or notes, once it has happened."),
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
