"""Views: reporting a message or a conversation, and the page after it.

Both work without JavaScript. Anything the member may not see (a conversation they are
not in, a message they cannot read) answers 404, as if it did not exist.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from home.forms import StatedLimitsMixin
from messaging import selectors, services
from messaging.errors import MessagingError
from messaging.models import Report
from messaging.services.moderation import MAX_COMMENT


class ReportForm(StatedLimitsMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the moderators read this. The member is not told who reported them."),
    )


def _report(request, *, template, context, submit):
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            report = submit(form.cleaned_data["reason"], form.cleaned_data["comment"])
        except MessagingError as exc:
            if exc.status == 404:
                raise Http404 from exc
            form.add_error(None, exc.message)
            status = 400
        else:
            return redirect("messaging:report_done", report.pk)
    elif request.method == "POST":
        status = 400
    return render(request, template, {**context, "form": form}, status=status)


@login_required
def report_message(request, pk):
    message, place = selectors.visible_message(request.user, pk)
    if message is None:
        raise Http404
    own = message.sender_id == request.user.pk
    if own and request.method == "POST":
        raise Http404

    def submit(reason, comment):
        return services.report_message(
            reporter=request.user, message=message, reason=reason, comment=comment
        )

    return _report(
        request,
        template="messaging/report_form.html",
        context={
            "message": message,
            "conversation": message.conversation,
            "own": own,
            "sender_name": selectors.display_names([message.sender_id]).get(message.sender_id, ""),
        },
        submit=submit,
    )


@login_required
def report_conversation(request, pk):
    place = selectors.participation(request.user, pk)
    if place is None:
        raise Http404

    def submit(reason, comment):
        return services.report_conversation(
            reporter=request.user, conversation=place.conversation, reason=reason, comment=comment
        )

    return _report(
        request,
        template="messaging/report_form.html",
        context={"message": None, "conversation": place.conversation, "own": False},
        submit=submit,
    )


@login_required
def report_done(request, pk):
    """Thanks, and an offer to block the person (a POST to community's block view)."""
    from community.models import Block

    report = get_object_or_404(Report, pk=pk, reporter=request.user)
    reported_name = ""
    can_block = False
    if report.reported_id and report.reported_id != request.user.pk:
        reported_name = selectors.display_names([report.reported_id]).get(report.reported_id, "")
        can_block = not Block.objects.filter(
            blocker=request.user, blocked_id=report.reported_id
        ).exists()
    return render(
        request,
        "messaging/report_done.html",
        {"report": report, "reported_name": reported_name, "can_block": can_block},
    )


urlpatterns = [
    path("m/<int:pk>/report/", report_message, name="report_message"),
    path("<int:pk>/report/", report_conversation, name="report_conversation"),
    path("reports/<int:pk>/", report_done, name="report_done"),
]
