"""Thin views: check who may do what (awards.selectors), call a service, render."""

import hashlib
import json
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from awards import opendata, permissions, selectors, services
from awards.errors import AwardError, AwardNotAllowed
from awards.forms import ConflictDecisionForm, ConflictDeclareForm, NominationForm, ScoreForm
from awards.models import (
    Attachment,
    AwardCategory,
    AwardProgrammePage,
    ConflictOfInterest,
    JudgingRound,
    Nomination,
    Score,
)
from awards.models.rounds import first_round
from home import private_files, routing
from home.errors import return_to


def _programme(pk) -> AwardProgrammePage:
    page = AwardProgrammePage.objects.live().filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def _nomination(pk) -> Nomination:
    return get_object_or_404(
        Nomination.objects.select_related("programme", "category", "nominator", "nominee_user"),
        pk=pk,
    )


def _criteria(programme):
    return programme.canonical.localized_criteria()


def _nomination_form_view(request, programme, nomination=None):
    canonical = programme.canonical
    page = selectors.localized(canonical)
    page.__dict__.setdefault("canonical", canonical)  # known: spare the page asking again
    draft = "save_draft" in request.POST
    criteria = _criteria(canonical)
    form_kwargs = {
        "programme": page,
        "user": request.user,
        "criteria": criteria,
        "draft": draft,
        "nomination": nomination,
    }
    member_query = (request.POST.get("member_query") or request.GET.get("member_query") or "")[:80]
    form_kwargs["member_query"] = member_query
    if request.method == "POST" and "find_member" in request.POST:
        # The no-JavaScript member search: show the form again, as typed, with matches.
        initial = {
            key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"
        }
        initial["links"] = request.POST.get("links", "")
        form = NominationForm(initial=initial, **form_kwargs)
        form.keep_files("attachments", request.FILES.getlist("attachments"))
    elif request.method == "POST":
        form = NominationForm(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            category = AwardCategory.objects.get(pk=form.cleaned_data["category"])
            try:
                saved = services.nomination_save(
                    programme=canonical,
                    nominator=request.user,
                    category=category,
                    data=form.service_data(),
                    nomination=nomination,
                    submit=not draft,
                    files=form.cleaned_data.get("attachments") or [],
                    remove_attachments=[
                        a.pk for a in form.cleaned_data.get("remove_attachments") or []
                    ],
                )
            except AwardError as exc:
                form.add_error(None, exc.message)
            else:
                if draft:
                    messages.success(
                        request, _("Your draft is saved. You can finish it before the deadline.")
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you: your nomination is submitted. We have emailed you a confirmation."
                        ),
                    )
                return redirect("awards:nomination_detail", saved.pk)
    else:
        initial = NominationForm.initial_for(nomination) if nomination else {}
        if not nomination and request.GET.get("category", "").isdigit():
            initial["category"] = int(request.GET["category"])
        form = NominationForm(initial=initial, **form_kwargs)
    return render(
        request,
        "awards/nomination_form.html",
        {"form": form, "programme": page, "nomination": nomination, "member_query": member_query},
    )


@login_required
def nominate(request, programme_pk):
    programme = _programme(programme_pk)
    if not programme.accepting_nominations():
        return render(
            request,
            "awards/closed.html",
            {"programme": selectors.localized(programme.canonical)},
            status=403,
        )
    return _nomination_form_view(request, programme)


@login_required
def nomination_edit(request, pk):
    nomination = _nomination(pk)
    if nomination.nominator_id != request.user.pk:
        raise Http404
    if not permissions.can_edit(request.user, nomination):
        messages.error(request, _("This nomination can no longer be changed."))
        return redirect("awards:nomination_detail", nomination.pk)
    return _nomination_form_view(request, nomination.programme, nomination)


