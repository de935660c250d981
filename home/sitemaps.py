"""robots.txt, and sitemaps on Django's sitemap framework, every URL on ``SITE_URL``.

``/sitemap.xml`` is the index; each section is ``/sitemap-<section>.xml``. Each section
lists every language (``i18n``), with the hreflang alternates of each entry and an
``x-default``. The kernel's own section is ``pages``: the Wagtail page tree, live and public
pages of every locale, grouped with their translations, leaving out page models that set
``noindex = True`` (``home.frame``). An app with URLs that are not pages registers its own
section from its ``apps.ready()``::

    from home import sitemaps
    sitemaps.register("members", MemberSitemap)   # a home.sitemaps.SiteSitemap subclass

Whatever a section lists must answer 200 without ``noindex`` to an anonymous visitor.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from home import links
from home.frame import is_noindex

_SECTIONS: dict[str, type[Sitemap]] = {}


def register(section: str, sitemap_class: type[Sitemap]) -> None:
    _SECTIONS[section] = sitemap_class


def sections() -> dict[str, type[Sitemap]]:
    return {"pages": PageSitemap, **_SECTIONS}


class SiteSitemap(Sitemap):
    """Django's ``Sitemap`` with every language, hreflang alternates and x-default, on
    ``SITE_URL`` (never the request's host or a ``Site`` record)."""

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        parts = urlsplit(links.origin())
        return self._urls(page, parts.scheme, parts.netloc)


class PageGroup(dict):
    """One page and its live translations: ``{language code: page}``."""

    @property
    def lastmod(self):
        dates = [p.last_published_at for p in self.values() if p.last_published_at]
        return max(dates, default=None)


def page_groups() -> list[PageGroup]:
    """Live, public pages of every language tree of the default site, each with its
    translations, without the page models that ask for ``noindex``."""
    from wagtail.models import Page, Site, get_page_models

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    scope = Q()
    for root_path in Page.objects.filter(
        translation_key=site.root_page.translation_key
    ).values_list("path", flat=True):
        scope |= Q(path__startswith=root_path)
    pages = Page.objects.live().public().filter(scope).select_related("locale")
    hidden = [model for model in get_page_models() if is_noindex(model)]
    if hidden:
        pages = pages.not_type(*hidden)
    languages = {code for code, _name in settings.LANGUAGES}
    groups: dict = {}
    for page in pages.order_by("path"):
        code = page.locale.language_code
        if code in languages:
            groups.setdefault(page.translation_key, PageGroup())[code] = page
    return list(groups.values())


class PageSitemap(SiteSitemap):
    def items(self):
        if not hasattr(self, "_groups"):
            self._groups = page_groups()
        return self._groups

    def get_languages_for_item(self, item):
        return [code for code in self._languages() if code in item]

    def location(self, item):
        return links.page_path(item[translation.get_language()])

    def lastmod(self, item):
        return item.lastmod


@sitemap_views.x_robots_tag
@require_GET
def index(request):
    """The sitemap index: one entry per section (and per page of a long one), on SITE_URL."""
    entries = []
    for section, sitemap_class in sections().items():
        sitemap = sitemap_class()
        pages = sitemap.paginator.num_pages
        if not sitemap.paginator.count:
            continue
        location = links.url("sitemap_section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        entries.append(sitemap_views.SitemapIndexItem(location, lastmod))
        entries += [
            sitemap_views.SitemapIndexItem(f"{location}?p={number}", lastmod)
            for number in range(2, pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_GET
def section(request, section):
    return sitemap_views.sitemap(request, sitemaps=sections(), section=section)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        *[f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES],
        *[f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES],
        "",
        f"Sitemap: {links.url('sitemap_index')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")
