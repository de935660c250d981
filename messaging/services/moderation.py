"""Reports and what moderators do about them.

A member reports a message, or a whole conversation, they can see. The report keeps a
copy of what was reported at that moment (``Report.evidence``): later edits or deletes do
not change what moderators read, and moderators read nothing else. Moderators are told;
each action they take is a ``ModerationAction`` row, and tells the member concerned by
email in their own language (the kinds are essential). The reporter is told, once, that
their report was dealt with, never what was done.

Other apps' targets (``messaging.targets``) use the same queue: ``report_create`` files a
report the app has checked, ``content_remove`` removes the reported content through the
target, and ``report_dismiss`` and ``content_remove`` also admit whoever the target lets
act within the report's ``scope`` (a group's hosts). Warnings and suspensions stay with
moderators.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from home.errors import NotAllowed, check_length
from home.notify import notify
from messaging import permissions, selectors, targets
from messaging.errors import MessagingError
from messaging.models import Message, MessagingSettings, ModerationAction, Report

User = get_user_model()

#: How many messages a report of a whole conversation copies.
EVIDENCE_MESSAGES = 20
MAX_COMMENT = 1000
MAX_NOTE = 1000
#: The suspensions the admin offers, in days (None: until lifted).
SUSPENSION_DAYS = (7, 30, None)


def _evidence(messages, names) -> list[dict]:
    return [
        {
            "id": m.pk,
            "sender_id": m.sender_id,
            "sender": names.get(m.sender_id, ""),
            "body": m.body,
            "created_at": m.created_at.isoformat(),
            "edited": m.edited_at is not None,
            "attachments": [a.original_name for a in m.attachments.all()],
        }
        for m in messages
    ]


def _tell_moderators(report) -> None:
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    app_label, codename = permissions.MODERATE.split(".")
    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    candidates = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(user_permissions=perm) | Q(groups__permissions=perm)
    )
    for moderator in candidates.distinct():
        if moderator.pk in (report.reporter_id, report.reported_id):
            continue
        if not permissions.can_moderate(moderator):
            continue
        notify(
            moderator,
            "messaging.report_received",
            context=lambda language, report=report: {
                "reason": str(report.get_reason_display()),
                # A registered target's words ("A post in a group"); empty for messages.
                "subject": str(report.target.label) if report.target else "",
            },
            link=("messaging_report", report.pk),
            dedupe_key=f"report:{report.pk}:received:{moderator.pk}",
        )


def _comment(comment: str) -> str:
    return check_length((comment or "").strip(), MAX_COMMENT)


@transaction.atomic
def report_message(*, reporter, message, reason, comment: str = "", now=None) -> Report:
    """Report a message from someone else, in a conversation ``reporter`` can see."""
    now = now or timezone.now()
    reason = Report.Reason(reason)
    comment = _comment(comment)
    message, place = selectors.visible_message(reporter, message.pk)
    if message is None:
        raise MessagingError("not_participant", status=404)
    if message.sender_id == reporter.pk:
        raise MessagingError("own_message", status=403)
    _lock(reporter)
    if Report.objects.filter(
        reporter=reporter, message=message, status=Report.Status.OPEN
    ).exists():
        raise MessagingError("already_reported")
    names = selectors.display_names([message.sender_id])
    report = Report.objects.create(
        reporter=reporter,
        conversation_id=message.conversation_id,
        message=message,
        subject=Report.Subject.MESSAGE,
        target_id=message.pk,
        reported_id=message.sender_id,
        reason=reason,
        comment=comment,
        evidence=_evidence(
            Message.objects.filter(pk=message.pk).prefetch_related("attachments"), names
        ),
        created_at=now,
    )
    _tell_moderators(report)
    return report


@transaction.atomic
def report_conversation(*, reporter, conversation, reason, comment: str = "", now=None) -> Report:
    """Report a whole conversation: the copy is the last messages the reporter can see
    that the others sent; in a direct conversation the report is about the other person."""
    now = now or timezone.now()
    reason = Report.Reason(reason)
    comment = _comment(comment)
    place = selectors.participation(reporter, conversation.pk)
    if place is None:
        raise MessagingError("not_participant", status=404)
    conversation = place.conversation
    _lock(reporter)
    if Report.objects.filter(
        reporter=reporter,
        conversation=conversation,
        message__isnull=True,
        status=Report.Status.OPEN,
    ).exists():
        raise MessagingError("already_reported")
    recent = list(
        selectors.visible_messages(reporter, conversation, place=place)
        .filter(deleted_at__isnull=True, removed_at__isnull=True)
        .exclude(sender=reporter)
        .prefetch_related("attachments")
        .order_by("-created_at", "-id")[:EVIDENCE_MESSAGES]
    )
    if not recent:
        raise MessagingError("nothing_to_report")
    recent.reverse()
    reported_id = None
    if not conversation.is_group:
        other = conversation.participants.exclude(user=reporter).values_list("user_id", flat=True)
        reported_id = next(iter(other), None)
    names = selectors.display_names({m.sender_id for m in recent})
    report = Report.objects.create(
        reporter=reporter,
        conversation=conversation,
        message=None,
        subject=Report.Subject.CONVERSATION,
        target_id=conversation.pk,
        reported_id=reported_id,
        reason=reason,
        comment=comment,
        evidence=_evidence(recent, names),
        created_at=now,
    )
    _tell_moderators(report)
    return report


def _lock(user) -> None:
    list(User.objects.select_for_update().filter(pk=user.pk).values("pk"))


def lock_reporter(user) -> None:
    """Serialise one member's reports (an app checks "already reported" after this)."""
    _lock(user)


