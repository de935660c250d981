"""The moderation desk: reported messages (and whatever other apps register as report
targets, ``messaging.targets``), the actions on them, and their log.

Moderators read what was reported (the copy taken at the moment of the report) and
nothing else: there is no admin listing of conversations or messages. Every screen asks
``permissions.can_moderate``; every action has its own confirmation page (no
JavaScript needed) and goes through ``messaging.services``.
"""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.errors import NotAllowed
from home.forms import StatedLimitsMixin
from messaging import permissions, selectors, services
from messaging.errors import MessagingError
from messaging.models import MessagingSettings, ModerationAction, Report
from messaging.services.moderation import MAX_NOTE

User = get_user_model()
PER_PAGE = 30

#: action → its label (each has a confirmation page).
ACTIONS = {
    "dismiss": gettext_lazy("Dismiss the report"),
    "remove": gettext_lazy("Remove the message"),
    "warn": gettext_lazy("Warn the member"),
    "suspend": gettext_lazy("Suspend the member's messages"),
}
DURATIONS = [
    ("7", gettext_lazy("7 days")),
    ("30", gettext_lazy("30 days")),
    ("lifted", gettext_lazy("Until a moderator lifts it")),
]


def _moderator(request):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied


class ActionForm(StatedLimitsMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note to the member"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The member receives it by email."),
    )
    member = forms.TypedChoiceField(label=gettext_lazy("Member"), coerce=int, required=False)
    days = forms.ChoiceField(
        label=gettext_lazy("For how long"), choices=DURATIONS, widget=forms.RadioSelect
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I have read what was reported and confirm this action"),
        required=True,
    )

    def __init__(self, *args, action, members=(), note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if action != "suspend":
            del self.fields["days"]
        if members:
            self.fields["member"].choices = [("", "---------"), *members]
            self.fields["member"].required = True
        else:
            del self.fields["member"]
        self.fields["note"].required = note_required
        if action == "dismiss":
            self.fields["note"].label = gettext_lazy("Note for the log")
            self.fields["note"].help_text = gettext_lazy(
                "Only moderators read it: the reporter is told the report was dealt with, "
                "and the member is not told."
            )


def _evidence(report) -> list[dict]:
    items = []
    for item in report.evidence:
        created = item.get("created_at")
        items.append(
            {
                **item,
                "created_at": datetime.fromisoformat(created) if created else None,
                "sender": item.get("sender") or _("Former member"),
            }
        )
    return items


def _subjects() -> list[tuple[str, str]]:
    from messaging import targets

    return [*Report.Subject.choices, *((s, targets.get(s).label) for s in targets.subjects())]


def report_list(request):
    _moderator(request)
    reports = Report.objects.all()
    status = request.GET.get("status", "")
    reason = request.GET.get("reason", "")
    if status in Report.Status.values:
        reports = reports.filter(status=status)
    if reason in Report.Reason.values:
        reports = reports.filter(reason=reason)
    subjects = _subjects()
    about = request.GET.get("about", "")
    if about in dict(subjects):
        reports = reports.filter(subject=about)
    reports = reports.annotate(
        waiting=Case(
            When(status=Report.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("waiting", "-created_at", "-pk")
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    names = selectors.display_names({r.reported_id for r in page})
    rows = [(r, names.get(r.reported_id, "")) for r in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "messaging/admin/report_list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "reason": reason,
            "statuses": Report.Status.choices,
            "reasons": Report.Reason.choices,
            "about": about,
            "subjects": subjects,
            "query": query.urlencode(),
        },
    )


def _history(member_id, report=None):
    """Every action about the member (and on this report), and their suspension."""
    about = Q(report=report) if report is not None else Q(pk__in=[])
    if member_id:
        about |= Q(member_id=member_id)
    actions = list(
        ModerationAction.objects.filter(about)
        .select_related("report")
        .order_by("-created_at", "-pk")
    )
    if not member_id:
        return actions, None
    settings = MessagingSettings.objects.filter(user_id=member_id).first()
    suspended = settings if settings and settings.is_suspended(timezone.now()) else None
    return actions, suspended


def _members(report):
    """For a report of a group conversation: the senders in its copy, to choose from."""
    if report.reported_id:
        return []
    ids = {item.get("sender_id") for item in report.evidence if item.get("sender_id")}
    names = selectors.display_names(ids)
    return sorted(((pk, names.get(pk, "")) for pk in ids), key=lambda pair: pair[1])


def _available(report) -> list[str]:
    if report.status == Report.Status.DISMISSED:
        return []
    available = ["dismiss"] if report.status == Report.Status.OPEN else []
    target = report.target
    if target is not None:
        if not target.is_gone(report):
            available.append("remove")
    elif report.message_id and report.message and not report.message.is_gone:
        available.append("remove")
    if report.reported_id or _members(report):
        available += ["warn", "suspend"]
    return available


def report_detail(request, pk):
    _moderator(request)
    report = get_object_or_404(Report.objects.select_related("message"), pk=pk)
    actions, suspended = _history(report.reported_id, report)
    names = selectors.display_names({report.reported_id, *(a.moderator_id for a in actions)})
    target = report.target
    return render(
        request,
        "messaging/admin/report_detail.html",
        {
            "report": report,
            "target": target,
            "content_gone": bool(target and target.is_gone(report)),
            "evidence": _evidence(report),
            "reported_name": names.get(report.reported_id, "") if report.reported_id else "",
            "history": [(a, names.get(a.moderator_id, "")) for a in actions],
            "suspended": suspended,
            "available": [(key, _action_label(report, key)) for key in _available(report)],
        },
    )


def _action_label(report, action):
    target = report.target
    if action == "remove" and target is not None:
        return target.remove_label
    return ACTIONS[action]


def report_action(request, pk, action):
    """One action's confirmation page (GET), and the action itself (POST)."""
    _moderator(request)
    if action not in ACTIONS:
        raise Http404
    report = get_object_or_404(Report.objects.select_related("message"), pk=pk)
    if action not in _available(report):
        messages.error(
            request,
            MessagingError(
                "report_closed" if report.status != Report.Status.OPEN else "gone"
            ).message,
        )
        return redirect("messaging_report", report.pk)
    members = _members(report) if action in ("warn", "suspend") else []
    form = ActionForm(
        request.POST or None,
        action=action,
        members=members,
        note_required=action in ("warn", "suspend"),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = User.objects.filter(pk=data["member"]).first() if data.get("member") else None
        try:
            _act(request.user, report, action, data, member)
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except MessagingError as exc:
            form.add_error(None, exc.message)
            status = 400
        else:
            messages.success(request, _("Done. The action is in the moderation log."))
            return redirect("messaging_report", report.pk)
    elif request.method == "POST":
        status = 400
    name = selectors.display_names([report.reported_id]).get(report.reported_id, "")
    return render(
        request,
        "messaging/admin/report_action.html",
        {
            "report": report,
            "action": action,
            "label": _action_label(report, action),
            "target": report.target,
            "form": form,
            "reported_name": name,
        },
        status=status,
    )


def _act(moderator, report, action, data, member):
    note = data.get("note", "")
    if action == "dismiss":
        return services.report_dismiss(moderator=moderator, report=report, note=note)
    if action == "remove":
        if report.target is not None:
            return services.content_remove(moderator=moderator, report=report, note=note)
        return services.message_remove(moderator=moderator, report=report, note=note)
    if action == "warn":
        return services.member_warn(moderator=moderator, report=report, note=note, member=member)
    days = None if data["days"] == "lifted" else int(data["days"])
    return services.member_suspend(
        moderator=moderator, report=report, member=member, days=days, note=note
    )


def moderation_log(request):
    _moderator(request)
    page = Paginator(
        ModerationAction.objects.select_related("report").order_by("-created_at", "-pk"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    now = timezone.now()
    suspended = [
        s
        for s in MessagingSettings.objects.filter(suspended_at__isnull=False).order_by(
            "-suspended_at"
        )
        if s.is_suspended(now)
    ]
    names = selectors.display_names(
        {a.member_id for a in page}
        | {a.moderator_id for a in page}
        | {s.user_id for s in suspended}
    )
    return render(
        request,
        "messaging/admin/moderation_log.html",
        {
            "page": page,
            "rows": [
                (
                    a,
                    names.get(a.member_id, "") if a.member_id else "",
                    names.get(a.moderator_id, ""),
                )
                for a in page
            ],
            "suspended": [(s, names.get(s.user_id, "")) for s in suspended],
        },
    )


class LiftForm(StatedLimitsMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note to the member (optional)"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def suspension_lift(request, user_id):
    _moderator(request)
    member = get_object_or_404(User, pk=user_id)
    settings = MessagingSettings.objects.filter(user=member).first()
    if settings is None or not settings.is_suspended(timezone.now()):
        messages.error(request, MessagingError("not_suspended").message)
        return redirect("messaging_moderation_log")
    form = LiftForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.suspension_lift(
                moderator=request.user, member=member, note=form.cleaned_data["note"]
            )
        except MessagingError as exc:
            form.add_error(None, exc.message)
            status = 400
        else:
            messages.success(request, _("The suspension is lifted; the member has been told."))
            return redirect("messaging_moderation_log")
    return render(
        request,
        "messaging/admin/suspension_lift.html",
        {
            "member_name": selectors.display_names([member.pk]).get(member.pk, ""),
            "settings": settings,
            "form": form,
        },
        status=status,
    )