@login_required
def nomination_detail(request, pk):
    nomination = _nomination(pk)
    published = nomination.programme.results_published()
    if not permissions.can_view_nomination(request.user, nomination):
        # The member nominee reads the jury's feedback here once results are out.
        if not (permissions.can_read_feedback(request.user, nomination) and published):
            raise Http404
        page = selectors.localized(nomination.programme)
        labels, _criteria_labels = page.label_maps()
        return render(
            request,
            "awards/nomination_feedback.html",
            {
                "nomination": nomination,
                "programme": page,
                "category": labels.get(nomination.category_id, nomination.category),
            },
        )
    page = selectors.localized(nomination.programme)
    labels, criteria_labels = page.label_maps()
    statements = [
        (criteria_labels.get(c.pk, c), nomination.statements.get(str(c.pk), ""))
        for c in _criteria(nomination.programme)
        if c.applies_to(nomination.category)
    ]
    return render(
        request,
        "awards/nomination_detail.html",
        {
            "nomination": nomination,
            "programme": page,
            "category": labels.get(nomination.category_id, nomination.category),
            "statements": statements,
            "attachments": nomination.attachments.all(),
            "can_edit": permissions.can_edit(request.user, nomination),
            "can_withdraw": permissions.can_withdraw(request.user, nomination),
            "feedback": nomination.feedback if published else "",
        },
    )


@login_required
def nomination_withdraw(request, pk):
    nomination = _nomination(pk)
    if nomination.nominator_id != request.user.pk:
        raise Http404
    if request.method != "POST":
        page = selectors.localized(nomination.programme)
        labels, _crit = page.label_maps()
        return render(
            request,
            "awards/nomination_withdraw.html",
            {
                "nomination": nomination,
                "programme": page,
                "category": labels.get(nomination.category_id, nomination.category),
                "available": permissions.can_withdraw(request.user, nomination),
                "back": reverse("awards:nomination_detail", args=[nomination.pk]),
            },
        )
    return_to(request, reverse("awards:nomination_detail", args=[nomination.pk]))
    services.nomination_withdraw(nomination=nomination, by=request.user)
    messages.success(request, _("Your nomination is withdrawn."))
    return redirect("awards:nomination_detail", nomination.pk)


@login_required
def nomination_decline(request, pk):
    """The nominee's answer: accept to be considered, or decline (``answer`` in the POST;
    without it, decline, as the older emails' links asked)."""
    nomination = _nomination(pk)
    if nomination.nominee_user_id != request.user.pk:
        raise Http404
    page = selectors.localized(nomination.programme)
    if request.method == "POST":
        return_to(request, "awards:my_nominations")
        answer = request.POST.get("answer", "decline")
        if answer not in {"accept", "decline"}:
            messages.error(request, _("Choose to accept or to decline the nomination."))
            return redirect("awards:nomination_decline", nomination.pk)
        if answer == "accept":
            services.nomination_accept(nomination=nomination, by=request.user)
            messages.success(
                request,
                _("Thank you: you have accepted the nomination. The jury will consider it."),
            )
            return redirect("awards:nomination_decline", nomination.pk)
        services.nomination_decline(nomination=nomination, by=request.user)
        messages.success(
            request, _("You have declined the nomination. It will not be judged or published.")
        )
        return redirect("awards:my_nominations")
    labels, _crit = page.label_maps()
    return render(
        request,
        "awards/nomination_decline.html",
        {
            "nomination": nomination,
            "programme": page,
            "category": labels.get(nomination.category_id, nomination.category),
            "can_accept": permissions.can_accept(request.user, nomination),
            "can_decline": permissions.can_decline(request.user, nomination),
        },
    )


@login_required
def my_nominations(request):
    made = list(selectors.member_nominations(request.user))
    received = list(
        Nomination.objects.filter(
            nominee_user=request.user, status=Nomination.Status.SUBMITTED
        ).select_related("programme", "category")
    )
    return render(request, "awards/my_nominations.html", {"made": made, "received": received})


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(
        Attachment.objects.select_related("nomination__programme"), pk=pk
    )
    if not permissions.can_download(request.user, attachment):
        raise Http404
    return private_files.download(
        attachment.file, content_type=attachment.content_type, filename=attachment.original_name
    )


# ----------------------------------------------------------------------------------------
# Jury
# ----------------------------------------------------------------------------------------


@login_required
def jury_dashboard(request):
    programmes = selectors.juror_dashboard(request.user)
    if not programmes and not permissions.can_read_every_nomination(request.user):
        raise Http404
    return render(
        request,
        "awards/jury_dashboard.html",
        {"programmes": programmes, "decision_form": ConflictDecisionForm()},
    )