def open_report_exists(*, reporter, subject: str, target_id: int) -> bool:
    return Report.objects.filter(
        reporter=reporter, subject=subject, target_id=target_id, status=Report.Status.OPEN
    ).exists()


@transaction.atomic
def report_create(
    *,
    reporter,
    subject: str,
    target_id: int,
    reported,
    reason,
    comment: str = "",
    evidence: list[dict],
    scope: str = "",
    place_label: str = "",
    place_url: str = "",
    now=None,
) -> Report:
    """File a report of a registered target. The target's app has checked that
    ``reporter`` may see it and that it is not theirs; this refuses a second open report
    by the same member (``already_reported``), keeps the copy, and tells the moderators."""
    if targets.get(subject) is None:
        raise ValueError(f"no moderation target {subject!r}")
    now = now or timezone.now()
    reason = Report.Reason(reason)
    comment = _comment(comment)
    _lock(reporter)
    if open_report_exists(reporter=reporter, subject=subject, target_id=target_id):
        raise MessagingError("already_reported")
    report = Report.objects.create(
        reporter=reporter,
        subject=subject,
        target_id=target_id,
        reported=reported,
        scope=scope,
        place_label=place_label[:200],
        place_url=place_url[:500],
        reason=reason,
        comment=comment,
        evidence=evidence,
        created_at=now,
    )
    _tell_moderators(report)
    return report


# ---------------------------------------------------------------------------
# Moderators' actions
# ---------------------------------------------------------------------------


def _check_moderator(moderator, report=None) -> None:
    """Moderators act on every report; with ``report``, so does whoever its target admits
    within its scope (a group's hosts on reports of their group's posts)."""
    if permissions.can_moderate(moderator):
        return
    if report is not None and targets.may_act(moderator, report):
        return
    raise NotAllowed("moderate")


def _note(note: str, *, required: bool) -> str:
    note = check_length((note or "").strip(), MAX_NOTE)
    if required and not note:
        raise MessagingError("note_required", status=400)
    return note


def _open_report(moderator, report, *, allow_actioned: bool = True) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.reported_id == moderator.pk:
        raise MessagingError("about_you", status=403)
    allowed = {Report.Status.OPEN} | ({Report.Status.ACTIONED} if allow_actioned else set())
    if report.status not in allowed:
        raise MessagingError("report_closed")
    return report


