from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page

from home import frame, l10n, links, serving
from home.isotime import iso_datetime as _iso_datetime
from home.models import Theme
from home.routing import private_q

register = template.Library()


@register.filter
def iso_datetime(value) -> str:
    """For ``<time datetime>``: ISO 8601 without microseconds (home/isotime.py)."""
    return _iso_datetime(value)


@register.simple_tag
def themes_with_pages() -> list:
    """``[(theme, url of its theme page or "")]`` in the reader's language (home.themes)."""
    from wagtail.models import Locale

    from home import themes as theme_pages

    found = list(Theme.for_locale())
    urls = theme_pages.page_urls([t.translation_key for t in found], locale=Locale.get_active())
    return [(theme, urls.get(theme.translation_key, "")) for theme in found]


@register.simple_tag(takes_context=True)
def header_counts(context) -> dict:
    """The header's counts (unread notifications, new requests, ...), one query a request."""
    from home import badges

    request = context.get("request")
    if request is None:
        return {}
    return badges.for_request(request)


@register.simple_tag(takes_context=True)
def site_userbar(context, position="bottom-right"):
    """Wagtail's user bar, for those who may open the admin. Whether they may is read
    from the header's one counting query (``header_counts``), not asked again."""
    from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if not user.is_superuser and not header_counts(context).get("admin"):
        return ""
    return wagtailuserbar(context, position)


# ---------------------------------------------------------------------------
# The site frame: addresses in the reader's language, head links, translation notice
# ---------------------------------------------------------------------------
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _relocate(url: str, language: str) -> str:
    """``/en/stories/x/`` → ``/fr/stories/x/`` (the fallback route serves it with a notice)."""
    head, sep, tail = url.partition("://")
    prefix, path = (
        (f"{head}{sep}{tail.split('/', 1)[0]}", "/" + tail.split("/", 1)[1]) if sep else ("", url)
    )
    parts = path.split("/", 2)
    if len(parts) == 3 and parts[1] in LANGUAGE_CODES:
        return f"{prefix}/{language}/{parts[2]}"
    return url


@register.simple_tag(takes_context=True)
def reader_url(context, page, full=False):
    """The page's address in the reader's language: its own, or the fallback address
    where an untranslated page is shown in its source language with a notice."""
    request = context.get("request")
    url = links.page_url(page) if full else page.get_url(request)
    if not url:
        return ""
    language = translation.get_language()
    if page.locale.language_code != language:
        return _relocate(url, language)
    return url


@register.simple_tag
def theme_labels(themes, theme_names):
    """Names of a page's themes in the reader's language, each once."""
    seen, labels = set(), []
    for theme in themes:
        if theme.translation_key in seen:
            continue
        seen.add(theme.translation_key)
        labels.append(theme_names.get(theme.translation_key, theme.name))
    return labels


@register.inclusion_tag("home/includes/seo.html", takes_context=True)
def seo_meta(context, page):
    """Canonical URL, hreflang alternates, Open Graph and Twitter meta for a page, every
    address on SITE_URL (``home.links``)."""
    site_name = (
        getattr(context.get("site_settings"), "organisation_name", "") or settings.WAGTAIL_SITE_NAME
    )
    translations = list(
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .exclude(private_q())
        .select_related("locale")
        .order_by("locale__language_code")
    )
    alternates = [
        {"language": p.locale.language_code, "url": links.page_url(p)} for p in translations
    ]
    alternates = [a for a in alternates if a["url"]]
    default_code = Locale.get_default().language_code
    x_default = next((a["url"] for a in alternates if a["language"] == default_code), None)
    image_url = ""
    image = getattr(page, "listing_image", None)
    if image is not None:
        image_url = links.absolute(image.get_rendition("fill-1200x630|format-jpeg").full_url)
    description = ""
    if hasattr(page, "get_meta_description"):
        description = page.get_meta_description() or ""
    elif hasattr(page, "intro"):
        description = page.intro or ""
    return {
        "page": page,
        "canonical": links.page_url(page),
        "alternates": alternates if len(alternates) > 1 else [],
        "x_default": x_default if len(alternates) > 1 else None,
        "title": page.seo_title or page.title,
        "description": description,
        "extra_description": description if not page.search_description else "",
        "image_url": image_url,
        "og_type": "article"
        if getattr(page, "summary", None) is not None and not hasattr(page, "listing_model")
        else "website",
        "og_locale": translation.to_locale(page.locale.language_code),
        "site_name": site_name,
    }


@register.inclusion_tag("home/includes/page_head.html")
def page_head(page):
    """What every page's <head> carries from its model: robots ``noindex`` (``home.frame``)
    and its feeds (``get_feed_links()``: dicts with ``type``, ``title`` and ``url``)."""
    if not isinstance(page, Page):
        return {}
    feeds = page.get_feed_links() if hasattr(page, "get_feed_links") else []
    return {"noindex": frame.is_noindex(page), "robots": frame.ROBOTS_NOINDEX, "feeds": feeds}


@register.filter
def is_fallback(page, request):
    """The page is shown in its source language to a reader of another language."""
    return serving.is_fallback(page, request)


@register.filter
def kind_name(page) -> str:
    """The name people use for a page's kind ("Story", "Event"): the page class's
    ``kind_label`` when its app declares one, else its verbose name (issue 11)."""
    specific = getattr(page, "specific_class", None) or type(page)
    label = getattr(specific, "kind_label", None)
    return str(label) if label else str(specific._meta.verbose_name).capitalize()


@register.filter
def zone_label(zone_name, moment=None) -> str:
    """``{{ page.timezone|zone_label:page.start }}`` -> 'Nairobi time (UTC+3)'."""
    return l10n.zone_label(str(zone_name or ""), moment or None)


@register.filter
def plain_text(html):
    """The words of formatted HTML (``home.text``) without its tags: previews, results."""
    from home.text import plain_text as words

    return words(html)


@register.simple_tag
def elided_page_range(page_obj, on_each_side: int = 2, on_ends: int = 1) -> list:
    """The page numbers to link to around ``page_obj``, with ``Paginator.ELLIPSIS`` for
    the gaps: a few links, however many pages there are (``includes/pagination.html``)."""
    if not page_obj:
        return []
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.filter
def small_cell(count):
    """``{{ count|small_cell }}``: the count, or "fewer than 5" (home.aggregates)."""
    from home.aggregates import cell

    return cell(count).display()
