"""One entry per translation group in every staff list of programmes and categories.

Records point at the canonical page of a translation group (the first created) and its
categories. Staff pick from lists that show each edition and category once, labelled in
their own language; a pick of a translation (by address, say ``?programme=<French page>``)
stands for the canonical one.
"""

from django import forms
from django.db.models import Min
from django.utils.choices import BaseChoiceIterator

from wagtail.models import Locale

import django_filters

from awards.models import AwardCategory, AwardProgrammePage


def canonical_programmes():
    """The canonical page of each edition (one per translation group), newest first."""
    firsts = AwardProgrammePage.objects.values("translation_key").annotate(first=Min("pk"))
    return AwardProgrammePage.objects.filter(pk__in=firsts.values("first")).order_by(
        "-nominations_open", "pk"
    )


def canonical_categories():
    return AwardCategory.objects.filter(page__in=canonical_programmes()).order_by(
        "-page__nominations_open", "page_id", "sort_order", "pk"
    )


def programme_labels(programmes) -> dict:
    """Canonical programme pk → its title in the active language (else its own): one query."""
    programmes = list(programmes)
    locale = Locale.get_active()
    localized = {
        p.translation_key: p.title
        for p in AwardProgrammePage.objects.filter(
            translation_key__in={p.translation_key for p in programmes}, locale=locale
        ).only("title", "translation_key")
    }
    return {p.pk: localized.get(p.translation_key, p.title) for p in programmes}


def category_labels(categories) -> dict:
    """Canonical category pk → "name · edition" in the active language: two queries."""
    categories = list(categories)
    locale = Locale.get_active()
    names = {
        c.translation_key: c.name
        for c in AwardCategory.objects.filter(
            translation_key__in={c.translation_key for c in categories}, locale=locale
        ).only("name", "translation_key")
    }
    titles = programme_labels({c.page for c in categories})
    return {
        c.pk: f"{names.get(c.translation_key, c.name)} · {titles.get(c.page_id, '')}"
        for c in categories
    }


def to_canonical(obj):
    """The canonical programme page or category of ``obj`` (itself when canonical)."""
    if obj is None:
        return None
    if isinstance(obj, AwardProgrammePage):
        return obj.canonical
    if isinstance(obj, AwardCategory):
        canonical_page = obj.page.specific.canonical
        if canonical_page.pk == obj.page_id:
            return obj
        return (
            AwardCategory.objects.filter(
                page_id=canonical_page.pk, translation_key=obj.translation_key
            ).first()
            or obj
        )
    return obj


class _LazyChoices(BaseChoiceIterator):
    """Read when the list is shown (in the language of that request), not before."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        yield from self.field._compute_choices()


class _CanonicalChoices:
    """Shown: canonical entries only, labelled in the staff member's language. Accepted:
    any entry (a translation found by address), stored as its canonical one."""

    kind = "programme"

    def _canonical_queryset(self):
        return canonical_programmes() if self.kind == "programme" else canonical_categories()

    def _labels(self, rows):
        return programme_labels(rows) if self.kind == "programme" else category_labels(rows)

    def _compute_choices(self):
        rows = list(self._canonical_queryset().select_related(*self._related()))
        labels = self._labels(rows)
        choices = [("", self.empty_label)] if self.empty_label is not None else []
        return choices + [(row.pk, labels[row.pk]) for row in rows]

    def _get_choices(self):
        return _LazyChoices(self)

    def _related(self):
        return () if self.kind == "programme" else ("page",)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class CanonicalChoiceField(_CanonicalChoices, forms.ModelChoiceField):
    def __init__(self, kind="programme", **kwargs):
        self.kind = kind
        queryset = (
            AwardProgrammePage.objects.all() if kind == "programme" else AwardCategory.objects.all()
        )
        kwargs.setdefault("empty_label", "---------")
        super().__init__(queryset=queryset, **kwargs)

    def clean(self, value):
        return to_canonical(super().clean(value))


class CanonicalMultipleChoiceField(_CanonicalChoices, forms.ModelMultipleChoiceField):
    def __init__(self, kind="category", **kwargs):
        self.kind = kind
        queryset = (
            AwardProgrammePage.objects.all() if kind == "programme" else AwardCategory.objects.all()
        )
        super().__init__(queryset=queryset, **kwargs)
        self.empty_label = None

    def clean(self, value):
        found = super().clean(value)
        seen, out = set(), []
        for obj in found:
            canonical = to_canonical(obj)
            if canonical.pk not in seen:
                seen.add(canonical.pk)
                out.append(canonical)
        return out


class CanonicalFilter(django_filters.ModelChoiceFilter):
    """An admin list filter on a programme or category, one entry per translation group;
    a translation's id in the address filters on its canonical record."""

    field_class = CanonicalChoiceField

    def __init__(self, *args, kind="programme", **kwargs):
        self.kind = kind
        kwargs.setdefault("queryset", None)
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = CanonicalChoiceField(kind=self.kind, label=self.label, required=False)
        return self._field

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(**{self.field_name: to_canonical(value)})