def _concerned(report, member):
    """The member an action is about: the report's, or (for a report of a group
    conversation) one of the senders in its copy."""
    if member is None:
        if report is None or report.reported_id is None:
            raise MessagingError("no_member", status=400)
        return User.objects.get(pk=report.reported_id)
    if report is not None and member.pk != report.reported_id:
        senders = {item.get("sender_id") for item in report.evidence}
        if member.pk not in senders:
            raise MessagingError("no_member", status=400)
    return member


def _log(
    *, moderator, report, member, action, note, now, kind="", context=None, link=None
) -> ModerationAction:
    """Record the action, and tell the member concerned (``kind``) in their language."""
    logged = ModerationAction.objects.create(
        report=report,
        moderator=moderator,
        member=member,
        action=action,
        note=note,
        created_at=now,
    )
    if kind and member is not None:
        notify(
            member,
            kind,
            context=context if context is not None else {"note": note},
            link=link or ("messaging:inbox",),
            dedupe_key=f"moderation:{logged.pk}",
        )
    return logged


def _resolve(report, *, moderator, status, now) -> None:
    """Close the report, and tell the reporter once that it was dealt with."""
    if report.status == Report.Status.OPEN:
        report.status = status
        report.resolved_at = now
        report.resolved_by = moderator
        report.save(update_fields=["status", "resolved_at", "resolved_by"])
    if report.reporter_id:
        notify(
            User.objects.get(pk=report.reporter_id),
            "messaging.report_resolved",
            context={},
            link=("messaging:inbox",) if report.target is None else None,
            dedupe_key=f"report:{report.pk}:resolved",
        )


@transaction.atomic
def report_dismiss(*, moderator, report, note: str = "", now=None) -> ModerationAction:
    """Nothing to act on: the report is closed; only the reporter is told."""
    _check_moderator(moderator, report)
    now = now or timezone.now()
    note = _note(note, required=False)
    report = _open_report(moderator, report, allow_actioned=False)
    action = _log(
        moderator=moderator,
        report=report,
        member=report.reported,
        action=ModerationAction.Action.DISMISS,
        note=note,
        now=now,
    )
    _resolve(report, moderator=moderator, status=Report.Status.DISMISSED, now=now)
    return action


@transaction.atomic
def message_remove(*, moderator, report, note: str = "", now=None) -> ModerationAction:
    """Remove the reported message: everyone sees "Removed by a moderator"; its text and
    files go (the report's copy stays for the moderators)."""
    _check_moderator(moderator)
    now = now or timezone.now()
    note = _note(note, required=False)
    report = _open_report(moderator, report)
    if report.message_id is None:
        raise MessagingError("no_message")
    message = Message.objects.select_for_update().get(pk=report.message_id)
    if message.removed_at is not None or message.deleted_at is not None:
        raise MessagingError("gone")
    message.removed_at = now
    message.body = ""
    message.html = ""
    message.save(update_fields=["removed_at", "body", "html"])
    for attachment in message.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    sender = User.objects.filter(pk=message.sender_id).first()
    action = _log(
        moderator=moderator,
        report=report,
        member=sender,
        action=ModerationAction.Action.REMOVE,
        note=note,
        now=now,
        kind="messaging.message_removed",
        link=("messaging:conversation", message.conversation_id),
    )
    _resolve(report, moderator=moderator, status=Report.Status.ACTIONED, now=now)
    return action


@transaction.atomic
def content_remove(*, moderator, report, note: str = "", now=None) -> ModerationAction:
    """Remove a registered target's reported content (a post): its app blanks it, so
    everyone sees "Removed by a moderator"; the report's copy stays for the moderators.
    The author is told with the target's kind and the note."""
    _check_moderator(moderator, report)
    now = now or timezone.now()
    note = _note(note, required=False)
    report = _open_report(moderator, report)
    target = report.target
    if target is None:
        raise MessagingError("no_message")
    if target.is_gone(report):
        raise MessagingError("gone")
    author = target.remove(report, now=now)
    action = _log(
        moderator=moderator,
        report=report,
        member=author,
        action=ModerationAction.Action.REMOVE,
        note=note,
        now=now,
        kind=target.removed_kind,
        context=(
            (lambda language: {**target.removed_context(report, language), "note": note})
            if target.removed_context
            else None
        ),
        link=target.removed_link(report) if target.removed_link else None,
    )
    _resolve(report, moderator=moderator, status=Report.Status.ACTIONED, now=now)
    return action


