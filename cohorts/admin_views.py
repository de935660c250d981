"""Staff screens in the Wagtail admin: review a cohort's applications, see the balance,
decide in bulk, release decisions, mark completion and revoke certificates.

Every view checks the reviewer or manager permission; the services check again.
"""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from django_countries import countries

from cohorts import permissions, selectors, services
from cohorts.forms import BulkDecisionForm, BulkMoveForm, ReviewNoteForm
from cohorts.models import (
    Application,
    ApplicationStatus,
    Certificate,
    CohortPage,
    Gender,
    Participant,
    ReviewAssignment,
    unreleased_decisions,
)
from home import exports
from home.errors import ServiceError
from home.models import Theme
from home.taxonomy import Region, Sector

S = ApplicationStatus
PAGE_SIZE = 50


def _require_reviewer(request):
    if not permissions.can_review_applications(request.user):
        raise PermissionDenied


def _cohort(cohort_id: int) -> CohortPage:
    cohort = CohortPage.objects.filter(pk=cohort_id).first()
    if cohort is None:
        raise Http404
    return cohort.canonical


def review_index(request):
    _require_reviewer(request)
    originals = CohortPage.objects.filter(alias_of__isnull=True).order_by("pk")
    seen, cohorts = set(), []
    for cohort in originals:
        if cohort.translation_key not in seen:
            seen.add(cohort.translation_key)
            cohorts.append(cohort)
    counts = dict(
        Application.objects.exclude(status=S.DRAFT)
        .values_list("cohort_id")
        .annotate(n=Count("pk"))
        .values_list("cohort_id", "n")
    )
    mine = dict(
        Application.objects.filter(assignments__reviewer=request.user)
        .exclude(status__in=[S.DRAFT, S.WITHDRAWN])
        .values_list("cohort_id")
        .annotate(n=Count("pk"))
        .values_list("cohort_id", "n")
    )
    manages = permissions.can_manage_review(request.user)
    rows = [
        {"cohort": c, "count": counts.get(c.pk, 0), "mine": mine.get(c.pk, 0)}
        for c in cohorts
        if manages or c.pk in mine
    ]
    return render(request, "cohorts/admin/index.html", {"rows": rows, "manages": manages})


FILTERS = {
    "status": [(v, label) for v, label in S.choices if v != S.DRAFT],
    "region": list(Region.choices),
    "sector": list(Sector.choices),
    "gender": list(Gender.choices),
}


def _filtered(request, cohort):
    """The cohort's applications narrowed by GET filters; unknown values are ignored."""
    queryset = (
        Application.objects.filter(cohort=cohort)
        .exclude(status=S.DRAFT)
        .select_related("theme")
        .order_by("-score", "submitted_at", "pk")
    )
    selected = {}
    for name, choices in FILTERS.items():
        value = request.GET.get(name, "")
        if value in dict(choices):
            queryset = queryset.filter(**{name: value})
            selected[name] = value
    country = request.GET.get("country", "").upper()
    if country and country in dict(countries):
        queryset = queryset.filter(country=country)
        selected["country"] = country
    raw_score = request.GET.get("min_score", "").strip().replace(",", ".")
    try:
        min_score = Decimal(raw_score) if raw_score else None
    except InvalidOperation:
        min_score = None
    if min_score is not None and min_score.is_finite() and 0 <= min_score <= 100:
        queryset = queryset.filter(score__gte=min_score)
        selected["min_score"] = raw_score
    theme = request.GET.get("theme", "")
    if theme.isdigit():
        chosen = Theme.objects.filter(pk=int(theme)).first()
        if chosen is not None:
            queryset = queryset.filter(theme__translation_key=chosen.translation_key)
            selected["theme"] = theme
    return queryset, selected


def _require_staff(request):
    if not permissions.can_manage_review(request.user):
        raise PermissionDenied


