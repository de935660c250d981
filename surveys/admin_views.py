"""Staff screens in the Wagtail admin: survey results (aggregates only), their CSV and XLSX
export, and the launch of a stakeholder survey after a confirmation page.

Results never name who answered: the page and the exports are built from the anonymous
responses only, every count through ``home.aggregates.cell``.
"""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home import exports
from home import questions as q
from home.errors import ServiceError
from surveys import permissions, selectors, services
from surveys.models import Audience, Survey


def _survey(survey_id: int) -> Survey:
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:
        raise Http404
    return survey.canonical


def _round_id(request, survey) -> int | None:
    value = request.GET.get("round", "")
    if not value.isdigit():
        return None
    if not survey.rounds.filter(pk=int(value)).exists():
        raise Http404
    return int(value)


def results_index(request):
    if not permissions.can_see_results(request.user):
        raise PermissionDenied
    surveys = list(selectors.originals(Survey.objects.all()).order_by("-opens_at", "pk"))
    return render(request, "surveys/admin/index.html", {"surveys": surveys})


def results(request, survey_id: int):
    if not permissions.can_see_results(request.user):
        raise PermissionDenied
    survey = _survey(survey_id)
    round_id = _round_id(request, survey)
    data = selectors.results(survey, round_id=round_id, language=get_language())
    return render(
        request,
        "surveys/admin/results.html",
        {
            "survey": survey,
            "rounds": list(selectors.rounds_of(survey)),
            "round_id": round_id,
            "data": data,
            "can_launch": survey.audience == Audience.STAKEHOLDERS
            and permissions.can_launch(request.user, survey),
        },
    )


def _rows(data: dict) -> list[list]:
    """One row per option, scale value, mean or (past the threshold) free-text answer."""
    rows = [[_("All questions"), _("Responses"), "", data["responses"].display()]]
    for item in data["questions"]:
        label = item["question"]["label"]
        rows.append([label, _("Answered"), "", item["answered"].display()])
        for option in item.get("options", []):
            rows.append([label, _("Count"), option["label"], option["count"].display()])
        if item["kind"] == q.SCALE:
            mean = item["mean"]
            rows.append([label, _("Mean"), "", mean if mean is not None else _("not shown")])
            for family in item["by_family"].values():
                fmean = family["mean"]
                rows.append(
                    [
                        label,
                        _("Mean by sector family"),
                        family["label"],
                        fmean if fmean is not None else _("not shown"),
                    ]
                )
        if item["kind"] in q.TEXT_KINDS:
            if item["texts"] is None:
                rows.append([label, _("Answer"), "", _("not shown: fewer than 5 answers")])
            for text in item["texts"] or []:
                rows.append([label, _("Answer"), "", text])
    return rows


HEADINGS = [_("Question"), _("Figure"), _("Option"), _("Value")]


def export(request, survey_id: int, fmt: str):
    if not permissions.can_see_results(request.user):
        raise PermissionDenied
    if fmt not in ("csv", "xlsx"):
        raise Http404
    survey = _survey(survey_id)
    data = selectors.results(survey, round_id=_round_id(request, survey), language=get_language())
    rows = _rows(data)
    stamp = timezone.localdate().isoformat()
    filename = f"survey-{survey.pk}-results-{stamp}"
    if fmt == "csv":
        return exports.csv_response(f"{filename}.csv", [str(h) for h in HEADINGS], rows)
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    sheet.append([exports.cell(str(h), exports.XLSX) for h in HEADINGS])
    for row in rows:
        sheet.append([exports.cell(value, exports.XLSX) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def launch(request, survey_id: int):
    """Send a stakeholder survey to its group, after a page that says how many people
    will be invited (works without JavaScript)."""
    if not permissions.can_launch(request.user):
        raise PermissionDenied
    survey = _survey(survey_id)
    error = None
    if request.method == "POST":
        try:
            round_ = services.survey_launch(survey=survey, by=request.user)
        except ServiceError as exc:
            error = exc
        else:
            messages.success(
                request,
                _("The survey is open: %(count)s people are being invited.")
                % {"count": round_.invitations.count()},
            )
            return redirect("surveys_admin_results", survey_id=survey.pk)
    return render(
        request,
        "surveys/admin/launch_confirm.html",
        {
            "survey": survey,
            "count": selectors.launch_preview(survey),
            "group": survey.get_group_display(),
            "closes_at": survey.closes_at,
            "error": error.message if error else "",
            "stakeholder": survey.audience == Audience.STAKEHOLDERS,
        },
        status=error.status if error else 200,
    )
