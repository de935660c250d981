"""Thin public views: bind input, call a service or selector, render."""

import contextlib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Locale

from cohorts import certificates, credential_keys, credentials, permissions, selectors, services
from cohorts.errors import ApplicationError
from cohorts.forms import ApplicationForm
from cohorts.models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    ApplicationSubmission,
    Certificate,
    CohortPage,
)
from community.models import Connection
from community.permissions import can_see_hidden_profiles
from community.selectors import field_visible
from home.errors import ServiceError
from home.models import Theme
from home.taxonomy import Region

S = ApplicationStatus
PAGE_SIZE = 24


def _cohort_or_404(cohort_id: int) -> CohortPage:
    cohort = CohortPage.objects.live().filter(pk=cohort_id).first()
    if cohort is None:
        raise Http404
    localized = cohort.localized
    return localized.specific if localized.live else cohort


def _login_redirect(request):
    return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")


def apply(request, cohort_id: int):
    """Start, continue, save as draft and submit an application; once submitted, a
    read-only summary (the answers are locked)."""
    cohort = _cohort_or_404(cohort_id)
    if not request.user.is_authenticated:
        return _login_redirect(request)
    programme = cohort.programme
    application = selectors.application_for(cohort, request.user)
    now = timezone.now()
    if application is not None and application.status != S.DRAFT:
        return _summary(request, cohort, application, now=now)
    editable = cohort.is_open(now=now)
    form_kwargs = {
        "cohort": cohort,
        "collects_gender": bool(programme and programme.collects_gender),
        "application": application,
        "user": request.user,
    }
    if request.method == "POST" and editable:
        form = ApplicationForm(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            try:
                application = services.application_start(
                    cohort=cohort, member=request.user, now=now
                )
                data, answers, files = form.split()
                application = services.application_save(
                    application=application,
                    member=request.user,
                    data=data,
                    answers=answers,
                    files=files,
                    language=request.LANGUAGE_CODE,
                    now=now,
                )
                if "submit" in request.POST:
                    missing = services.missing_answers(application, cohort)
                    if missing:
                        for question_id in missing:
                            form.add_error(f"q_{question_id}", services.MSG_REQUIRED)
                        messages.warning(
                            request, _("Your answers are saved as a draft. Some are still missing.")
                        )
                    else:
                        services.application_submit(
                            application=application, member=request.user, now=now
                        )
                        messages.success(
                            request,
                            _("Your application is submitted. We have sent you a confirmation."),
                        )
                        return redirect("cohorts:my_applications")
                else:
                    messages.success(
                        request,
                        _("Draft saved. You can come back and finish it until the deadline."),
                    )
                    return redirect("cohorts:apply", cohort_id=cohort_id)
            except ServiceError as exc:
                if getattr(exc, "code", "") in {"locked", "withdrawn"}:
                    # Submitted meanwhile (another tab, a double click): show what was sent.
                    application.refresh_from_db()
                    return _summary(request, cohort, application, now=now, error=exc)
                form.add_error(None, exc.message)
    else:
        initial = ApplicationForm.initial_for(application) if application else None
        if initial is None:
            profile = getattr(request.user, "profile", None)
            initial = {
                "organisation": getattr(profile, "organisation", ""),
                "country": profile.country.code if profile and profile.country else "",
                "sector": getattr(profile, "sector", ""),
            }
        form = ApplicationForm(initial=initial, **form_kwargs)
    return render(
        request,
        "cohorts/apply.html",
        {
            "cohort": cohort,
            "page": cohort,
            "form": form,
            "application": application,
            "editable": editable,
            "status": cohort.status(now=now),
        },
    )


def _summary(request, cohort, application, *, now, error=None):
    """What the applicant sent, read-only. A POST never changes it: only "apply again"
    (after a withdrawal, while the call is open) is acted on."""
    if request.method == "POST" and error is None:
        if "reopen" in request.POST:
            try:
                services.application_reopen(application=application, member=request.user, now=now)
            except ServiceError as exc:
                error = exc
            else:
                messages.success(
                    request,
                    _(
                        "Your application is a draft again, with your last answers. Submit it "
                        "before the deadline for it to be considered."
                    ),
                )
                return redirect("cohorts:apply", cohort_id=cohort.pk)
        else:
            code = "withdrawn" if application.status == S.WITHDRAWN else "locked"
            error = ApplicationError(code)
    programme = cohort.programme
    snapshot = application.snapshot()
    files = {f.question_id: f for f in application.files.all()}
    refusal = services.withdrawal_refusal(application, now=now)
    response = render(
        request,
        "cohorts/application_summary.html",
        {
            "cohort": cohort,
            "page": cohort,
            "application": application,
            "standard": selectors.standard_rows(
                snapshot, collects_gender=bool(programme and programme.collects_gender)
            ),
            "answers": selectors.answer_rows(cohort.question_list(), application.answers, files),
            "can_withdraw": refusal is None,
            "withdraw_refusal": _shown_refusal(refusal),
            "can_reopen": application.status == S.WITHDRAWN and cohort.is_open(now=now),
            "error": error.message if error else "",
            "status": cohort.status(now=now),
        },
        status=error.status if error else 200,
    )
    return response


def _shown_refusal(code: str | None) -> str:
    """Why withdrawing is not possible, when the member needs to know (not when it is
    already withdrawn or declined: the status says so)."""
    if code in {"cohort_started", "completed"}:
        return ApplicationError(code).message
    return ""


@login_required
def my_applications(request):
    applications = list(selectors.my_applications(request.user))
    selectors.attach_programmes([a.cohort for a in applications])
    locale = Locale.get_active()
    keys = [a.cohort.translation_key for a in applications]
    localized = {
        p.translation_key: p
        for p in CohortPage.objects.filter(translation_key__in=keys, locale=locale, live=True)
    }
    now = timezone.now()
    rows = []
    for a in applications:
        refusal = services.withdrawal_refusal(a, now=now)
        rows.append(
            {
                "application": a,
                "cohort": localized.get(a.cohort.translation_key, a.cohort),
                "can_edit": a.status == S.DRAFT and a.cohort.is_open(now=now),
                "can_reopen": a.status == S.WITHDRAWN and a.cohort.is_open(now=now),
                "can_withdraw": refusal is None,
                "withdraw_refusal": _shown_refusal(refusal),
                "in_space": hasattr(a, "participant") and a.participant is not None,
            }
        )
    certificates_qs = Certificate.objects.filter(participant__user=request.user)
    return render(
        request,
        "cohorts/my_applications.html",
        {"rows": rows, "certificates": certificates_qs},
    )


@login_required
def withdraw(request, pk: int):
    """Withdraw, after a confirmation page that says what will happen (no JavaScript)."""
    application = get_object_or_404(
        Application.objects.select_related("cohort", "participant__certificate"),
        pk=pk,
        applicant=request.user,
    )
    cohort = application.cohort
    localized = cohort.localized
    cohort_shown = localized.specific if localized.live else cohort
    now = timezone.now()
    error = None
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, member=request.user, now=now)
        except ServiceError as exc:
            error = exc
        else:
            messages.success(request, _("Your application is withdrawn."))
            return redirect("cohorts:my_applications")
    refusal = services.withdrawal_refusal(application, now=now)
    return render(
        request,
        "cohorts/withdraw_confirm.html",
        {
            "application": application,
            "cohort": cohort_shown,
            "page": cohort_shown,
            "refusal": ApplicationError(refusal).message if refusal else "",
            "refusal_contact": refusal in {"cohort_started", "completed"},
            "available": not refusal,
            "back": reverse("cohorts:my_applications"),
            "error": error.message if error else "",
            "holds_place": application.released_status == S.ACCEPTED,
            "may_apply_again": cohort.is_open(now=now),
        },
        status=error.status if error else 200,
    )


