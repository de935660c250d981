"""Staff forms of the jury desk (admin): bulk assignment, rounds, citations and feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.canonical import category_labels
from awards.models import AwardCategory, JudgingRound, JurorRole, Nomination
from home.forms import state_limits


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class JurorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user.get_full_name() or obj.user.email} <{obj.user.email}>"


class NominationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nominee_name} · {obj.organisation}" if obj.organisation else obj.nominee_name


class BulkAssignForm(forms.Form):
    """Pick a round, jurors, and categories or single nominations of one edition. A
    category of a translated page stands for the canonical one."""

    judging_round = RoundChoiceField(queryset=JudgingRound.objects.none(), label=_("Judging round"))
    jurors = JurorChoiceField(
        queryset=JurorRole.objects.none(),
        label=_("Jurors"),
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.ModelMultipleChoiceField(
        queryset=AwardCategory.objects.none(),
        required=False,
        label=_("Whole categories"),
        widget=forms.CheckboxSelectMultiple,
    )
    nominations = NominationChoiceField(
        queryset=Nomination.objects.none(),
        required=False,
        label=_("Or single nominations"),
        help_text=_("Hold Ctrl (or ⌘) to pick several."),
    )

    def __init__(self, *args, programme, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["judging_round"].queryset = JudgingRound.objects.filter(programme=programme)
        self.fields["judging_round"].choices = [(r.pk, r.label) for r in rounds]
        self.fields["jurors"].queryset = (
            JurorRole.objects.filter(programme=programme)
            .select_related("user")
            .order_by("user__name", "pk")
        )
        # Any language's copy of a category is accepted; the canonical ones are listed.
        self.fields["categories"].queryset = AwardCategory.objects.filter(
            page__translation_key=programme.translation_key
        )
        canonical = list(programme.canonical_categories())
        labels = category_labels(canonical)
        self.fields["categories"].choices = [(c.pk, labels[c.pk]) for c in canonical]
        self.fields["nominations"].queryset = Nomination.objects.filter(
            programme=programme, status=Nomination.Status.SUBMITTED
        ).order_by("nominee_name", "pk")
        self.fields["nominations"].widget.attrs["size"] = 8

    def clean(self):
        data = super().clean()
        if not data.get("categories") and not data.get("nominations"):
            raise forms.ValidationError(_("Choose at least one category or nomination."))
        from awards.canonical import to_canonical

        data["categories"] = list(
            {c.pk: c for c in (to_canonical(c) for c in data.get("categories") or [])}.values()
        )
        return data


class RoundForm(forms.ModelForm):
    class Meta:
        model = JudgingRound
        fields = ["kind", "scoring_deadline", "criteria"]
        widgets = {
            "scoring_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "criteria": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        criteria = programme.canonical.localized_criteria()
        self.fields["criteria"].queryset = programme.criteria.all()
        self.fields["criteria"].choices = [(c.pk, c.name) for c in criteria]


class CitationForm(forms.Form):
    """A winner's citations (one field per language), story address and feedback."""

    citation_en = forms.CharField(
        required=False, max_length=2000, label=_("Citation in English"), widget=forms.Textarea
    )
    citation_fr = forms.CharField(
        required=False, max_length=2000, label=_("Citation in French"), widget=forms.Textarea
    )
    citation_es = forms.CharField(
        required=False, max_length=2000, label=_("Citation in Spanish"), widget=forms.Textarea
    )
    story_url = forms.URLField(
        required=False, max_length=200, assume_scheme="https", label=_("Story address")
    )
    feedback = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Feedback to the nominee"),
        help_text=_("Optional. Sent to the nominee once, when the results are published."),
        widget=forms.Textarea,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_limits(self)