def cohort_review(request, cohort_id: int):
    """Programme staff's desk: every application with its reviews (weighted mean, spread,
    disagreement), the balance, bulk decisions."""
    _require_staff(request)
    cohort = _cohort(cohort_id)
    queryset, selected = _filtered(request, cohort)
    statuses = [
        (v, label) for v, label in S.choices if v not in {S.DRAFT, S.SUBMITTED, S.WITHDRAWN}
    ]
    if request.method == "POST":
        form = BulkDecisionForm(request.POST, cohort=cohort, statuses=statuses)
        if form.is_valid():
            result = services.applications_bulk_transition(
                applications=form.cleaned_data["applications"],
                to_status=form.cleaned_data["to_status"],
                by=request.user,
                override=form.cleaned_data["override"],
            )
            if result.done:
                messages.success(
                    request,
                    _("%(count)s applications moved to “%(status)s”.")
                    % {"count": result.done, "status": S(form.cleaned_data["to_status"]).label},
                )
            for error in result.errors:
                messages.error(request, error)
            return redirect(request.get_full_path())
        messages.error(request, _("Choose at least one application and a status."))
    else:
        form = BulkDecisionForm(cohort=cohort, statuses=statuses)
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    summaries = selectors.review_summaries([a.pk for a in page_obj.object_list], cohort)
    for application in page_obj.object_list:
        application.summary = summaries[application.pk]
    unreleased = unreleased_decisions(cohort).count()
    names = dict(countries)
    used = (
        Application.objects.filter(cohort=cohort)
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
    )
    filters = {
        **FILTERS,
        "country": sorted(((code, names.get(code, code)) for code in used), key=lambda p: p[1]),
        "theme": [(str(t.pk), t.name) for t in Theme.objects.filter(locale=cohort.locale)],
    }
    programme = cohort.programme
    if not (programme and programme.collects_gender):
        filters.pop("gender")
    labels = {
        "status": _("Status"),
        "region": _("Region"),
        "sector": _("Sector"),
        "gender": _("Gender"),
        "country": _("Country"),
        "theme": _("Theme"),
    }
    filters = [(name, labels[name], choices) for name, choices in filters.items()]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cohorts/admin/cohort_review.html",
        {
            "cohort": cohort,
            "page_obj": page_obj,
            "count": paginator.count,
            "form": form,
            "balance": selectors.selection_balance(cohort),
            "filters": filters,
            "selected": selected,
            "query": query.urlencode(),
            "unreleased": unreleased,
            "is_manager": permissions.can_release_decisions(request.user),
            "criteria": cohort.criteria_list(),
            "move_form": BulkMoveForm(
                statuses=statuses,
                current=[(v, label) for v, label in S.choices if v in services.REVIEWABLE],
                initial={"to_status": S.SHORTLISTED},
            ),
        },
    )


def cohort_export(request, cohort_id: int):
    """CSV of the filtered list, through the kernel's formula-safe export."""
    _require_staff(request)
    cohort = _cohort(cohort_id)
    queryset, _selected = _filtered(request, cohort)
    questions = cohort.question_list()
    headings = [
        _("Name"),
        _("Status"),
        _("Organisation"),
        _("Role"),
        _("Country"),
        _("Region"),
        _("Sector"),
        _("Scope of work"),
        _("Theme"),
        _("Gender"),
        _("Average score"),
        f"{_('Submitted')} ({exports.zone_label()})",
        *[q["label"] for q in questions],
    ]

    def rows():
        for a in queryset.iterator(chunk_size=500):
            answers = []
            for q in questions:
                value = a.answers.get(q["id"], "")
                if isinstance(value, list):
                    value = "; ".join(selectors.choice_text(q, v) for v in value)
                elif q["kind"] == "choice":
                    value = selectors.choice_text(q, value)
                answers.append(value)
            yield [
                a.applicant_name,
                a.get_status_display(),
                a.organisation,
                a.role,
                a.country.name if a.country else "",
                a.get_region_display(),
                a.get_sector_display(),
                a.get_scope_display(),
                a.theme.name if a.theme else "",
                a.get_gender_display(),
                a.score,
                a.submitted_at,
                *answers,
            ]

    return exports.csv_response(f"applications-{cohort.slug}.csv", headings, rows())


def release(request, cohort_id: int):
    """Release decisions, after a confirmation page: how many people will be emailed, by
    decision and by language. Refused while applications are open unless overridden."""
    cohort = _cohort(cohort_id)
    if not permissions.can_release_decisions(request.user, cohort):
        raise PermissionDenied
    error = None
    override = bool(request.POST.get("override")) if request.method == "POST" else False
    if request.method == "POST":
        try:
            told = services.decisions_release(cohort=cohort, by=request.user, override=override)
        except ServiceError as exc:
            error = exc
        else:
            messages.success(
                request, _("%(count)s applicants were told the decision.") % {"count": told}
            )
            return redirect("cohorts_admin_cohort", cohort_id=cohort.pk)
    return render(
        request,
        "cohorts/admin/release_confirm.html",
        {
            "cohort": cohort,
            "preview": selectors.release_preview(cohort),
            "is_open": cohort.is_open(),
            "override": override,
            "error": error.message if error else "",
        },
        status=error.status if error else 200,
    )


