"""Member-written text: the bio's small markup subset and the list of links."""

from urllib.parse import urlsplit

import nh3

BIO_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
BIO_ATTRIBUTES = {"a": {"href"}}
SAFE_SCHEMES = {"http", "https"}
LINK_REL = "noopener noreferrer nofollow"
MAX_LINKS = 5


def clean_bio(html: str) -> str:
    """The bio with only paragraphs, emphasis, lists and http(s) links left."""
    return nh3.clean(
        html or "",
        tags=BIO_TAGS,
        attributes=BIO_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute http(s) address with a host, else None."""
    url = (url or "").strip()
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return url


def clean_links(links) -> list[dict]:
    """Stored links, keeping only safe ones (also applied when rendering)."""
    cleaned = []
    for item in links or []:
        if not isinstance(item, dict):
            continue
        url = safe_url(str(item.get("url", "")))
        if url:
            label = str(item.get("label", "")).strip()[:80]
            cleaned.append({"label": label or urlsplit(url).netloc, "url": url})
    return cleaned[:MAX_LINKS]
