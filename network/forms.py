"""The dashboard's filters: a GET form that works without JavaScript."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.taxonomy import Region
from network.charts import Filters

PERIODS = [
    ("90d", _("Last 90 days")),
    ("1y", _("Last 12 months")),
    ("all", _("Since the beginning")),
    ("dates", _("Between two dates")),
]
PERIOD_DAYS = {"90d": 90, "1y": 365}


class FilterForm(forms.Form):
    period = forms.ChoiceField(choices=PERIODS, required=False, label=_("Period"))
    start = forms.DateField(
        required=False,
        label=_("Start date"),
        help_text=_("For “between two dates”: YYYY-MM-DD."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        required=False,
        label=_("End date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    region = forms.ChoiceField(
        choices=[("", _("All regions")), *Region.choices], required=False, label=_("Region")
    )
    programme = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label=_("Programme")
    )

    def __init__(self, data=None, *, now=None, **kwargs):
        from cohorts.models import ProgrammePage

        super().__init__(data, **kwargs)
        self.today = (now or timezone.now()).astimezone(datetime.UTC).date()
        programmes = ProgrammePage.objects.filter(alias_of__isnull=True).order_by("pk")
        # One programme per translation: its first page, which its cohorts and their
        # applications belong to.
        seen, choices = set(), []
        for page in programmes.only("id", "title", "translation_key"):
            if page.translation_key not in seen:
                seen.add(page.translation_key)
                choices.append((page.pk, page.title))
        choices.sort(key=lambda choice: str(choice[1]).casefold())
        self.fields["programme"].choices = [("", _("All programmes")), *choices]
        self.programme_titles = dict(choices)

    def clean(self):
        data = super().clean()
        period = data.get("period") or "1y"
        start, end = data.get("start"), data.get("end")
        if period == "dates" or (self.data.get("start") or self.data.get("end")):
            if self.errors:
                return data
            period = "dates"
            start = start or datetime.date(2000, 1, 1)
            end = end or self.today
            if start > end:
                raise forms.ValidationError(_("The start date must be on or before the end date."))
        elif period == "all":
            start, end = datetime.date(2000, 1, 1), self.today
        else:
            start, end = self.today - datetime.timedelta(days=PERIOD_DAYS[period] - 1), self.today
        data.update(period=period, start=start, end=end)
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            start=data["start"],
            end=data["end"],
            region=data.get("region") or "",
            programme=data.get("programme"),
        )

    def query_string(self) -> str:
        from django.utils.http import urlencode

        data = self.cleaned_data
        params = {"period": data["period"]}
        if data["period"] == "dates":
            params.update(start=data["start"].isoformat(), end=data["end"].isoformat())
        if data.get("region"):
            params["region"] = data["region"]
        if data.get("programme"):
            params["programme"] = data["programme"]
        return urlencode(params)
