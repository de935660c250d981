from django import forms
from django.conf import global_settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def language_choices():
    """Every language Django knows, by code: events may work in more than our three."""
    return [(code, _(name)) for code, name in global_settings.LANGUAGES if "-" not in code]


class CodeListField(models.CharField):
    """A short list of codes stored as ``,en,fr,`` so ``__contains=",fr,"`` filters on any database.

    In Python the value is a list of codes; the form field is a set of checkboxes.
    """

    def __init__(self, *args, choices_callable=None, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("default", None)
        return name, path, args, kwargs

    @staticmethod
    def _split(value) -> list[str]:
        if value is None:
            return []
        if isinstance(value, list | tuple):
            return [str(v) for v in value if v]
        return [part for part in str(value).split(",") if part]

    def from_db_value(self, value, expression, connection):
        return self._split(value)

    def to_python(self, value):
        return self._split(value)

    def get_prep_value(self, value):
        if isinstance(value, str):  # already prepared, e.g. the ",fr," of a lookup
            return value
        codes = self._split(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=language_choices(),
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
