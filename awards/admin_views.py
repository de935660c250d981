"""The results desk for staff: aggregated scores per category, shortlist, winners, publish."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import permissions, selectors, services
from awards.errors import AwardError
from awards.models import AwardProgrammePage, Nomination
from home.errors import return_to


def _results_desk(request, programme=None):
    if not permissions.can_publish_results(request.user, programme):
        raise PermissionDenied


def programme_list(request):
    _results_desk(request)
    pages = [
        p
        for p in AwardProgrammePage.objects.order_by("-nominations_open", "pk")
        if p.canonical.pk == p.pk
    ]
    return render(request, "awards/admin/programme_list.html", {"programmes": pages})


def programme_results(request, pk):
    _results_desk(request)
    programme = get_object_or_404(AwardProgrammePage, pk=pk).canonical
    if request.method == "POST":
        action = request.POST.get("action", "")
        return_to(request, reverse("awards_results", args=[programme.pk]))
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
        elif action == "merge":
            duplicate = get_object_or_404(
                Nomination, pk=request.POST.get("nomination"), programme=programme
            )
            if duplicate.duplicate_of_id is None:
                raise AwardError("not_duplicate")
            services.nomination_merge(
                primary=duplicate.duplicate_of, duplicate=duplicate, by=request.user
            )
            messages.success(request, _("Merged; every nominator stays credited."))
        elif action == "result":
            nomination = get_object_or_404(
                Nomination, pk=request.POST.get("nomination"), programme=programme
            )
            award = request.POST.get("award", "")
            services.result_set(
                nomination=nomination,
                by=request.user,
                shortlisted=request.POST.get("shortlisted") == "on",
                award=award if award in Nomination.Award.values else "",
                citation={
                    code: request.POST.get(f"citation_{code}", "").strip()
                    for code in ("en", "fr", "es")
                },
                story_url=request.POST.get("story_url", "").strip(),
            )
            messages.success(request, _("Saved."))
        else:
            messages.error(request, _("Unknown action."))
        return redirect("awards_results", programme.pk)
    state = programme.round_state()
    return render(
        request,
        "awards/admin/programme_results.html",
        {
            "programme": programme,
            "state": state,
            "categories": selectors.category_results(programme),
            "awards": Nomination.Award.choices,
            "languages": ("en", "fr", "es"),
        },
    )
