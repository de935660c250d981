"""The kernel's question builder (home.questions): blocks, form fields, stored answers."""

from django import forms

import pytest

from home import questions as q


def _spec(kind, **extra):
    return {"id": f"id-{kind}", "kind": kind, "label": kind.title(), "required": True, **extra}


class _Form(forms.Form):
    def __init__(self, *args, specs, **kwargs):
        super().__init__(*args, **kwargs)
        q.add_fields(self, specs)


SPECS = [
    _spec("scale", scale_min=0, scale_max=3, min_label="Never", max_label="Always"),
    _spec("choice", choices=["Red", "Green"]),
    _spec("multiple_choice", choices=["A", "B", "C"], required=False),
    _spec("short_text", max_length=10),
    _spec("long_text", required=False),
]


def test_each_kind_becomes_a_field_with_its_limit_stated():
    form = _Form(specs=SPECS)
    scale = form.fields["q_id-scale"]
    assert scale.choices == [("0", "0 – Never"), ("1", "1"), ("2", "2"), ("3", "3 – Always")]
    assert isinstance(scale.widget, forms.RadioSelect)
    assert isinstance(form.fields["q_id-multiple_choice"].widget, forms.CheckboxSelectMultiple)
    short = form.fields["q_id-short_text"]
    assert short.max_length == 10 and str(short.help_text) == "Up to 10 characters."
    assert short.widget.attrs["maxlength"] == "10"
    long = form.fields["q_id-long_text"]
    assert long.max_length == 5000 and isinstance(long.widget, forms.Textarea)
    assert not long.required and form.fields["q_id-choice"].required


def test_answers_are_stored_by_id_and_options_by_position():
    form = _Form(
        {
            "q_id-scale": "2",
            "q_id-choice": "1",
            "q_id-multiple_choice": ["0", "2"],
            "q_id-short_text": "Yes",
            "q_id-long_text": "",
        },
        specs=SPECS,
    )
    assert form.is_valid(), form.errors
    assert q.answers_from(form, SPECS) == {
        "id-scale": 2,
        "id-choice": 1,
        "id-multiple_choice": [0, 2],
        "id-short_text": "Yes",
    }
    assert q.display(SPECS[1], 1) == "Green"
    assert q.display(SPECS[1], "0") == "Red"  # older answers stored the position as text
    assert q.display(SPECS[2], [0, 2]) == "A, C"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"q_id-scale": "4"}, "q_id-scale", "Choose a value from 0 to 3."),
        ({"q_id-choice": "5"}, "q_id-choice", "Choose one of the options given."),
        (
            {"q_id-multiple_choice": ["9"]},
            "q_id-multiple_choice",
            "Choose one of the options given.",
        ),
        ({"q_id-short_text": "x" * 11}, "q_id-short_text", "at most 10 characters (it has 11)"),
    ],
)
def test_bad_answers_are_form_errors_and_keep_the_text(data, field, message):
    base = {"q_id-scale": "1", "q_id-choice": "0", "q_id-short_text": "ok"}
    form = _Form({**base, **data}, specs=SPECS)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])
    if field == "q_id-short_text":
        assert form["q_id-short_text"].value() == "x" * 11  # shown again as typed


def test_the_block_refuses_a_choice_without_options_and_an_upside_down_scale():
    from wagtail.blocks import StructBlockValidationError

    block = q.QuestionBlock()
    with pytest.raises(StructBlockValidationError) as choice:
        block.clean(block.to_python({"kind": "choice", "label": "Pick", "choices": ["Only one"]}))
    assert "choices" in choice.value.block_errors
    with pytest.raises(StructBlockValidationError) as scale:
        block.clean(
            block.to_python({"kind": "scale", "label": "Rate", "scale_min": 5, "scale_max": 1})
        )
    assert "scale_max" in scale.value.block_errors
    value = block.clean(block.to_python({"kind": "scale", "label": "Rate", "tag": "trust"}))
    assert value["tag"] == "trust"


def test_the_tag_is_kept_out_of_translation():
    assert q.QuestionBlock().child_blocks["tag"].get_translatable_segments("trust") == []


def test_cohort_questions_extend_the_kernel_block_with_a_file_upload():
    from cohorts.blocks import QuestionBlock

    kinds = dict(QuestionBlock().child_blocks["kind"].field.choices)
    assert {"scale", "choice", "multiple_choice", "short_text", "long_text", "file"} <= set(kinds)
    assert issubclass(QuestionBlock, q.QuestionBlock)
