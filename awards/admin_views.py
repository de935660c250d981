"""The jury desk for staff: results per round, bulk assignment, juror progress, rounds,
citations and feedback. Thin: permissions, a service, a template."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import permissions, selectors, services
from awards.admin_forms import BulkAssignForm, CitationForm, RoundForm
from awards.canonical import canonical_programmes, programme_labels
from awards.errors import AwardError
from awards.models import AwardProgrammePage, JudgingRound, Nomination
from awards.models.rounds import first_round
from home import exports
from home.errors import return_to


def _results_desk(request, programme=None):
    if not permissions.can_publish_results(request.user, programme):
        raise PermissionDenied


def _programme(pk) -> AwardProgrammePage:
    """The canonical edition of any language's page id (a translation means its edition)."""
    return get_object_or_404(AwardProgrammePage, pk=pk).canonical


def _chosen_round(request, rounds):
    """The round named by ``?round=`` (404 when it is not this edition's), else the first
    round whose shortlist is still open, else the last one."""
    raw = request.GET.get("round") or request.POST.get("round")
    if raw:
        try:
            wanted = int(raw)
        except (TypeError, ValueError):
            raise Http404 from None
        for r in rounds:
            if r.pk == wanted:
                return r
        raise Http404
    return next((r for r in rounds if r.shortlist_closed_at is None), rounds[-1])


def programme_list(request):
    _results_desk(request)
    pages = list(canonical_programmes())
    labels = programme_labels(pages)
    for page in pages:
        page.label = labels[page.pk]
    return render(request, "awards/admin/programme_list.html", {"programmes": pages})


def _rounds(programme):
    rounds = selectors.programme_rounds(programme)
    if not rounds:
        first_round(programme)
        rounds = selectors.programme_rounds(programme)
    return rounds


def programme_results(request, pk):
    _results_desk(request)
    programme = _programme(pk)
    rounds = _rounds(programme)
    judging_round = _chosen_round(request, rounds)
    here = f"{reverse('awards_results', args=[programme.pk])}?round={judging_round.pk}"
    if request.method == "POST":
        action = request.POST.get("action", "")
        return_to(request, here)
        if action == "deliberation":
            services.deliberation_open(programme=programme, by=request.user)
            messages.success(
                request, _("Deliberation is open: jurors can now see each other's scores.")
            )
        elif action == "publish" and request.POST.get("confirm") != "on":
            messages.error(request, _("Tick the box to confirm the winners before publishing."))
        elif action == "publish":
            services.results_publish(programme=programme, by=request.user)
            messages.success(
                request,
                _("Results published in every language; announcement emails are on their way."),
            )
        elif action == "close_round":
            closed = services.round_close(judging_round=judging_round, by=request.user)
            messages.success(
                request,
                _("The round is closed: its shortlist now makes up %(next)s.")
                % {"next": closed.next.label},
            )
        elif action == "merge":
            duplicate = _nomination_in(programme, request.POST.get("nomination"))
            if duplicate.duplicate_of_id is None:
                raise AwardError("not_duplicate")
            services.nomination_merge(
                primary=duplicate.duplicate_of, duplicate=duplicate, by=request.user
            )
            messages.success(request, _("Merged; every nominator stays credited."))
        elif action == "shortlist":
            nomination = _nomination_in(programme, request.POST.get("nomination"))
            wanted = request.POST.get("shortlisted") == "on"
            if judging_round.is_final:
                services.result_set(nomination=nomination, by=request.user, shortlisted=wanted)
            else:
                services.round_shortlist_set(
                    judging_round=judging_round,
                    nomination=nomination,
                    shortlisted=wanted,
                    by=request.user,
                )
            messages.success(request, _("Saved."))
        elif action == "result":
            nomination = _nomination_in(programme, request.POST.get("nomination"))
            award = request.POST.get("award", "")
            if award not in Nomination.Award.values:
                raise AwardError("award")
            services.result_set(
                nomination=nomination,
                by=request.user,
                shortlisted=request.POST.get("shortlisted") == "on" or None,
                award=award,
            )
            messages.success(request, _("Saved."))
        else:
            messages.error(request, _("Unknown action."))
        return redirect(here)
    state = programme.round_state()
    return render(
        request,
        "awards/admin/programme_results.html",
        {
            "programme": programme,
            "state": state,
            "rounds": rounds,
            "round": judging_round,
            "categories": selectors.category_results(programme, judging_round),
            "awards": Nomination.Award.choices,
        },
    )


