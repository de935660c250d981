from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail.views import serve as wagtail_serve

from content import selectors
from content.forms import SearchForm
from content.models import StoryPage

GROUP_PREVIEW = 5
GROUP_PAGE = 20


# ---------------------------------------------------------------------------
# Pages: never a 404 for a page that exists but is not translated yet
# ---------------------------------------------------------------------------
def serve(request, path):
    """Wagtail's page serving, plus the translation fallback.

    When ``/fr/some/path/`` matches nothing in the French tree but matches a live page
    in the default language's tree, readers get that page: redirected to its French
    translation if one exists under another address, otherwise shown in its source
    language with a short notice in French.
    """
    try:
        return wagtail_serve(request, path)
    except Http404:
        response = _serve_fallback(request, path)
        if response is None:
            raise
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
    if not hasattr(page, "listing_model") and not isinstance(
        page, (StoryPage, *_content_page_types())
    ):
        messages.info(request, _("This page is not yet available in your language."))
    return page.serve(request, *args, **kwargs)


def _content_page_types():
    from content import models

    return (
        models.ResourcePage,
        models.NewsPage,
        models.GuideChapterPage,
        models.ThemePage,
        models.ThemeIndexPage,
    )


# ---------------------------------------------------------------------------
# Site search
# ---------------------------------------------------------------------------
@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    data = form.cleaned()
    locale = Locale.get_active()
    query, group = data["q"].strip(), data["type"]
    groups, members, page_obj = [], [], None
    if query:
        if group != "members":
            groups = selectors.search_pages(
                query,
                locale=locale,
                group=group,
                theme_key=data["theme_key"],
                limit=200 if group else GROUP_PREVIEW + 1,
            )
        if group in ("", "members"):
            members = selectors.search_members(
                query, viewer=request.user, theme_key=data["theme_key"]
            )
        if group and groups:
            paginator = Paginator(groups[0]["items"], GROUP_PAGE)
            page_obj = paginator.get_page(request.GET.get("page"))
            groups[0]["items"] = list(page_obj.object_list)
        else:
            for entry in groups:
                entry["more"] = len(entry["items"]) > GROUP_PREVIEW
                entry["items"] = entry["items"][:GROUP_PREVIEW]
    params = {k: data[k] for k in ("q", "type", "theme") if data.get(k)}
    return render(
        request,
        "content/search.html",
        {
            "form": form,
            "query": query,
            "group": group,
            "groups": groups,
            "members": members,
            "page_obj": page_obj,
            "params": params,
            "theme_names": selectors.theme_names(locale),
            "has_results": bool(groups or members),
        },
    )


# ---------------------------------------------------------------------------
# Sitemaps and robots.txt
# ---------------------------------------------------------------------------
def sitemap_pages(language: str):
    """Live, public pages of one language tree, with their live translations."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    locale = Locale.objects.filter(language_code=language).first()
    if site is None or locale is None:
        return []
    root = site.root_page.get_translation_or_none(locale)
    if root is None:
        return []
    pages = list(
        root.get_descendants(inclusive=True)
        .live()
        .public()
        .filter(locale=locale)
        .order_by("path")
        .select_related("locale")
    )
    siblings = {}
    for other in (
        Page.objects.live()
        .public()
        .filter(translation_key__in=[p.translation_key for p in pages])
        .select_related("locale")
    ):
        siblings.setdefault(other.translation_key, []).append(other)
    return [
        (page, sorted(siblings.get(page.translation_key, []), key=lambda p: p.locale.language_code))
        for page in pages
    ]


@require_GET
def sitemap(request):
    """The sitemap of the reader's language, with hreflang alternates."""
    entries = []
    for page, translations in sitemap_pages(translation.get_language()):
        entries.append(
            {
                "loc": page.get_full_url(request),
                "lastmod": page.last_published_at,
                "alternates": [
                    {"language": t.locale.language_code, "url": t.get_full_url(request)}
                    for t in translations
                ]
                if len(translations) > 1
                else [],
            }
        )
    return render(
        request, "content/sitemap.xml", {"entries": entries}, content_type="application/xml"
    )


@require_GET
def sitemap_index(request):
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(request.build_absolute_uri(reverse("content:sitemap")))
    return render(
        request, "content/sitemap_index.xml", {"urls": urls}, content_type="application/xml"
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        *[f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES],
        *[f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES],
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")
