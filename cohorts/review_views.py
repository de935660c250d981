"""Rubric review screens in the Wagtail admin (issue 17).

* a reviewer's queue per cohort ("12 of 40 reviewed", unscored first, filters) and the
  review screen of one assignment (blind when the cohort asks for it);
* programme staff: assignments (automatic and by hand, conflicts explained) and bulk moves
  by filter with a confirmation page.

Views are thin: they check the permission, read through the selectors and call services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cohorts import conflicts, permissions, selectors, services
from cohorts.admin_views import _cohort
from cohorts.forms import AutoAssignForm, BulkMoveForm, RubricReviewForm
from cohorts.models import Application, ApplicationStatus, Review, ReviewAssignment
from home.errors import ServiceError
from home.taxonomy import Region, Sector

S = ApplicationStatus
PAGE_SIZE = 50
#: Questions with this tag are hidden from reviewers in a blind review.
IDENTIFYING = "identifying"


def _require(predicate, user):
    if not predicate(user):
        raise PermissionDenied


def _int(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def _progress_text(progress) -> str:
    return _("%(done)s of %(total)s reviewed") % progress


def queue(request, cohort_id: int):
    _require(permissions.can_review_applications, request.user)
    cohort = _cohort(cohort_id)
    state = request.GET.get("state", "")
    state = state if state in selectors.QUEUE_STATES else ""
    region = request.GET.get("region", "")
    region = region if region in dict(Region.choices) else ""
    sector = request.GET.get("sector", "")
    sector = sector if sector in dict(Sector.choices) else ""
    rows = selectors.review_queue(request.user, cohort, state=state, region=region, sector=sector)
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    progress = selectors.queue_progress(request.user, cohort)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cohorts/admin/queue.html",
        {
            "cohort": cohort,
            "page_obj": page_obj,
            "progress": progress,
            "progress_text": _progress_text(progress),
            "next": selectors.next_to_review(request.user, cohort),
            "blind": cohort.blind_review,
            "filters": [
                (
                    "state",
                    _("Progress"),
                    [("to_review", _("To review")), ("reviewed", _("Reviewed"))],
                    state,
                ),
                ("region", _("Region"), list(Region.choices), region),
                ("sector", _("Sector"), list(Sector.choices), sector),
            ],
            "query": query.urlencode(),
            "is_manager": permissions.can_manage_review(request.user),
        },
    )


def _answers(application, cohort, *, blind: bool):
    questions = cohort.question_list()
    if blind:
        questions = [q for q in questions if (q.get("tag") or "").strip() != IDENTIFYING]
    files = {f.question_id: f for f in application.files.all()}
    return selectors.answer_rows(questions, application.answers, files)


def review(request, assignment_id: int):
    """One assignment of the signed-in reviewer: the application and the rubric form.
    Anyone else's assignment answers 404."""
    _require(permissions.can_review_applications, request.user)
    assignment = (
        ReviewAssignment.objects.filter(pk=assignment_id, reviewer=request.user)
        .exclude(application__status__in=[S.DRAFT, S.WITHDRAWN])
        .select_related("application", "application__cohort", "application__theme")
        .first()
    )
    if assignment is None:
        raise Http404
    application = assignment.application
    cohort = application.cohort.canonical
    criteria = cohort.localized_for(request.LANGUAGE_CODE).criteria_list() or []
    # Labels in the reader's language; ids, weights and ranges are the original's.
    original = {c["id"]: c for c in cohort.criteria_list()}
    criteria = [
        {**original[c["id"]], "label": c["label"], "description": c["description"]}
        for c in criteria
        if c["id"] in original
    ] or list(original.values())
    existing = Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
    initial = {}
    if existing is not None:
        initial = {f"score_{s.criterion}": s.value for s in existing.scores.all()}
        initial["comment"] = existing.comment
    form = RubricReviewForm(initial=initial, criteria=criteria)
    status = 200
    if request.method == "POST":
        form = RubricReviewForm(request.POST, criteria=criteria)
        if not criteria:
            messages.error(request, services.RubricError("no_criteria").message)
        elif form.is_valid():
            try:
                services.review_submit(
                    assignment=assignment,
                    by=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except ServiceError as exc:
                messages.error(request, exc.message)
                status = exc.status
            else:
                progress = selectors.queue_progress(request.user, cohort)
                messages.success(
                    request,
                    _("Review saved. %(progress)s.") % {"progress": _progress_text(progress)},
                )
                following = selectors.next_to_review(request.user, cohort, after=assignment.pk)
                if following is not None:
                    return redirect("cohorts_admin_review", assignment_id=following.pk)
                return redirect("cohorts_admin_queue", cohort_id=cohort.pk)
        else:
            status = 400
    blind = cohort.blind_review
    progress = selectors.queue_progress(request.user, cohort)
    return render(
        request,
        "cohorts/admin/review.html",
        {
            "cohort": cohort,
            "assignment": assignment,
            "application": application,
            "blind": blind,
            "answers": _answers(application, cohort, blind=blind),
            "form": form,
            "criteria": criteria,
            "existing": existing,
            "progress_text": _progress_text(progress),
        },
        status=status,
    )


def assignments(request, cohort_id: int):
    """Programme staff: assign reviewers automatically or by hand."""
    _require(permissions.can_manage_review, request.user)
    cohort = _cohort(cohort_id)
    pool = selectors.reviewer_pool()
    managers = set(
        pool.filter(groups__permissions__codename="manage_cohort").values_list("pk", flat=True)
    )
    form = AutoAssignForm(
        pool=pool,
        initial={
            "per_application": cohort.reviews_per_application,
            "reviewers": [u.pk for u in pool if u.pk not in managers],
        },
    )
    result, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "auto":
            form = AutoAssignForm(request.POST, pool=pool)
            if form.is_valid():
                try:
                    result = services.assign_automatically(
                        cohort=cohort,
                        per_application=form.cleaned_data["per_application"],
                        reviewers=list(form.cleaned_data["reviewers"]),
                        by=request.user,
                    )
                except ServiceError as exc:
                    messages.error(request, exc.message)
                    status = exc.status
                else:
                    messages.success(
                        request,
                        _("%(count)s assignments made.") % {"count": result.created},
                    )
                    if result.shortfalls:
                        messages.warning(
                            request,
                            _(
                                "%(count)s applications could not get enough reviewers: "
                                "see the list below."
                            )
                            % {"count": len(result.shortfalls)},
                        )
            else:
                status = 400
        elif action in {"assign", "unassign"}:
            status = _assign_by_hand(request, cohort, action, pool)
            if status == 302:
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("Choose what to do."))
            status = 400
    applications = (
        Application.objects.filter(cohort=cohort, status__in=services.REVIEWABLE)
        .order_by("pk")
        .prefetch_related("assignments__reviewer", "assignments__review")
    )
    page_obj = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    people = list(pool)
    conflicted = conflicts.conflicts_for(people, rows)
    table = []
    for application in rows:
        taken = {a.reviewer_id for a in application.assignments.all()}
        table.append(
            {
                "application": application,
                "assignments": list(application.assignments.all()),
                "choices": [u for u in people if u.pk not in taken],
                "conflicts": [
                    (u, conflicts.explain(conflicted[(u.pk, application.pk)]))
                    for u in people
                    if (u.pk, application.pk) in conflicted
                ],
            }
        )
    return render(
        request,
        "cohorts/admin/assignments.html",
        {
            "cohort": cohort,
            "form": form,
            "result": result,
            "page_obj": page_obj,
            "rows": table,
        },
        status=status,
    )


