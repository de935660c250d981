"""Serving Wagtail pages: Wagtail's own serving, plus the translation fallback, framed by
the page attributes of ``home.frame`` (translation notice, noindex)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Locale, PageViewRestriction, Site
from wagtail.views import serve_chain

from home import routing
from home.frame import TranslationNotice, is_noindex, noindex_response, translation_notice


def remember_served_page(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook (home/wagtail_hooks.py): which page answers the request."""
    request.served_page = page


def serve(request, path):
    """Wagtail's page serving, plus the translation fallback.

    When ``/fr/some/path/`` matches nothing in the French tree but matches a live page
    in the default language's tree, readers get that page: redirected to its French
    translation if one exists under another address, otherwise shown in its source
    language with the page's translation notice.
    """
    try:
        response = _serve_page(request, path)
    except Http404:
        response = _serve_fallback(request, path)
        if response is None:
            raise
    page = getattr(request, "served_page", None)
    if page is not None and is_noindex(page) and "X-Robots-Tag" not in response:
        noindex_response(response)
    return response


def _serve_page(request, path):
    """``wagtail.views.serve``, routed by ``home.routing`` (one query, not two a level)
    and with the view restrictions read once per request."""
    found = routing.route(request, path)
    if found is None:
        raise Http404
    page, args, kwargs = found
    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = (
            _check_view_restrictions(chain)
            if fn.__module__ == "wagtail.wagtail_hooks" and fn.__name__ == "check_view_restrictions"
            else fn(chain)
        )
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def _check_view_restrictions(callback):
    """Wagtail's ``check_view_restrictions`` (``on_serve_page``), over the request's one
    read of the restrictions (``home.routing.restrictions_for``)."""

    def inner(page, request, serve_args, serve_kwargs):
        restrictions = routing.restrictions_for(page)
        for restriction in restrictions:
            if restriction.accept_request(request):
                continue
            if restriction.restriction_type == PageViewRestriction.PASSWORD:
                from wagtail.forms import PasswordViewRestrictionForm

                form = PasswordViewRestrictionForm(
                    instance=restriction, initial={"return_url": request.get_full_path()}
                )
                action_url = reverse(
                    "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
                )
                response = page.serve_password_required_response(request, form, action_url)
            else:
                from django.conf import settings

                login_url = getattr(
                    settings, "WAGTAIL_FRONTEND_LOGIN_URL", reverse("wagtailcore_login")
                )
                response = redirect_to_login(request.get_full_path(), login_url)
            add_never_cache_headers(response)
            return response
        response = callback(page, request, serve_args, serve_kwargs)
        if restrictions:
            add_never_cache_headers(response)
        return response

    return inner


def _serve_fallback(request, path):
    language = translation.get_language()
    default = Locale.get_default()
    site = Site.find_for_request(request)
    if site is None or language == default.language_code:
        return None
    try:
        page, args, kwargs = routing.route_in_language(request, path, default.language_code)
    except Http404:
        return None
    try:
        active = Locale.objects.get_for_language(language)  # memoised for the request
    except Locale.DoesNotExist:
        active = None
    if active is not None:
        translated = page.get_translation_or_none(active)
        if translated is not None and translated.live and not args and not kwargs:
            return HttpResponseRedirect(translated.get_url(request))
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    request.translation_fallback = True
    if translation_notice(page) == TranslationNotice.MESSAGE:
        messages.info(request, _("This page is not yet available in your language."))
    return page.serve(request, *args, **kwargs)


def is_fallback(page, request) -> bool:
    """Whether ``page`` is being shown in its source language to a reader of another."""
    return (
        getattr(request, "translation_fallback", False)
        and page.locale.language_code != translation.get_language()
    )
