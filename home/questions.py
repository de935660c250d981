"""One question builder: questions editors write, the form fields people answer, the answers.

Editors build questions as a StreamField of :class:`QuestionBlock` (translated with the
page or snippet by wagtail-localize). :func:`question_list` turns the stream into plain
dicts ("specs"), :func:`add_fields` turns specs into form fields, and :func:`answers_from`
reads a bound form's answers into a dict keyed by each block's id, which stays the same in
every translation. Stored values:

- ``scale``: the whole number chosen (``scale_min`` to ``scale_max``);
- ``choice``: the position of the option (0 for the first), an ``int``;
- ``multiple_choice``: a list of positions;
- ``short_text`` / ``long_text``: the text as typed (never cut: going past the limit is a
  form error that keeps the text, and the limit is stated before it is reached).

Options are stored by position, so the options must keep one order in every language.
Older answers stored positions as strings ("0"); :func:`display` reads both.

Cohort application questions extend the block with a file kind (cohorts/blocks.py).
A question may carry a ``tag`` (e.g. ``trust``): a stable, untranslated name that lets
results be followed across several surveys.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from home.forms import state_limits

SCALE = "scale"
CHOICE = "choice"
MULTIPLE_CHOICE = "multiple_choice"
SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"

KIND_CHOICES = [
    (SCALE, _("Scale (for example 1 to 5)")),
    (CHOICE, _("Choice (one answer)")),
    (MULTIPLE_CHOICE, _("Multiple choice")),
    (SHORT_TEXT, _("Short text")),
    (LONG_TEXT, _("Long text")),
]
TEXT_KINDS = frozenset({SHORT_TEXT, LONG_TEXT})
CHOICE_KINDS = frozenset({CHOICE, MULTIPLE_CHOICE})

#: Default and largest limits of free-text answers, in characters.
DEFAULT_LIMITS = {SHORT_TEXT: 300, LONG_TEXT: 5000}
MAX_LIMIT = 10000
#: The widest scale an editor may build.
SCALE_BOUNDS = (0, 10)

MSG_CHOICE = _("Choose one of the options given.")
MSG_SCALE = _("Choose a value from %(min)s to %(max)s.")
MSG_NEEDED_OPTIONS = _("A choice question needs at least two options.")
MSG_SCALE_ORDER = _("The highest value must be above the lowest.")


class TagBlock(blocks.CharBlock):
    """A stable name kept the same in every language (wagtail-localize leaves it alone)."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class QuestionBlock(blocks.StructBlock):
    """A question people answer. Answers are stored under the block's id."""

    kind = blocks.ChoiceBlock(choices=KIND_CHOICES, default=SHORT_TEXT, label=_("Kind"))
    label = blocks.CharBlock(max_length=200, label=_("Question"))
    help_text = blocks.CharBlock(max_length=300, required=False, label=_("Help text"))
    required = blocks.BooleanBlock(required=False, default=True, label=_("Required"))
    choices = blocks.ListBlock(
        blocks.CharBlock(max_length=120, label=_("Option")),
        required=False,
        default=[],
        label=_("Options (for choice questions)"),
        help_text=_("Keep the same order in every language: answers are stored by position."),
    )
    scale_min = blocks.IntegerBlock(
        required=False,
        default=1,
        min_value=SCALE_BOUNDS[0],
        max_value=SCALE_BOUNDS[1],
        label=_("Lowest value (for scales)"),
    )
    scale_max = blocks.IntegerBlock(
        required=False,
        default=5,
        min_value=SCALE_BOUNDS[0],
        max_value=SCALE_BOUNDS[1],
        label=_("Highest value (for scales)"),
    )
    min_label = blocks.CharBlock(
        max_length=80, required=False, label=_("What the lowest value means")
    )
    max_label = blocks.CharBlock(
        max_length=80, required=False, label=_("What the highest value means")
    )
    max_length = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
        label=_("Longest answer, in characters (for text)"),
        help_text=_("Leave empty for 300 (short text) or 5,000 (long text)."),
    )
    tag = TagBlock(
        max_length=40,
        required=False,
        label=_("Tag"),
        help_text=_(
            "A short name kept in every language to follow a question across surveys, "
            "for example “trust”."
        ),
    )

    class Meta:
        icon = "form"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        kind = value.get("kind")
        if kind in CHOICE_KINDS and len([c for c in value.get("choices") or [] if c]) < 2:
            errors["choices"] = ValidationError(MSG_NEEDED_OPTIONS)
        if kind == SCALE:
            low, high = _scale_bounds(value)
            if high <= low:
                errors["scale_max"] = ValidationError(MSG_SCALE_ORDER)
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