def _nomination_in(programme, raw) -> Nomination:
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(Nomination, pk=pk, programme=programme)


def nomination_citation(request, pk):
    """A nomination's citations in three languages, story address and feedback: one form."""
    _results_desk(request)
    nomination = get_object_or_404(Nomination.objects.select_related("programme"), pk=pk)
    if nomination.status != Nomination.Status.SUBMITTED:
        raise Http404
    programme = nomination.programme.canonical
    back = reverse("awards_results", args=[programme.pk])
    initial = {f"citation_{code}": nomination.citation.get(code, "") for code in ("en", "fr", "es")}
    initial.update(story_url=nomination.story_url, feedback=nomination.feedback)
    form = CitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.result_set(
            nomination=nomination,
            by=request.user,
            citation={code: data[f"citation_{code}"].strip() for code in ("en", "fr", "es")},
            story_url=data["story_url"],
        )
        services.feedback_set(nomination=nomination, text=data["feedback"], by=request.user)
        messages.success(request, _("Citations and feedback saved."))
        return redirect(back)
    return render(
        request,
        "awards/admin/nomination_citation.html",
        {"nomination": nomination, "programme": programme, "form": form, "back": back},
    )


def bulk_assign(request, pk):
    """Pick a round, jurors and categories or nominations; preview what will be created
    and every exclusion with its reason; confirm. Works without JavaScript."""
    if not permissions.can_assign_jurors(request.user):
        raise PermissionDenied
    programme = _programme(pk)
    rounds = _rounds(programme)
    data = request.POST if request.method == "POST" else None
    form = BulkAssignForm(data, programme=programme, rounds=rounds)
    plan = None
    if data is not None and form.is_valid():
        chosen = form.cleaned_data
        kwargs = {
            "judging_round": chosen["judging_round"],
            "roles": list(chosen["jurors"]),
            "categories": chosen["categories"],
            "nominations": list(chosen["nominations"]),
        }
        kwargs["judging_round"].programme = programme
        try:
            if request.POST.get("confirm") == "1":
                plan = services.assignments_apply(**kwargs, by=request.user)
                messages.success(
                    request,
                    _("%(made)s assignments made, %(kept)s kept, %(excluded)s exclusions.")
                    % {
                        "made": len(plan.create),
                        "kept": len(plan.kept),
                        "excluded": len(plan.exclusions),
                    },
                )
                return redirect(
                    f"{reverse('awards_jury_progress', args=[programme.pk])}"
                    f"?round={kwargs['judging_round'].pk}"
                )
            plan = services.assignments_plan(**kwargs)
        except AwardError as exc:
            form.add_error(None, exc.message)
            plan = None
    return render(
        request,
        "awards/admin/bulk_assign.html",
        {"programme": programme, "form": form, "plan": plan},
    )


def jury_progress(request, pk):
    """Every juror of a round: assigned, scored, conflicted, left; CSV/XLSX export."""
    if not permissions.can_assign_jurors(request.user):
        raise PermissionDenied
    programme = _programme(pk)
    rounds = _rounds(programme)
    judging_round = _chosen_round(request, rounds)
    rows = selectors.jury_progress(judging_round)
    if request.GET.get("export") == "csv":
        return exports.csv_response(
            f"jury-progress-{programme.pk}-round-{judging_round.position}.csv",
            [_("Juror"), _("Email"), _("Assigned"), _("Scored"), _("Conflicts"), _("Left")],
            (
                [r["name"], r["email"], r["total"], r["scored"], r["conflicted"], r["left"]]
                for r in rows
            ),
        )
    return render(
        request,
        "awards/admin/jury_progress.html",
        {"programme": programme, "rounds": rounds, "round": judging_round, "rows": rows},
    )


def programme_rounds(request, pk):
    """An edition's rounds, in order, and a form to add the next one."""
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied
    programme = _programme(pk)
    rounds = _rounds(programme)
    form = RoundForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        services.round_add(
            programme=programme,
            kind=form.cleaned_data["kind"],
            scoring_deadline=form.cleaned_data["scoring_deadline"],
            criteria=form.cleaned_data["criteria"],
            by=request.user,
        )
        messages.success(request, _("Round added."))
        return redirect("awards_rounds", programme.pk)
    return render(
        request,
        "awards/admin/rounds.html",
        {"programme": programme, "rounds": rounds, "form": form, "kinds": JudgingRound.Kind},
    )
