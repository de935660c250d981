from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from django_countries import countries

from cohorts.models import Application, Gender, Scope
from home import questions
from home.forms import PendingUploadsMixin, StatedLimitsMixin, state_limits
from home.models import Theme
from home.taxonomy import Sector

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_EXTENSIONS = {".pdf", ".doc", ".docx", ".odt", ".txt", ".rtf", ".png", ".jpg", ".jpeg"}

MSG_FILE_TOO_BIG = _("This file is larger than 5 MB. Please upload a smaller file.")
MSG_FILE_TYPE = _("Please upload a PDF, a document, a text file or an image.")


def _validate_upload(upload):
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(MSG_FILE_TOO_BIG)
    if Path(upload.name).suffix.lower() not in ALLOWED_EXTENSIONS:
        raise forms.ValidationError(MSG_FILE_TYPE)


class ApplicationForm(PendingUploadsMixin, forms.Form):
    """The standard fields, then the cohort's own questions (in the reader's language).

    Fields are never required at the form level, so that a draft can be saved half done;
    the service checks required answers on submission.
    """

    organisation = forms.CharField(label=_("Organisation"), max_length=160, required=False)
    role = forms.CharField(label=_("Your role"), max_length=160, required=False)
    # A callable: the names are read in the reader's language each time the form is
    # drawn (a list built at import would stay in English).
    country = forms.ChoiceField(
        label=_("Country where you work"),
        choices=lambda: [("", "—"), *countries],
        required=False,
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False
    )
    scope = forms.ChoiceField(
        label=_("Where does your work happen?"),
        choices=[("", "—"), *Scope.choices],
        required=False,
    )
    theme = forms.ModelChoiceField(
        label=_("The theme closest to your reform work"),
        queryset=Theme.objects.none(),
        required=False,
    )

    def __init__(self, *args, cohort, collects_gender=False, application=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.questions = cohort.question_list()
        locale = Locale.get_active()
        self.fields["theme"].queryset = Theme.objects.filter(locale=locale)
        if collects_gender:
            self.fields["gender"] = forms.ChoiceField(
                label=_("Gender (optional)"),
                help_text=_("Used only to build a balanced cohort; never shown to other members."),
                choices=[("", "—"), *Gender.choices],
                required=False,
            )
        uploaded = set()
        if application is not None:
            uploaded = set(application.files.values_list("question_id", flat=True))
        for question in self.questions:
            name = f"q_{question['id']}"
            label = question["label"]
            help_text = question.get("help_text") or ""
            if question["required"]:
                help_text = f"{help_text} {_('Needed before you submit.')}".strip()
            if question["kind"] == "file":
                field = forms.FileField(validators=[_validate_upload])
                if question["id"] in uploaded:
                    help_text = f"{help_text} {_('A file is already uploaded; choose another to replace it.')}"
            else:
                field = questions.form_field(question)
            field.required = False
            field.label = label
            field.help_text = help_text
            field.question = question
            self.fields[name] = field
        state_limits(self)
        self.keep_uploads_for(user)

    @classmethod
    def initial_for(cls, application: Application) -> dict:
        initial = {
            "organisation": application.organisation,
            "role": application.role,
            "country": application.country.code if application.country else "",
            "sector": application.sector,
            "scope": application.scope,
            "gender": application.gender,
        }
        if application.theme_id:
            theme = application.theme.localized
            initial["theme"] = theme.pk
        for key, value in application.answers.items():
            initial[f"q_{key}"] = value
        return initial

    def split(self) -> tuple[dict, dict, dict]:
        """(standard data, answers by question id, files by question id)."""
        data = {
            name: self.cleaned_data.get(name)
            for name in ("organisation", "role", "country", "sector", "scope", "theme", "gender")
            if name in self.fields
        }
        answers, files = {}, {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question['id']}")
            if question["kind"] == "file":
                if value:
                    files[question["id"]] = value
            else:
                answers[question["id"]] = questions.clean_value(question, value)
                if answers[question["id"]] is None:
                    answers[question["id"]] = ""
        return data, answers, files


class ReviewNoteForm(StatedLimitsMixin, forms.Form):
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[("", "—"), *[(str(i), str(i)) for i in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
    )


class BulkDecisionForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    to_status = forms.ChoiceField(label=_("Move to"))
    override = forms.BooleanField(label=_("Accept beyond the number of places"), required=False)

    def __init__(self, *args, cohort, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = Application.objects.filter(cohort=cohort)
        self.fields["to_status"].choices = statuses


class RubricReviewForm(StatedLimitsMixin, forms.Form):
    """A reviewer's scores, one field per criterion of the cohort's review form (radio
    buttons for short ranges, a number otherwise), and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        comment = self.fields.pop("comment")
        for criterion in criteria:
            low, high = int(criterion["min_score"]), int(criterion["max_score"])
            message = _("Give a whole number from %(min)s to %(max)s.") % {"min": low, "max": high}
            errors = {
                "required": message,
                "invalid": message,
                "invalid_choice": message,
                "min_value": message,
                "max_value": message,
            }
            if high - low <= 10:
                field = forms.TypedChoiceField(
                    choices=[(str(i), str(i)) for i in range(low, high + 1)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages=errors,
                )
            else:
                field = forms.IntegerField(min_value=low, max_value=high, error_messages=errors)
            field.label = criterion["label"]
            field.help_text = criterion.get("description") or ""
            field.criterion = criterion
            self.fields[f"score_{criterion['id']}"] = field
        self.fields["comment"] = comment
        state_limits(self)

    def scores(self) -> dict:
        return {c["id"]: self.cleaned_data[f"score_{c['id']}"] for c in self.criteria}


class AutoAssignForm(forms.Form):
    per_application = forms.IntegerField(
        label=_("Reviewers per application"),
        min_value=1,
        max_value=20,
        error_messages={
            "invalid": _("Give a number of reviews per application from 1 to 20."),
            "min_value": _("Give a number of reviews per application from 1 to 20."),
            "max_value": _("Give a number of reviews per application from 1 to 20."),
            "required": _("Give a number of reviews per application from 1 to 20."),
        },
    )
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one reviewer."),
            "invalid_choice": _("Choose reviewers from the list."),
            "invalid_pk_value": _("Choose reviewers from the list."),
        },
    )

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = pool
        self.fields["reviewers"].label_from_instance = lambda u: u.get_full_name() or u.email


class BulkMoveForm(forms.Form):
    """Move every application matching the filters (score above X, region, sector,
    status); the first post shows how many will move, the second (``confirm``) moves."""

    min_score = forms.DecimalField(
        label=_("Weighted mean at least"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={
            "invalid": _("Give a score such as 3.5."),
            "min_value": _("Give a score from 0 to 100."),
            "max_value": _("Give a score from 0 to 100."),
            "max_decimal_places": _("Give a score with at most two decimals."),
        },
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    status = forms.ChoiceField(label=_("Now"), required=False)
    to_status = forms.ChoiceField(
        label=_("Move to"), error_messages={"invalid_choice": _("Choose a status from the list.")}
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, statuses, current, **kwargs):
        from home.taxonomy import Region

        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["region"].choices = every + list(Region.choices)
        self.fields["sector"].choices = every + list(Sector.choices)
        self.fields["status"].choices = every + list(current)
        self.fields["to_status"].choices = statuses
        for name in ("region", "sector", "status"):
            self.fields[name].error_messages["invalid_choice"] = _("Choose from the list.")