def _scale_bounds(question) -> tuple[int, int]:
    low = question.get("scale_min")
    high = question.get("scale_max")
    return (1 if low is None else int(low), 5 if high is None else int(high))


def question_list(stream, block_type: str = "question") -> list[dict]:
    """The questions of a StreamField as specs: ``{"id": block id, **block value}``."""
    return [
        {"id": block.id, **dict(block.value)} for block in stream if block.block_type == block_type
    ]


def limit_for(question: dict) -> int:
    """The longest answer a text question takes."""
    return min(
        int(question.get("max_length") or DEFAULT_LIMITS.get(question["kind"], 300)), MAX_LIMIT
    )


def scale_values(question: dict) -> list[int]:
    low, high = _scale_bounds(question)
    return list(range(low, high + 1))


def scale_choices(question: dict) -> list[tuple[str, str]]:
    """The radio options of a scale: the number, with the end labels on the ends."""
    values = scale_values(question)
    out = []
    for value in values:
        text = str(value)
        if value == values[0] and question.get("min_label"):
            text = f"{value} – {question['min_label']}"
        elif value == values[-1] and question.get("max_label"):
            text = f"{value} – {question['max_label']}"
        out.append((str(value), text))
    return out


def option_choices(question: dict) -> list[tuple[str, str]]:
    return [(str(i), str(text)) for i, text in enumerate(question.get("choices") or [])]


def form_field(question: dict, *, required: bool | None = None) -> forms.Field:
    """The form field for one spec (the file kind is the cohorts' own)."""
    kind = question["kind"]
    is_required = bool(question.get("required")) if required is None else required
    if kind == SCALE:
        low, high = _scale_bounds(question)
        field = forms.ChoiceField(
            choices=scale_choices(question),
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": MSG_SCALE % {"min": low, "max": high}},
        )
    elif kind == CHOICE:
        field = forms.ChoiceField(
            choices=option_choices(question),
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": MSG_CHOICE},
        )
    elif kind == MULTIPLE_CHOICE:
        field = forms.MultipleChoiceField(
            choices=option_choices(question),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": MSG_CHOICE},
        )
    elif kind == LONG_TEXT:
        field = forms.CharField(
            widget=forms.Textarea(attrs={"rows": 6}), max_length=limit_for(question)
        )
    else:
        field = forms.CharField(max_length=limit_for(question))
    field.required = is_required
    field.label = question.get("label") or ""
    field.help_text = question.get("help_text") or ""
    field.question = question
    return field


def field_name(question: dict, prefix: str = "q_") -> str:
    return f"{prefix}{question['id']}"


def add_fields(form, questions: list[dict], *, prefix: str = "q_", required: bool | None = None):
    """Add one field per question to ``form`` (then state every text limit).

    ``required=False`` makes every field optional at the form level (a draft saved half
    done, checked again when it is submitted).
    """
    for question in questions:
        form.fields[field_name(question, prefix)] = form_field(question, required=required)
    state_limits(form)


def clean_value(question: dict, value):
    """A cleaned form value as it is stored (see the module docstring)."""
    kind = question["kind"]
    if kind in (SCALE, CHOICE):
        return int(value) if value not in (None, "") else None
    if kind == MULTIPLE_CHOICE:
        return [int(v) for v in value or []]
    return value if value is not None else ""


def answers_from(form, questions: list[dict], *, prefix: str = "q_", keep_empty=False) -> dict:
    """The answers of a valid form, keyed by question id (empty answers left out unless
    ``keep_empty``)."""
    out = {}
    for question in questions:
        value = clean_value(question, form.cleaned_data.get(field_name(question, prefix)))
        if value in (None, "", []) and not keep_empty:
            continue
        out[question["id"]] = "" if value is None else value
    return out


def initial_for(questions: list[dict], answers: dict, *, prefix: str = "q_") -> dict:
    """Form initial values from stored answers."""
    return {field_name(q, prefix): answers[q["id"]] for q in questions if q["id"] in answers}


def option_text(question: dict, value) -> str:
    """The option at a stored position (an int, or a string from older answers)."""
    options = question.get("choices") or []
    try:
        return str(options[int(value)])
    except (ValueError, TypeError, IndexError):
        return str(value if value is not None else "")


def display(question: dict, value) -> str:
    """A stored answer as text a person reads."""
    if isinstance(value, list):
        return ", ".join(option_text(question, v) for v in value)
    if question.get("kind") == CHOICE:
        return option_text(question, value)
    return "" if value is None else str(value)