def _review_round(user, nomination, round_pk):
    """The round a review page is in: the one in the address (its jurors and award
    managers only, and only if it judges the nomination: else 404), or the juror's open
    round for it (else their latest, else the first)."""
    if round_pk is not None:
        judging_round = get_object_or_404(
            JudgingRound, pk=round_pk, programme_id=nomination.programme_id
        )
        if not judging_round.nominations().filter(pk=nomination.pk).exists():
            raise Http404
        if not permissions.can_open_jury_review(user, nomination, judging_round):
            raise Http404
        return judging_round
    if not permissions.can_open_jury_review(user, nomination):
        raise Http404
    rounds = list(permissions.assigned_rounds(user, nomination))
    open_now = [r for r in rounds if r.scoring_open()]
    if open_now:
        return open_now[0]
    if rounds:
        return rounds[-1]
    return first_round(nomination.programme, create=False)


@login_required
def jury_review(request, pk, round_pk=None):
    nomination = _nomination(pk)
    user = request.user
    judging_round = _review_round(user, nomination, round_pk)
    if judging_round is None:
        raise Http404
    page = selectors.localized(nomination.programme)
    if not permissions.can_read_nomination(user, nomination, judging_round):
        return render(
            request,
            "awards/jury_conflicted.html",
            {"nomination": nomination, "programme": page},
            status=403,
        )
    labels, criteria_labels = page.label_maps()
    criteria = judging_round.criteria_for(nomination.category, _criteria(nomination.programme))
    existing = {
        s.criterion_id: s
        for s in Score.objects.filter(juror=user, nomination=nomination, round=judging_round)
    }
    can_score = permissions.can_score(user, nomination, judging_round=judging_round)
    form_kwargs = {
        "programme": nomination.programme.canonical,
        "criteria": criteria,
        "labels": criteria_labels,
        "existing": existing,
    }
    if request.method == "POST":
        if not can_score:
            return render(
                request,
                "awards/jury_conflicted.html",
                {"nomination": nomination, "programme": page, "locked": True},
                status=403,
            )
        form = ScoreForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.scores_submit(
                    juror=user,
                    nomination=nomination,
                    values=form.values(),
                    judging_round=judging_round,
                )
            except AwardNotAllowed:
                return render(
                    request,
                    "awards/jury_conflicted.html",
                    {"nomination": nomination, "programme": page, "locked": True},
                    status=403,
                )
            except AwardError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Your scores are saved."))
                return redirect("awards:jury_dashboard")
    else:
        form = ScoreForm(**form_kwargs)
    others = []
    if permissions.can_see_others_scores(user, nomination, judging_round):
        excluded = set(
            ConflictOfInterest.objects.filter(
                nomination=nomination, status__in=ConflictOfInterest.BLOCKING
            ).values_list("juror_id", flat=True)
        )
        others = list(
            Score.objects.filter(nomination=nomination, round=judging_round)
            .exclude(juror=user)
            .exclude(juror_id__in=excluded)
            .select_related("juror", "criterion")
            .order_by("juror__name", "criterion__sort_order")
        )
    statements = [
        (criteria_labels.get(c.pk, c), nomination.statements.get(str(c.pk), "")) for c in criteria
    ]
    merged = list(nomination.merged.all())
    return render(
        request,
        "awards/jury_review.html",
        {
            "nomination": nomination,
            "programme": page,
            "round": judging_round,
            "category": labels.get(nomination.category_id, nomination.category),
            "statements": statements,
            "attachments": nomination.attachments.all(),
            "form": form if can_score else None,
            "existing": existing,
            "others": others,
            "merged_count": len(merged),
            "declare_form": ConflictDeclareForm(),
            "score_min": nomination.programme.score_min,
            "score_max": nomination.programme.score_max,
        },
    )


@login_required
@require_POST
def conflict_declare(request, pk):
    nomination = _nomination(pk)
    if not permissions.is_assigned(request.user, nomination):
        raise Http404
    form = ConflictDeclareForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.conflict_declare(juror=request.user, nomination=nomination, note=note)
    messages.success(
        request,
        _("Thank you. You will not review this nomination and any scores you gave are set aside."),
    )
    return redirect("awards:jury_dashboard")