@transaction.atomic
def action_record(
    *,
    moderator,
    report,
    member,
    action: str,
    note: str = "",
    now=None,
    kind="",
    context=None,
    link=None,
) -> ModerationAction:
    """Log an action of a target's own (a host removing the member from the group) on an
    open report, and close it. The target's app has done the action itself."""
    _check_moderator(moderator, report)
    now = now or timezone.now()
    note = _note(note, required=False)
    report = _open_report(moderator, report)
    target = report.target
    if target is None or action not in target.actions:
        raise ValueError(f"no action {action!r} for this report")
    logged = _log(
        moderator=moderator,
        report=report,
        member=member,
        action=action,
        note=note,
        now=now,
        kind=kind,
        context=context,
        link=link,
    )
    _resolve(report, moderator=moderator, status=Report.Status.ACTIONED, now=now)
    return logged


@transaction.atomic
def member_warn(*, moderator, report, note: str, member=None, now=None) -> ModerationAction:
    """Warn the member the report is about, with a note they receive by email."""
    _check_moderator(moderator)
    now = now or timezone.now()
    note = _note(note, required=True)
    report = _open_report(moderator, report)
    member = _concerned(report, member)
    action = _log(
        moderator=moderator,
        report=report,
        member=member,
        action=ModerationAction.Action.WARN,
        note=note,
        now=now,
        kind="messaging.member_warned",
    )
    _resolve(report, moderator=moderator, status=Report.Status.ACTIONED, now=now)
    return action


@transaction.atomic
def member_suspend(
    *, moderator, report=None, member=None, days: int | None, note: str, now=None
) -> ModerationAction:
    """Suspend a member's messages for ``days`` (None: until a moderator lifts it). They
    still read their conversations."""
    _check_moderator(moderator)
    now = now or timezone.now()
    note = _note(note, required=True)
    if days is not None and int(days) < 1:
        raise MessagingError("bad_days", status=400)
    if report is not None:
        report = _open_report(moderator, report)
    member = _concerned(report, member)
    if member.pk == moderator.pk:
        raise MessagingError("about_you", status=403)
    settings, _created = MessagingSettings.objects.select_for_update().get_or_create(user=member)
    settings.suspended_at = now
    settings.suspended_until = now + timedelta(days=int(days)) if days is not None else None
    settings.save(update_fields=["suspended_at", "suspended_until"])
    until = settings.suspended_until
    action = _log(
        moderator=moderator,
        report=report,
        member=member,
        action=ModerationAction.Action.SUSPEND,
        note=note,
        now=now,
        kind="messaging.member_suspended",
        context=lambda language: {"note": note, "until": _date(until, language)},
    )
    if report is not None:
        _resolve(report, moderator=moderator, status=Report.Status.ACTIONED, now=now)
    return action


def _date(moment, language) -> str:
    if moment is None:
        return ""
    from django.utils import formats

    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


@transaction.atomic
def suspension_lift(*, moderator, member, note: str = "", now=None) -> ModerationAction:
    """Let a suspended member send messages again."""
    _check_moderator(moderator)
    now = now or timezone.now()
    note = _note(note, required=False)
    if member.pk == moderator.pk:
        raise MessagingError("about_you", status=403)
    settings = MessagingSettings.objects.select_for_update().filter(user=member).first()
    if settings is None or not settings.is_suspended(now):
        raise MessagingError("not_suspended")
    settings.suspended_at = None
    settings.suspended_until = None
    settings.save(update_fields=["suspended_at", "suspended_until"])
    action = _log(
        moderator=moderator,
        report=None,
        member=member,
        action=ModerationAction.Action.LIFT,
        note=note,
        now=now,
        kind="messaging.suspension_lifted",
    )
    return action
