"""Answering a survey: signed in at ``/<lang>/surveys/<round>/``, or through the signed
link of one invitation (``/<lang>/surveys/a/<token>/``), in the reader's language."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.errors import ServiceError
from home.frame import noindex_response
from surveys import services, tokens
from surveys.errors import SurveyError, SurveysNotAllowed
from surveys.forms import AnswerForm
from surveys.models import Invitation, Receipt, SurveyRound


def _refusal(request, error: ServiceError, round_=None):
    response = render(
        request,
        "surveys/answer.html",
        {"round": round_, "refusal": error.message, "survey": None},
        status=error.status,
    )
    return noindex_response(response)


@login_required
def answer(request, round_id: int):
    round_ = SurveyRound.objects.select_related("survey").filter(pk=round_id).first()
    if round_ is None:
        raise Http404
    if not Invitation.objects.filter(round=round_, user=request.user).exists():
        return _refusal(request, SurveysNotAllowed("not_invited"), round_)
    return _answer(request, round_, request.user)


def answer_by_token(request, token: str):
    data = tokens.read(token)
    invitation = (
        Invitation.objects.select_related("round__survey", "user")
        .filter(pk=data["i"], user_id=data.get("u"))
        .first()
        if data
        else None
    )
    if invitation is None:
        raise Http404
    if request.user.is_authenticated and request.user.pk != invitation.user_id:
        return _refusal(request, SurveysNotAllowed("other_person"), invitation.round)
    return _answer(request, invitation.round, invitation.user)


def _answer(request, round_: SurveyRound, member):
    now = timezone.now()
    survey = round_.survey.localized_for(get_language())
    answered = Receipt.objects.filter(round=round_, user=member).exists()
    error = None
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, survey=survey)
        if answered:
            error, status = SurveyError("already_answered").message, 409
        elif form.is_valid():
            try:
                services.answer_submit(round=round_, member=member, answers=form.answers(), now=now)
            except ServiceError as exc:  # shown on the form, which keeps what was typed
                error, status = exc.message, exc.status
            else:
                messages.success(request, _("Thank you: your answers are in."))
                return redirect(request.path)
        else:
            status = 400
    else:
        form = AnswerForm(survey=survey)
    state = "answered" if answered else "open"
    if not answered and not round_.is_open(now=now):
        state = "closed" if now >= round_.closes_at else "not_open"
    response = render(
        request,
        "surveys/answer.html",
        {
            "round": round_,
            "survey": survey,
            "form": form,
            "state": state,
            "show_form": state == "open" or (request.method == "POST" and not answered),
            "error": error,
            "keeps_attributes": round_.survey.keep_attributes,
            "closed_message": SurveyError("closed" if state == "closed" else "not_open").message,
        },
        status=status,
    )
    return noindex_response(response)
