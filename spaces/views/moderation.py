"""Reporting a post, and the hosts' side of the moderation queue for their group.

A member reports a post they can read (anything else answers 404, as if it did not
exist); the group's hosts read the open reports of its posts, as copied when reported,
and act through a confirmation page that works without JavaScript. Moderators act on
every report from the admin desk (``/admin/reported-messages/``). Every write goes
through ``spaces.services.moderation``.
"""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.errors import NotAllowed
from home.forms import StatedLimitsMixin, state_limits
from messaging.errors import MessagingError
from messaging.models import Report
from messaging.services.moderation import MAX_COMMENT, MAX_NOTE
from spaces import selectors
from spaces.errors import SpaceError
from spaces.models import Membership, Post
from spaces.services import moderation
from spaces.views.common import frame_for, space_view

PER_PAGE = 20

#: action → its button and heading.
ACTIONS = {
    "dismiss": _("Dismiss the report"),
    "remove": _("Remove the post"),
    "exclude": _("Remove the member from the group"),
}


class PostReportForm(StatedLimitsMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The group's hosts and the moderators read this. The member is not told who "
            "reported them."
        ),
    )


class HostActionForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the log (optional)"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        label=_("I have read what was reported and confirm this action"), required=True
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        if action == "remove":
            self.fields["note"].label = _("Note to the author (optional)")
            self.fields["note"].help_text = _("The author receives it by email.")
        state_limits(self)


def _post_for(request, pk):
    post = Post.objects.select_related("thread__space", "author").filter(pk=pk).first()
    if post is None or post.thread.space.archived_at is not None:
        raise Http404
    if not moderation.may_read_post(request.user, post):
        raise Http404
    return post


@login_required
def post_report(request, pk):
    post = _post_for(request, pk)
    space = post.thread.space
    selectors.localized([space])
    own = post.author_id == request.user.pk
    form = PostReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            report = moderation.post_report(
                reporter=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
        except SpaceError as exc:
            if exc.status == 404:
                raise Http404 from exc
            form.add_error(None, exc.message)
            status = 400
        else:
            return _report_done(request, space, post, report)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "spaces/report_form.html",
        {
            **frame_for(request, space),
            "tab": "discussions",
            "post": post,
            "thread": post.thread,
            "own": own,
            "author_name": selectors.display_name(post.author),
            "form": form,
        },
        status=status,
    )


def _report_done(request, space, post, report):
    """Thanks, and an offer to block the author (a POST to community's block view)."""
    from community.models import Block

    can_block = bool(
        report.reported_id
        and not Block.objects.filter(blocker=request.user, blocked_id=report.reported_id).exists()
    )
    return render(
        request,
        "spaces/report_done.html",
        {
            **frame_for(request, space),
            "tab": "discussions",
            "report": report,
            "thread": post.thread,
            "author_name": selectors.display_name(post.author),
            "can_block": can_block,
        },
    )


def _evidence(report) -> list[dict]:
    items = []
    for item in report.evidence:
        created = item.get("created_at")
        items.append(
            {
                **item,
                "created_at": datetime.fromisoformat(created) if created else None,
                "sender": item.get("sender") or gettext("Former member"),
            }
        )
    return items


def _available(report, *, gone: set[int], members: dict[int, Membership], host) -> list:
    available = ["dismiss"]
    if report.target_id not in gone:
        available.append("remove")
    row = members.get(report.reported_id)
    if row is not None and report.reported_id != host.pk and not row.is_host:
        available.append("exclude")
    return available


@space_view(need="host")
def host_reports(request, space, frame):
    """The open reports of this group's posts, oldest first, with what was reported."""
    reports = Report.objects.filter(
        subject=moderation.SUBJECT, scope=moderation.scope_of(space), status=Report.Status.OPEN
    ).order_by("created_at", "pk")
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page)
    ids = [r.target_id for r in rows]
    present = set(
        Post.objects.filter(
            pk__in=ids, removed_at__isnull=True, deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    gone = set(ids) - present
    members = {
        m.user_id: m
        for m in Membership.objects.filter(
            space=space,
            state=Membership.State.ACTIVE,
            user_id__in=[r.reported_id for r in rows if r.reported_id],
        )
    }
    items = [
        {
            "report": r,
            "evidence": _evidence(r),
            "gone": r.target_id in gone,
            "actions": [
                (key, ACTIONS[key])
                for key in _available(r, gone=gone, members=members, host=request.user)
            ],
        }
        for r in rows
    ]
    return render(
        request,
        "spaces/host_reports.html",
        {**frame, "tab": "reports", "page": page, "items": items},
    )


@space_view(need="host")
def host_report_action(request, space, frame, pk, action):
    """One action's confirmation page (GET), and the action (POST)."""
    if action not in ACTIONS:
        raise Http404
    report = Report.objects.filter(
        pk=pk, subject=moderation.SUBJECT, scope=moderation.scope_of(space)
    ).first()
    if report is None:
        raise Http404
    if report.status != Report.Status.OPEN:
        messages.error(request, MessagingError("report_closed").message)
        return redirect("spaces:host_reports", space.slug)
    form = HostActionForm(request.POST or None, action=action)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            moderation.host_report_act(
                host=request.user,
                space=space,
                report=report,
                action=action,
                note=form.cleaned_data["note"],
            )
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except (SpaceError, MessagingError) as exc:
            if exc.status == 404:
                raise Http404 from exc
            form.add_error(None, exc.message)
            status = 400
        else:
            messages.success(request, gettext("Done. The action is in the moderation log."))
            return redirect("spaces:host_reports", space.slug)
    elif request.method == "POST":
        status = 400
    evidence = _evidence(report)
    return render(
        request,
        "spaces/host_report_action.html",
        {
            **frame,
            "tab": "reports",
            "report": report,
            "evidence": evidence,
            "action": action,
            "label": ACTIONS[action],
            "author_name": evidence[0]["sender"] if evidence else gettext("Former member"),
            "form": form,
        },
        status=status,
    )
