"""Serving Wagtail pages: Wagtail's own serving, plus the translation fallback, framed by
the page attributes of ``home.frame`` (translation notice, noindex)."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Locale, Site
from wagtail.views import serve as wagtail_serve

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
        response = wagtail_serve(request, path)
    except Http404:
        response = _serve_fallback(request, path)
        if response is None:
            raise
    page = getattr(request, "served_page", None)
    if page is not None and is_noindex(page) and "X-Robots-Tag" not in response:
        noindex_response(response)
    return response


def _serve_fallback(request, path):
    language = translation.get_language()
    default = Locale.get_default()
    site = Site.find_for_request(request)
    if site is None or language == default.language_code:
        return None
    components = [part for part in path.split("/") if part]
    root = site.root_page.get_translation_or_none(default) or site.root_page
    try:
        page, args, kwargs = root.specific.route(request, components)
    except Http404:
        return None
    active = Locale.objects.filter(language_code=language).first()
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