@login_required
def application_file(request, pk: int, question_id: str):
    """An uploaded file, for its applicant and for reviewers only."""
    upload = (
        ApplicationFile.objects.filter(application_id=pk, question_id=question_id)
        .select_related("application")
        .first()
    )
    if upload is None:
        raise Http404
    if (
        upload.application.applicant_id != request.user.pk
        and not selectors.applications_visible_to(request.user).filter(pk=pk).exists()
    ):
        raise Http404
    response = FileResponse(
        upload.file.open("rb"), as_attachment=True, filename=upload.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def submission_file(request, pk: int, number: int, question_id: str):
    """A file as it was sent with an earlier submission: for reviewers only."""
    if not selectors.applications_visible_to(request.user).filter(pk=pk).exists():
        raise Http404
    submission = ApplicationSubmission.objects.filter(application_id=pk, number=number).first()
    stored = ((submission.data or {}).get("files", {}) if submission else {}).get(question_id)
    if not stored or not stored.get("path"):
        raise Http404
    storage = ApplicationFile._meta.get_field("file").storage
    if not storage.exists(stored["path"]):
        raise Http404
    response = FileResponse(
        storage.open(stored["path"], "rb"), as_attachment=True, filename=stored.get("name") or None
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def cohort_space(request, cohort_id: int):
    """The cohort space lives where the app that builds spaces says (the groups app
    answers the ``cohort_space_url`` hook with the cohort's group): those who could open
    this page are sent there; others keep its answers (sign in, or 403)."""
    cohort = _cohort_or_404(cohort_id)
    if not request.user.is_authenticated:
        return _login_redirect(request)
    if not permissions.can_view_space(request.user, cohort):
        raise PermissionDenied
    for space_url in hooks.get_hooks("cohort_space_url"):
        url = space_url(cohort)
        if url:
            return redirect(url)
    raise Http404


def _profile_cards(viewer, profiles) -> list[dict]:
    """Name, headline and (when its audience allows) organisation, in one extra query."""
    connected = set()
    if viewer.is_authenticated:
        connected = {
            other
            for low, high in Connection.objects.filter(
                Q(user_low=viewer) | Q(user_high=viewer)
            ).values_list("user_low_id", "user_high_id")
            for other in (low, high)
            if other != viewer.pk
        }
    sees_all = can_see_hidden_profiles(viewer)
    cards = []
    for profile in profiles:
        if not viewer.is_authenticated:
            relation = "anonymous"
        elif profile.user_id == viewer.pk:
            relation = "self"
        elif sees_all:
            relation = "staff"
        elif profile.user_id in connected:
            relation = "connection"
        else:
            relation = "member"
        cards.append(
            {
                "profile": profile,
                "organisation": profile.organisation
                if field_visible(profile, profile.organisation_visibility, relation)
                else "",
                "country": profile.country
                if field_visible(profile, profile.location_visibility, relation)
                else "",
            }
        )
    return cards


def alumni_network(request, *, programme):
    """The alumni network: alumni of the programme's cohorts, by cohort, region and theme."""
    cohorts = list(CohortPage.objects.child_of(programme).live().order_by("-start_date"))
    cohort_id = request.GET.get("cohort", "")
    region = request.GET.get("region", "")
    theme_id = request.GET.get("theme", "")
    cohort = next((c for c in cohorts if str(c.pk) == cohort_id), None)
    region = region if region in Region.values else ""
    themes = list(Theme.objects.filter(locale=Locale.get_active()))
    theme = next((t for t in themes if str(t.pk) == theme_id), None)
    profiles = selectors.alumni_profiles(request.user, region=region, theme=theme)
    profiles = selectors.filter_profiles_by_cohort(profiles, cohort=cohort) if cohort else profiles
    keys = [c.translation_key for c in cohorts]
    profiles = (
        selectors.filter_profiles_by_cohort(profiles)
        .filter(user__cohort_participations__cohort__translation_key__in=keys)
        .distinct()
    )
    paginator = Paginator(profiles, PAGE_SIZE)
    page_number = request.GET.get("page", "1")
    page_obj = paginator.get_page(page_number)
    grouped = selectors.alumni_by_cohort(request.user, page_obj.object_list, cohorts)
    grouped = [(c, _profile_cards(request.user, people)) for c, people in grouped]
    return render(
        request,
        "cohorts/alumni_network.html",
        {
            "page": programme,
            "programme": programme,
            "cohorts": cohorts,
            "themes": themes,
            "regions": Region.choices,
            "selected": {"cohort": cohort, "region": region, "theme": theme},
            "grouped": grouped,
            "page_obj": page_obj,
            "filter_query": urlencode(
                {
                    "cohort": cohort.pk if cohort else "",
                    "region": region,
                    "theme": theme.pk if theme else "",
                }
            ),
            "count": paginator.count,
        },
    )


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------
def _own_certificate(request, identifier: str) -> Certificate:
    certificate = (
        Certificate.objects.filter(identifier=identifier)
        .select_related("participant__cohort")
        .first()
    )
    if certificate is None:
        raise Http404
    owner = certificate.participant.user_id == request.user.pk
    if not (owner or permissions.can_manage_participants(request.user)):
        raise Http404
    return certificate


@login_required
def certificate_detail(request, identifier: str):
    certificate = _own_certificate(request, identifier)
    if not certificate.credential and not certificate.is_revoked:
        with contextlib.suppress(credential_keys.KeysUnavailable):
            certificate = services.certificate_sign(certificate=certificate)
    return render(
        request,
        "cohorts/certificate.html",
        {
            "certificate": certificate,
            "verify_url": certificate.verification_url(request.LANGUAGE_CODE),
            "credential_url": credentials.credential_url(certificate.identifier),
        },
    )


@login_required
def certificate_pdf(request, identifier: str):
    certificate = _own_certificate(request, identifier)
    data = certificates.render_pdf(certificate, language=request.LANGUAGE_CODE)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{identifier[:8]}.pdf"'
    return response


@login_required
def certificate_badge(request, identifier: str):
    """The credential's contents as JSON (what the signed ``.jwt`` file carries)."""
    certificate = _own_certificate(request, identifier)
    if not certificate.credential and not certificate.is_revoked:
        with contextlib.suppress(credential_keys.KeysUnavailable):
            certificate = services.certificate_sign(certificate=certificate)
    if certificate.credential:
        data = credentials.payload(certificate.credential)
    else:
        data = certificates.open_badge(certificate)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/ld+json"
    response["Content-Disposition"] = f'attachment; filename="badge-{identifier[:8]}.json"'
    response["Link"] = (
        f'<{credentials.credential_url(certificate.identifier)}>; rel="alternate"; '
        f'type="{credentials.MEDIA_TYPE}"'
    )
    return response
