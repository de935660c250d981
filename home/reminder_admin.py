"""Staff screens for reminders (``home.reminders``): who was reminded, and when reminders
go. Only the sources a staff member manages are shown (``reminders.sources_for``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from home import reminders
from home.errors import ServiceError
from home.exports import SpreadsheetExportMixin
from home.models import SentReminder


def can_see_reminders(user) -> bool:
    return bool(reminders.sources_for(user))


class SentReminderPolicy(ModelPermissionPolicy):
    """Staff who manage a source see its reminders; nobody adds, edits or deletes them."""

    def user_has_permission(self, user, action):
        return action == "view" and can_see_reminders(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def _source_choices(request):
    user = getattr(request, "user", None)
    return [(s.key, s.label) for s in reminders.sources_for(user)]


def _kind_choices(request):
    from home.notify import kind

    user = getattr(request, "user", None)
    out = []
    for src in reminders.sources_for(user):
        if src.kind not in dict(out):
            out.append((src.kind, kind(src.kind).label))
    return out


class SentReminderFilterSet(WagtailFilterSet):
    source = django_filters.ChoiceFilter(
        label=gettext_lazy("Reminder"), choices=_source_choices, empty_label=None
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=_kind_choices)
    sent_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Sent"), widget=DateRangePickerWidget
    )

    class Meta:
        model = SentReminder
        fields = ["source", "kind", "sent_at"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Choices are the requesting staff member's sources.
        self.filters["source"].extra["choices"] = _source_choices(request)
        self.filters["kind"].extra["choices"] = _kind_choices(request)


class SentReminderIndexView(SpreadsheetExportMixin, IndexView):
    filterset_class = SentReminderFilterSet

    def get_base_queryset(self):
        keys = [s.key for s in reminders.sources_for(self.request.user)]
        return SentReminder.objects.filter(source__in=keys).select_related("recipient")

    def get_edit_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        return []


class ScheduleForm(forms.Form):
    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            src = row["source"]
            self.fields[src.key] = forms.CharField(
                label=src.label,
                required=False,
                max_length=200,
                initial=row["text"],
                help_text=_(
                    "How long before the deadline, separated by commas: 7d for 7 days, 12h "
                    "for 12 hours (for example: 7d, 1d). Leave empty to send no reminder."
                ),
            )

    def clean(self):
        data = super().clean()
        for key, value in list(data.items()):
            try:
                reminders.parse_offsets(value or "")
            except ValueError as exc:
                self.add_error(key, str(exc))
        return data


def schedule(request):
    """Settings → Reminder times: per source, how long before the deadline they go."""
    user = request.user
    if not can_see_reminders(user):
        raise PermissionDenied
    rows = reminders.schedule_rows(user)
    form = ScheduleForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            for row in rows:
                key = row["source"].key
                reminders.set_offsets(source_key=key, text=form.cleaned_data[key], by=user)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Reminder times saved."))
            return redirect("home_reminder_times")
    for row in rows:
        row["field"] = form[row["source"].key]
    return TemplateResponse(
        request,
        "home/admin/reminder_times.html",
        {"rows": rows, "form": form},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
