"""StreamField blocks for programmes and cohorts: FAQs, the curriculum, application questions,
selection targets."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home import questions
from home.taxonomy import Region


class FAQBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Question"))
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], label=_("Answer")
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "blocks/cohorts/faq.html"


class PartnerBlock(blocks.StructBlock):
    partner = SnippetChooserBlock("cohorts.PartnerOrganisation", label=_("Partner organisation"))

    class Meta:
        icon = "group"
        label = _("Partner")


class MaterialBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150, label=_("Title"))
    document = DocumentChooserBlock(required=False, label=_("Document"))
    url = blocks.URLBlock(required=False, label=_("Or an address"))

    class Meta:
        icon = "doc-full"
        label = _("Material")


class SessionBlock(blocks.StructBlock):
    """One session of the curriculum."""

    date = blocks.DateTimeBlock(required=False, label=_("Date and time"))
    title = blocks.CharBlock(max_length=150, label=_("Title"))
    facilitator = blocks.CharBlock(max_length=150, required=False, label=_("Facilitator"))
    description = blocks.TextBlock(max_length=600, required=False, label=_("What happens"))
    materials = blocks.ListBlock(MaterialBlock(), required=False, label=_("Materials"))

    class Meta:
        icon = "date"
        label = _("Session")
        template = "blocks/cohorts/session.html"


class QuestionBlock(questions.QuestionBlock):
    """A question applicants answer: the kernel's question (home.questions) and a file
    upload. Answers are stored under the block's id, which stays the same in every
    translation of the cohort page."""

    FILE = "file"
    KIND_CHOICES = [*questions.KIND_CHOICES, (FILE, _("File upload"))]

    kind = blocks.ChoiceBlock(choices=KIND_CHOICES, default=questions.SHORT_TEXT, label=_("Kind"))

    class Meta:
        icon = "form"
        label = _("Question")


def _target_choices():
    choices = [(f"region:{value}", f"{_('Region')}: {label}") for value, label in Region.choices]
    choices += [
        ("family:government", _("Sector family: government")),
        ("family:civil_society", _("Sector family: civil society")),
        ("family:other", _("Sector family: other")),
        ("scope:national", _("Scope: national")),
        ("scope:local", _("Scope: local")),
        ("scope:international", _("Scope: regional or international")),
        ("gender:woman", _("Gender: woman")),
        ("gender:man", _("Gender: man")),
        ("gender:non_binary", _("Gender: non-binary")),
    ]
    return choices


class TargetBlock(blocks.StructBlock):
    """How many people staff aim to select in one group (a minimum to reach)."""

    group = blocks.ChoiceBlock(choices=_target_choices, label=_("Group"))
    target = blocks.IntegerBlock(min_value=0, label=_("Target number of people"))

    class Meta:
        icon = "pick"
        label = _("Target")


class ReviewCriterionBlock(blocks.StructBlock):
    """One criterion of a cohort's review form (rubric). Label and description are
    translated with the page; weight and range stay the same in every language. Scores are
    stored under the block's id."""

    label = blocks.CharBlock(max_length=150, label=_("Criterion"))
    description = blocks.TextBlock(
        max_length=600, required=False, label=_("What reviewers look for")
    )
    weight = blocks.DecimalBlock(
        min_value=0.1, max_value=100, decimal_places=1, default=1, label=_("Weight")
    )
    min_score = blocks.IntegerBlock(min_value=0, max_value=100, default=1, label=_("Lowest score"))
    max_score = blocks.IntegerBlock(min_value=1, max_value=100, default=5, label=_("Highest score"))

    def clean(self, value):
        from django.core.exceptions import ValidationError

        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if value["max_score"] <= value["min_score"]:
            raise StructBlockValidationError(
                block_errors={
                    "max_score": ValidationError(
                        _("The highest score must be above the lowest score.")
                    )
                }
            )
        return value

    class Meta:
        icon = "list-ol"
        label = _("Review criterion")