def _assign_by_hand(request, cohort, action, pool) -> int:
    try:
        if action == "assign":
            application = Application.objects.filter(
                cohort=cohort, pk=_int(request.POST.get("application"))
            ).first()
            reviewer = pool.filter(pk=_int(request.POST.get("reviewer"))).first()
            if application is None or reviewer is None:
                messages.error(request, _("Choose an application and a reviewer from the list."))
                return 400
            services.assignment_add(application=application, reviewer=reviewer, by=request.user)
            messages.success(request, _("Reviewer assigned."))
        else:
            assignment = ReviewAssignment.objects.filter(
                application__cohort=cohort, pk=_int(request.POST.get("assignment"))
            ).first()
            if assignment is None:
                messages.error(request, _("Choose an assignment from the list."))
                return 400
            services.assignment_remove(assignment=assignment, by=request.user)
            messages.success(request, _("Reviewer removed."))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return exc.status
    return 302


def matching(cohort, data: dict):
    """The applications a bulk move's filters select (validated data)."""
    queryset = Application.objects.filter(cohort=cohort, status__in=services.REVIEWABLE)
    if data.get("min_score") is not None:
        queryset = queryset.filter(score__gte=data["min_score"])
    for name in ("region", "sector", "status"):
        if data.get(name):
            queryset = queryset.filter(**{name: data[name]})
    return queryset.order_by("-score", "pk")


def bulk_move(request, cohort_id: int):
    """Move every application matching the filters; the first step says how many."""
    _require(permissions.can_manage_review, request.user)
    cohort = _cohort(cohort_id)
    statuses = [
        (v, label) for v, label in S.choices if v not in {S.DRAFT, S.SUBMITTED, S.WITHDRAWN}
    ]
    current = [(v, label) for v, label in S.choices if v in services.REVIEWABLE]
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = BulkMoveForm(data, statuses=statuses, current=current)
    count, status = None, 200
    if data is not None and form.is_valid():
        chosen = matching(cohort, form.cleaned_data)
        if request.method == "POST" and form.cleaned_data["confirm"]:
            result = services.applications_bulk_move(
                applications=list(chosen),
                to_status=form.cleaned_data["to_status"],
                by=request.user,
                override=bool(request.POST.get("override")),
            )
            if result.done:
                messages.success(
                    request,
                    _("%(count)s applications moved to “%(status)s”.")
                    % {"count": result.done, "status": S(form.cleaned_data["to_status"]).label},
                )
            elif not result.errors:
                messages.warning(request, _("No application matches these filters."))
            for error in result.errors[:20]:
                messages.error(request, error)
            if len(result.errors) > 20:
                messages.error(
                    request,
                    _("…and %(count)s more could not move.") % {"count": len(result.errors) - 20},
                )
            return redirect(reverse("cohorts_admin_cohort", args=[cohort.pk]))
        count = chosen.count()
    elif data is not None:
        status = 400
    return render(
        request,
        "cohorts/admin/bulk_move.html",
        {
            "cohort": cohort,
            "form": form,
            "count": count,
            "to_label": S(form.cleaned_data["to_status"]).label if count is not None else "",
            "is_manager": permissions.can_release_decisions(request.user),
        },
        status=status,
    )
