"""Finding the page for a URL in one query, and its view restrictions without another.

Wagtail's ``Page.route`` walks the tree one URL level at a time (two queries a level:
the child by slug, then its specific page). Every page's ``url_path`` already spells its
address, so :func:`route` asks once for every page whose ``url_path`` is a prefix of the
requested one, walks those rows in memory (a routable page's sub-route wins over a child,
as in Wagtail), loads the matched page's specific object, and hands the rest of the path
to that page's own ``route()``. Anything unusual (a draft language root, a page model
with its own ``route``) falls back to Wagtail's walk, so the answer is always Wagtail's.

View restrictions are few (a private section or two). :func:`view_restrictions` reads
them all once per request (``home.request_memo``); the page check and the "public pages
only" filter of listings share that read.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, PageViewRestriction, Site

from home.chrome import shared


def view_restrictions() -> list:
    """Every page view restriction, with its page: read once per generation of the shared
    chrome cache (a restriction saved or deleted starts a new one, home.page_cache), and
    once per request when the cache is unreachable."""
    return shared(
        ("view_restrictions",),
        lambda: list(
            PageViewRestriction.objects.select_related("page").only(
                "id",
                "restriction_type",
                "password",
                "page_id",
                "page__id",
                "page__path",
                "page__depth",
            )
        ),
    )


def private_q() -> Q:
    """Pages in a private section (Wagtail's ``PageQuerySet.private_q``), memoised."""
    q = Q()
    for restriction in view_restrictions():
        q |= Q(path__startswith=restriction.page.path, depth__gte=restriction.page.depth)
    return q if q else Q(pk__in=[])


def restrictions_for(page) -> list:
    """The restrictions on ``page`` and its ancestors (``Page.get_view_restrictions``)."""
    if page.alias_of_id:
        return list(page.get_view_restrictions())
    return [r for r in view_restrictions() if page.path.startswith(r.page.path)]


def _site_root_path(site, language_code: str) -> str | None:
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language_code:
            return root.root_path
    return None


def _stops_here(model, remaining: list[str]) -> bool:
    """Whether a routable page answers ``remaining`` itself (Wagtail tries its sub-routes
    before its children)."""
    if not issubclass(model, RoutablePageMixin):
        return False
    try:
        model.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
    except Http404:
        return False
    return True


def _walks_children(model) -> bool:
    """Whether ``model`` routes like Wagtail's ``Page`` (or a routable page)."""
    route = model.route
    return route is Page.route or route is RoutablePageMixin.route


def route(request, path: str):
    """``Page.route_for_request(request, path)``, in two queries instead of two a level."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = Site.find_for_request(request)
    if site is None:
        request._wagtail_route_for_request = None
        return None
    components = [part for part in path.split("/") if part]
    try:
        found = _route(request, site, components)
    except Http404:
        found = None
    request._wagtail_route_for_request = found
    return found


def route_in_language(request, path: str, language_code: str):
    """``(page, args, kwargs)`` for ``path`` in ``language_code``'s tree (the translation
    fallback asks the default language's), in two queries; raises ``Http404``."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in path.split("/") if part]
    return _route(request, site, components, language_code=language_code)


def _route(request, site, components, *, language_code=None):
    language_code = language_code or Locale.get_active().language_code
    root_path = _site_root_path(site, language_code)
    if root_path is None:
        return _wagtail_walk(request, language_code, site, components)
    candidates = [
        root_path + "".join(f"{part}/" for part in components[:n])
        for n in range(len(components) + 1)
    ]
    rows = {
        row["url_path"]: row
        for row in Page.objects.filter(url_path__in=candidates).values(
            "pk", "url_path", "live", "content_type_id", "depth"
        )
    }
    root = rows.get(root_path)
    if root is None or not root["live"]:
        return _wagtail_walk(request, language_code, site, components)
    matched, consumed, answers = root, 0, False
    for index in range(len(components) + 1):
        row = rows.get(candidates[index])
        if row is None:
            break
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        if model is None or not _walks_children(model):
            return _wagtail_walk(request, language_code, site, components)
        matched, consumed, answers = (
            row,
            index,
            row["live"] and _stops_here(model, components[index:]),
        )
        if answers:
            break
    remaining = components[consumed:]
    if remaining and not answers:
        # No child has the next slug (its url_path would be among the rows) and no
        # sub-route of the deepest page matches: Wagtail's walk ends in Http404 too.
        raise Http404
    model = ContentType.objects.get_for_id(matched["content_type_id"]).model_class()
    # Its locale and its picture come with it (the page's links, head and hero read
    # them), and whatever the model names in ``serve_select_related`` (a theme page's theme).
    from home.selectors import card_image_field

    related = [
        "locale",
        *filter(None, [card_image_field(model)]),
        *getattr(model, "serve_select_related", ()),
    ]
    page = model.objects.select_related(*related).get(pk=matched["pk"])
    return page.route(request, remaining)


def _wagtail_route(request, site, components):
    return site.root_page.localized.specific.route(request, components)


def _wagtail_walk(request, language_code, site, components):
    """Wagtail's own walk from the root of ``language_code``'s tree."""
    if language_code == Locale.get_active().language_code:
        return _wagtail_route(request, site, components)
    locale = Locale.objects.get_for_language(language_code)
    root = site.root_page.get_translation_or_none(locale) or site.root_page
    return root.specific.route(request, components)