@login_required
@require_POST
def conflict_decide(request, pk):
    conflict = get_object_or_404(ConflictOfInterest, pk=pk)
    if conflict.juror_id != request.user.pk:
        raise Http404
    form = ConflictDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to confirm or dismiss the conflict."))
        return redirect("awards:jury_dashboard")
    return_to(request, "awards:jury_dashboard")
    services.conflict_decide(
        conflict=conflict, by=request.user, confirm=form.cleaned_data["decision"] == "confirm"
    )
    messages.success(request, _("Your answer about this conflict is recorded."))
    return redirect("awards:jury_dashboard")


def programme_results(request, programme_pk):
    """The results page: winners, shortlist, the jurors who agreed to be named, criteria."""
    programme = _programme(programme_pk)
    page = selectors.localized(programme.canonical)
    if not page.results_published():
        raise Http404
    if not all(r.accept_request(request) for r in routing.restrictions_for(page)):
        raise Http404  # a private edition's results are as private as its page
    context = {"page": page, **selectors.programme_page_context(page, request.user)}
    shortlist = [entry for block in context.get("results", []) for entry in block["shortlist"]]
    scores = opendata.page_scores(page, [entry["nomination"] for entry in shortlist])
    for entry in shortlist:
        entry["score"], entry["jurors_scored"] = scores[entry["nomination"].pk]
    context["min_jurors"] = opendata.MIN_JURORS
    return render(request, "awards/results.html", context)


# ----------------------------------------------------------------------------------------
# Open data (awards.opendata): JSON with its JSON Schema, CSV tables with their data package
# ----------------------------------------------------------------------------------------


def _edition(programme_pk) -> opendata.Edition:
    programme = _programme(programme_pk)
    found = opendata.published_editions(translation.get_language(), programme=programme)
    if not found:
        raise Http404
    return found[0]


def _open_file(request, body: str, content_type: str, filename: str = ""):
    """An open-data file: cacheable by anyone, readable from any origin, revalidated by
    its ETag (the generation time is left out of it, so an unchanged file keeps it)."""
    digest = hashlib.sha256(
        re.sub(r'"(generated_at|created)": "[^"]*"', "", body).encode()
    ).hexdigest()[:32]
    etag = f'"{digest}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=300)
    return response


def _json(request, data: dict, filename: str = "", schema: str = ""):
    response = _open_file(
        request,
        json.dumps(data, ensure_ascii=False, indent=1),
        "application/json; charset=utf-8",
        filename,
    )
    if schema:
        licence = opendata.licence()["url"]
        response["Link"] = f'<{schema}>; rel="describedby", <{licence}>; rel="license"'
    return response


def _csv(request, table: str, editions, filename: str):
    response = _open_file(
        request, opendata.table_csv(table, editions), "text/csv; charset=utf-8", filename
    )
    licence = opendata.licence()["url"]
    response["Link"] = f'<datapackage.json>; rel="describedby", <{licence}>; rel="license"'
    return response


@require_safe
def open_data(request):
    """What the open data holds, under which licence, and every file."""
    editions = opendata.published_editions(translation.get_language())
    context = {
        "editions": editions,
        "files": opendata.paths(),
        "licence": opendata.licence(),
        "min_jurors": opendata.MIN_JURORS,
    }
    return render(request, "awards/open_data.html", context)


@require_safe
def open_data_editions(request):
    data = opendata.editions_document(opendata.published_editions(translation.get_language()))
    return _json(request, data, "award-results.json", data["schema"])


@require_safe
def open_data_package(request):
    return _json(request, opendata.data_package(), "datapackage.json")


@require_safe
def open_data_table(request, table):
    editions = opendata.published_editions(translation.get_language())
    return _csv(request, table, editions, f"award-{table}.csv")


@require_safe
def open_data_schema(request, document):
    schema = opendata.json_schema(document)
    return _json(request, schema, f"{document}.schema.json")


@require_safe
def results_json(request, programme_pk):
    edition = _edition(programme_pk)
    data = opendata.edition_document(edition)
    return _json(request, data, f"award-results-{edition.page.slug}.json", data["schema"])


@require_safe
def results_package(request, programme_pk):
    edition = _edition(programme_pk)
    return _json(request, opendata.data_package(edition), "datapackage.json")


@require_safe
def results_table(request, programme_pk, table="results"):
    edition = _edition(programme_pk)
    return _csv(request, table, [edition], f"award-{table}-{edition.page.slug}.csv")
