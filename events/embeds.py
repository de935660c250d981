"""Video players for recordings, built here without asking anyone.

A Wagtail embed finder (``wagtail.embeds``) for YouTube and Vimeo addresses that makes
the player from the address alone: no oEmbed request leaves the server (a page view
never waits for another site), the player comes from the privacy-enhanced hosts the
site's Content-Security-Policy allows (``frame-src``: ``www.youtube-nocookie.com`` and
``player.vimeo.com``), and it carries a ``title`` for screen readers. Any other address
is not embeddable here: the page shows it as a plain link (it always shows the link too).
Projects may list it in ``WAGTAILEMBEDS_FINDERS`` so that Wagtail's own embeds use it.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.utils.html import format_html

from wagtail.embeds.exceptions import EmbedUnsupportedProviderException
from wagtail.embeds.finders.base import EmbedFinder

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{6,12}$")


def _youtube_id(parts) -> str | None:
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path.strip("/").split("/")
    candidate = None
    if host == "youtu.be":
        candidate = path[0] if path else None
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if path[:1] == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [None])[0]
        elif len(path) >= 2 and path[0] in {"embed", "live", "shorts", "v"}:
            candidate = path[1]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def _vimeo_id(parts) -> str | None:
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.strip("/").split("/")
    if host == "vimeo.com" and path and _VIMEO_ID.match(path[0]):
        return path[0]
    if host == "player.vimeo.com" and path[:1] == ["video"] and len(path) > 1:
        return path[1] if _VIMEO_ID.match(path[1]) else None
    return None


def player_src(url: str) -> tuple[str, str] | None:
    """``(provider name, player address)`` for a YouTube or Vimeo address, else None."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    if video := _youtube_id(parts):
        return "YouTube", f"https://www.youtube-nocookie.com/embed/{video}"
    if video := _vimeo_id(parts):
        return "Vimeo", f"https://player.vimeo.com/video/{video}?dnt=1"
    return None


class PrivacyEnhancedVideoFinder(EmbedFinder):
    """YouTube and Vimeo players from the address alone (see the module docstring)."""

    def accept(self, url):
        return player_src(url) is not None

    def find_embed(self, url, max_width=None, max_height=None, title=""):
        found = player_src(url)
        if found is None:
            raise EmbedUnsupportedProviderException
        provider, src = found
        return {
            "title": title,
            "author_name": "",
            "provider_name": provider,
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": format_html(
                '<iframe src="{}" title="{}" width="640" height="360" '
                'allow="encrypted-media; picture-in-picture; fullscreen" '
                'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>',
                src,
                title or provider,
            ),
        }


def video_player(url: str, *, title: str) -> str:
    """The player's HTML for ``url`` (titled ``title``), or "" when there is none."""
    try:
        return PrivacyEnhancedVideoFinder().find_embed(url, title=title)["html"]
    except EmbedUnsupportedProviderException:
        return ""
