from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from awards.models import ConflictOfInterest, Nomination
from awards.validators import MAX_ATTACHMENTS, sniff
from community.models import Profile
from home.forms import PendingUploadsMixin, StatedLimitsMixin, state_limits
from home.taxonomy import Sector

MAX_LINKS = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        if len(items) > MAX_ATTACHMENTS:
            raise ValidationError(_("Attach at most five files."))
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items]
        for item in cleaned:
            sniff(item)
        return cleaned


class ProfileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class NominationForm(PendingUploadsMixin, forms.Form):
    """The nomination form. ``draft=True`` relaxes required fields so a draft always saves."""

    category = forms.TypedChoiceField(label=_("Category"), coerce=int)
    kind = forms.ChoiceField(
        label=_("You are nominating"),
        choices=Nomination.Kind.choices,
        widget=forms.RadioSelect,
        initial=Nomination.Kind.PERSON,
    )
    is_self = forms.BooleanField(label=_("I am nominating myself"), required=False)
    nominee_name = forms.CharField(label=_("Name of the person or initiative"), max_length=160)
    organisation = forms.CharField(label=_("Organisation"), max_length=160)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices])
    contact_email = forms.EmailField(
        label=_("Nominee's contact email"),
        help_text=_("Never shown publicly. We use it only to tell the nominee about the result."),
    )
    nominee_profile = ProfileChoiceField(
        label=_("Their member profile (optional)"),
        queryset=Profile.objects.none(),
        required=False,
        empty_label=_("Not a member, or I don't know"),
        help_text=_(
            "Search for them by name above; only members whose profile you can see are found."
        ),
    )
    links = forms.CharField(
        label=_("Supporting links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line, up to ten."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Up to five PDF or image files, 5 MB each. Only staff and the jury can open them."
        ),
    )

    def __init__(
        self,
        *args,
        programme,
        user,
        criteria,
        draft=False,
        nomination=None,
        member_query="",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.user = user
        self.criteria = criteria
        self.nomination = nomination
        self.draft = draft
        country = Nomination._meta.get_field("country").formfield(label=_("Country"), required=True)
        self.fields = {
            **{
                k: v
                for k, v in self.fields.items()
                if k in ("category", "kind", "is_self", "nominee_name", "organisation")
            },
            "country": country,
            **{
                k: v
                for k, v in self.fields.items()
                if k not in ("category", "kind", "is_self", "nominee_name", "organisation")
            },
        }
        labels, _crit = programme.label_maps()
        self.fields["category"].choices = [("", "—")] + [
            (pk, labels.get(pk, c).name)
            for pk, c in ((c.pk, c) for c in programme.canonical.localized_categories())
        ]
        self._limit_profile_choices(user, member_query)
        for criterion in criteria:
            localized = _crit.get(criterion.pk, criterion)
            label = localized.name
            if criterion.category_id:
                label = _("%(name)s (only for %(category)s)") % {
                    "name": localized.name,
                    "category": getattr(
                        labels.get(criterion.category_id, criterion.category), "name", ""
                    ),
                }
            self.fields[f"statement_{criterion.pk}"] = forms.CharField(
                label=label,
                help_text=localized.description,
                max_length=4000,
                required=criterion.category_id is None,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        # Statements come before the supporting links and files.
        for name in ("links", "attachments"):
            self.fields[name] = self.fields.pop(name)
        if nomination is not None and nomination.pk:
            self.fields["remove_attachments"] = forms.ModelMultipleChoiceField(
                label=_("Remove attachments"),
                queryset=nomination.attachments.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        if draft:
            for name, field in self.fields.items():
                if name not in {"category", "nominee_name", "kind"}:
                    field.required = False
        state_limits(self)
        self.keep_uploads_for(user)

    def _limit_profile_choices(self, user, member_query: str) -> None:
        """Validate against every profile ``user`` may see; offer only search matches.

        The select lists the members matching the search (at most 25) and the one
        already chosen, so the page stays small however large the community grows.
        Hidden members are never in the queryset, so never offered nor accepted.
        """
        field = self.fields["nominee_profile"]
        visible = Profile.objects.visible_to(user).filter(user__is_active=True)
        field.queryset = visible.order_by("display_name")
        shown = []
        term = (member_query or "").strip()[:80]
        if term:
            shown = list(visible.filter(display_name__icontains=term).order_by("display_name")[:25])
        chosen = self.data.get("nominee_profile") if self.is_bound else None
        chosen = chosen or self.initial.get("nominee_profile")
        chosen_pk = getattr(chosen, "pk", chosen)
        if chosen_pk and str(chosen_pk).isdigit() and all(p.pk != int(chosen_pk) for p in shown):
            shown += list(visible.filter(pk=int(chosen_pk)))
        field.widget.choices = [("", field.empty_label)] + [(p.pk, p.display_name) for p in shown]
        self.member_matches = len(shown) if term else None

    def clean_links(self):
        lines = [
            line.strip() for line in self.cleaned_data.get("links", "").splitlines() if line.strip()
        ]
        if len(lines) > MAX_LINKS:
            raise ValidationError(_("Give at most ten links."))
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError as exc:
                raise ValidationError(
                    _("%(link)s is not a web address."), params={"link": line}
                ) from exc
        return lines

    def clean_category(self):
        value = self.cleaned_data["category"]
        ids = {c.pk for c in self.programme.canonical.localized_categories()}
        if value not in ids:
            raise ValidationError(_("Choose a category of this programme."))
        return value

    def clean(self):
        cleaned = super().clean()
        category_id = cleaned.get("category")
        if not self.draft and category_id:
            for criterion in self.criteria:
                if (
                    criterion.category_id == category_id
                    and not cleaned.get(f"statement_{criterion.pk}", "").strip()
                ):
                    self.add_error(f"statement_{criterion.pk}", _("This field is required."))
        existing = (
            self.nomination.attachments.count() if self.nomination and self.nomination.pk else 0
        )
        removing = len(cleaned.get("remove_attachments") or [])
        if existing - removing + len(cleaned.get("attachments") or []) > MAX_ATTACHMENTS:
            self.add_error("attachments", _("A nomination can have at most five attachments."))
        return cleaned

    def service_data(self) -> dict:
        c = self.cleaned_data
        profile = c.get("nominee_profile")
        nominee_user = profile.user if profile else None
        if c.get("is_self") and nominee_user is None:
            nominee_user = self.user
        return {
            "kind": c.get("kind") or Nomination.Kind.PERSON,
            "is_self": bool(c.get("is_self")),
            "nominee_name": c.get("nominee_name", ""),
            "organisation": c.get("organisation", ""),
            "country": c.get("country", ""),
            "sector": c.get("sector", ""),
            "contact_email": c.get("contact_email", ""),
            "nominee_user": nominee_user,
            "statements": {
                str(cr.pk): c.get(f"statement_{cr.pk}", "")
                for cr in self.criteria
                if c.get(f"statement_{cr.pk}")
            },
            "links": c.get("links") or [],
        }

    @classmethod
    def initial_for(cls, nomination: Nomination) -> dict:
        initial = {
            "category": nomination.category_id,
            "kind": nomination.kind,
            "is_self": nomination.is_self,
            "nominee_name": nomination.nominee_name,
            "organisation": nomination.organisation,
            "country": nomination.country.code if nomination.country else "",
            "sector": nomination.sector,
            "contact_email": nomination.contact_email,
            "links": "\n".join(nomination.links),
        }
        if nomination.nominee_user_id:
            initial["nominee_profile"] = Profile.objects.filter(
                user_id=nomination.nominee_user_id
            ).first()
        for key, text in nomination.statements.items():
            initial[f"statement_{key}"] = text
        return initial


class ScoreForm(forms.Form):
    """One whole-number score and a comment per criterion, within the programme's range."""

    def __init__(self, *args, programme, criteria, labels, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.criteria = criteria
        for criterion in criteria:
            localized = labels.get(criterion.pk, criterion)
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s — score (weight %(weight)s)")
                % {"name": localized.name, "weight": criterion.weight},
                min_value=programme.score_min,
                max_value=programme.score_max,
                required=False,
                initial=score.value if score else None,
                help_text=localized.description,
                widget=forms.NumberInput(attrs={"step": 1, "inputmode": "numeric"}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s — comment") % {"name": localized.name},
                required=False,
                max_length=2000,
                initial=score.comment if score else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        state_limits(self)

    def values(self) -> dict:
        out = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"score_{criterion.pk}")
            if value is not None:
                out[criterion.pk] = (value, self.cleaned_data.get(f"comment_{criterion.pk}", ""))
        return out


class ConflictDeclareForm(StatedLimitsMixin, forms.Form):
    note = forms.CharField(
        label=_("What is the conflict? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only staff see this note."),
    )


class ConflictDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("dismiss", _("Dismiss"))])


CONFLICT_REASONS = ConflictOfInterest.Reason
