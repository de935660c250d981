"""Staff screens for partners' API tokens: list, issue (the token is shown once), change
scopes, read the use log, revoke (after a confirmation)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin import messages

from api import permissions, services
from api.forms import ScopesForm, TokenForm
from api.models import ApiToken


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def token_list(request):
    _require(permissions.can_view_tokens(request.user))
    tokens = ApiToken.objects.select_related("partner").order_by("-created_at")[:200]
    return TemplateResponse(
        request,
        "api/admin/token_list.html",
        {
            "page_title": _("API tokens"),
            "header_icon": "key",
            "tokens": tokens,
            "can_manage": permissions.can_manage_tokens(request.user),
        },
    )


def token_create(request):
    _require(permissions.can_manage_tokens(request.user))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = services.token_create(
            name=form.cleaned_data["name"],
            partner=form.cleaned_data["partner"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.cleaned_data["expires_at"],
            by=request.user,
        )
        response = TemplateResponse(
            request,
            "api/admin/token_created.html",
            {"page_title": _("Token created"), "header_icon": "key", "token": token, "raw": raw},
        )
        response["Cache-Control"] = "no-store"
        return response
    return TemplateResponse(
        request,
        "api/admin/token_form.html",
        {"page_title": _("New API token"), "header_icon": "key", "form": form},
    )


def token_detail(request, pk):
    _require(permissions.can_view_tokens(request.user))
    token = get_object_or_404(ApiToken.objects.select_related("partner"), pk=pk)
    form = ScopesForm(
        request.POST if request.method == "POST" else None, initial={"scopes": token.scopes}
    )
    if request.method == "POST":
        _require(permissions.can_manage_tokens(request.user))
        if form.is_valid():
            services.token_set_scopes(
                token=token, scopes=form.cleaned_data["scopes"], by=request.user
            )
            messages.success(request, _("Scopes saved."))
            return redirect("api_token_detail", pk=token.pk)
    return TemplateResponse(
        request,
        "api/admin/token_detail.html",
        {
            "page_title": token.name,
            "header_icon": "key",
            "token": token,
            "form": form,
            "uses": token.uses.all()[:50],
            "can_manage": permissions.can_manage_tokens(request.user),
        },
    )


def token_revoke(request, pk):
    _require(permissions.can_manage_tokens(request.user))
    token = get_object_or_404(ApiToken, pk=pk)
    if request.method == "POST":
        services.token_revoke(token=token, by=request.user)
        messages.success(request, _("Token revoked: it is refused from now on."))
        return redirect("api_token_detail", pk=token.pk)
    return TemplateResponse(
        request,
        "api/admin/token_revoke.html",
        {
            "page_title": _("Revoke a token: %(name)s") % {"name": token.name},
            "header_icon": "warning",
            "token": token,
            "back": reverse("api_token_detail", args=[token.pk]),
        },
    )