def application_review(request, pk: int):
    """Staff's view of one application. A reviewer is taken to their own review of it
    (blind if the cohort asks); any other application answers 404."""
    _require_reviewer(request)
    if not permissions.can_see_all_applications(request.user):
        assignment = ReviewAssignment.objects.filter(
            application_id=pk, reviewer=request.user
        ).first()
        if assignment is None:
            raise Http404
        return redirect("cohorts_admin_review", assignment_id=assignment.pk)
    application = get_object_or_404(
        selectors.applications_visible_to(request.user).select_related("cohort", "theme"), pk=pk
    )
    note_form = ReviewNoteForm()
    if request.method == "POST":
        try:
            if "to_status" in request.POST:
                services.application_transition(
                    application=application,
                    to_status=request.POST["to_status"],
                    by=request.user,
                    override=bool(request.POST.get("override")),
                )
                messages.success(request, _("Status changed."))
                return redirect("cohorts_admin_application", pk=pk)
            note_form = ReviewNoteForm(request.POST)
            if note_form.is_valid():
                services.review_note_add(
                    application=application,
                    by=request.user,
                    text=note_form.cleaned_data["text"],
                    score=note_form.cleaned_data["score"],
                )
                messages.success(request, _("Note saved."))
                return redirect("cohorts_admin_application", pk=pk)
        except ServiceError as exc:
            messages.error(request, exc.message)
        except (KeyError, ValueError):
            messages.error(request, _("Unknown status."))
    questions = application.cohort.question_list()
    files = {f.question_id: f for f in application.files.all()}
    answers = selectors.answer_rows(questions, application.answers, files)
    versions = selectors.submission_versions(application, questions)
    return render(
        request,
        "cohorts/admin/application.html",
        {
            "application": application,
            "answers": answers,
            "notes": application.review_notes.select_related("author"),
            "summary": selectors.review_summaries([application.pk], application.cohort)[
                application.pk
            ],
            "criteria": application.cohort.canonical.criteria_list(),
            "note_form": note_form,
            "transitions": [
                (s, S(s).label) for s in services.allowed_transitions(application, request.user)
            ],
            "is_manager": permissions.can_release_decisions(request.user),
            # Earlier submissions, as sent (the newest one is what is shown above: a
            # submitted application is locked, and drafts are not shown to reviewers).
            "earlier_versions": versions[1:],
        },
    )


def participants(request, cohort_id: int):
    cohort = _cohort(cohort_id)
    if not permissions.can_manage_participants(request.user, cohort):
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action", "")
        ids = [int(i) for i in request.POST.getlist("participants") if i.isdigit()]
        chosen = Participant.objects.filter(cohort=cohort, pk__in=ids)
        if action in {"complete", "not_complete"}:
            if not chosen:
                messages.error(request, _("Choose at least one participant."))
            saved = 0
            for participant in chosen:
                try:
                    services.participant_set_completion(
                        participant=participant, completed=action == "complete", by=request.user
                    )
                    saved += 1
                except ServiceError as exc:
                    messages.error(request, exc.message)
            if saved:
                messages.success(request, _("Completion saved."))
        elif action == "revoke":
            raw = request.POST.get("certificate", "")
            certificate = (
                Certificate.objects.filter(pk=int(raw), participant__cohort=cohort).first()
                if raw.isdigit()
                else None
            )
            if certificate is None:
                messages.error(request, _("Choose a certificate to revoke."))
            else:
                try:
                    services.certificate_revoke(
                        certificate=certificate,
                        by=request.user,
                        reason=request.POST.get("reason", ""),
                    )
                except ServiceError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, _("Certificate revoked."))
        return redirect("cohorts_admin_participants", cohort_id=cohort.pk)
    rows = Participant.objects.filter(cohort=cohort).select_related("user", "certificate")
    return render(
        request,
        "cohorts/admin/participants.html",
        {"cohort": cohort, "participants": rows},
    )
