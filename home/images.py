"""Responsive images and initials avatars: the one way the site shows a picture.

Every picture is an ``<img>`` with WebP renditions at several widths in ``srcset``, its
``width``/``height`` (no layout shift), ``decoding="async"`` and ``loading="lazy"`` unless
it is the hero at the top of a page. A *preset* names the shape and the widths so that
listings can prefetch exactly the renditions their cards use (``CARD_SPECS``).

Alt text: an explicit ``alt`` wins (cards pass ``""``: the title beside the image says it
all); otherwise the image's description (Wagtail's alt text), in the reader's language when
the catalogue has it (the demo's generated images do), else as the editor wrote it.
"""

import hashlib
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.translation import gettext

from wagtail.images.shortcuts import get_renditions_or_not_found

WEBP = "format-webp|webpquality-78"


def image_field(verbose_name=None, help_text=""):
    """An optional Wagtail image on a page or snippet: deleting the image empties the
    field, never the page."""
    from django.db import models
    from django.utils.translation import gettext_lazy as _

    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name or _("Image"),
        help_text=help_text,
    )


def image_alt_field():
    """The page's own words for its picture: translated with the page, so each language
    has its alt text. Empty means the image's description (Wagtail's alt text)."""
    from django.db import models
    from django.utils.translation import gettext_lazy as _

    return models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("Image description"),
        help_text=_(
            "What the picture shows, for people who cannot see it. Leave empty to use the "
            "image's own description."
        ),
    )


@dataclass(frozen=True)
class Preset:
    sizes_px: tuple[tuple[int, int], ...]  # (width, height) of each rendition, smallest first
    sizes: str  # the ``sizes`` attribute: how wide the image is drawn
    crop: str = "fill"

    @property
    def specs(self) -> tuple[str, ...]:
        if self.crop == "width":  # keep the editor's proportions, only the width is set
            return tuple(f"width-{w}|{WEBP}" for w, _h in self.sizes_px)
        return tuple(f"{self.crop}-{w}x{h}|{WEBP}" for w, h in self.sizes_px)


PRESETS = {
    # 16:9 card image: a third to a half of the 72rem column, or the whole phone width.
    "card": Preset(
        ((400, 225), (640, 360), (960, 540)),
        "(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw",
    ),
    # Detail-page banner: 16:7 and at most 48rem (768 px) wide, so the title and the first
    # lines still show above the fold.
    "hero": Preset(((640, 280), (960, 420), (1280, 560)), "(min-width: 48rem) 48rem, 100vw"),
    # Square portraits (speakers), drawn at 48 px (3rem), sharp on 2x and 4x screens.
    "portrait": Preset(((96, 96), (192, 192)), "3rem"),
    # An image in a page's body, uncropped, up to the 70ch prose measure.
    "inline": Preset(
        ((480, 0), (800, 0), (1200, 0)), "(min-width: 48rem) 45rem, 100vw", crop="width"
    ),
    # The home page's hero block.
    "band": Preset(((640, 267), (960, 400), (1440, 600)), "(min-width: 72rem) 60rem, 100vw"),
    # A partner's logo, never cropped.
    "logo": Preset(((160, 80), (320, 160)), "10rem", crop="max"),
}

#: What listings prefetch (``prefetch_renditions(*CARD_SPECS)``) so cards cost no query.
CARD_SPECS = PRESETS["card"].specs


def alt_text(image) -> str:
    """The image's description in the reader's language when the catalogue has it."""
    text = (getattr(image, "description", "") or "").strip()
    return gettext(text) if text else ""


def responsive_image(image, preset: str = "card", *, alt=None, eager=False, css_class=""):
    """``<img srcset sizes width height loading decoding>`` for ``image`` (or ``""``)."""
    if not image:
        return ""
    spec = PRESETS[preset]
    found = get_renditions_or_not_found(image, spec.specs)  # {spec: rendition}
    renditions = sorted(found.values(), key=lambda r: r.width)
    if not renditions:
        return ""
    attrs = {
        "alt": alt_text(image) if alt is None else alt,
        "decoding": "async",
        "loading": "eager" if eager else "lazy",
    }
    # A small original gives the same rendition for every width: list each width once.
    renditions = list({r.width: r for r in renditions}.values())
    if len(renditions) > 1:  # ``sizes`` is only valid beside a ``srcset``
        attrs["srcset"] = ", ".join(f"{r.url} {r.width}w" for r in renditions)
        attrs["sizes"] = spec.sizes
    if eager:
        attrs["fetchpriority"] = "high"
    if css_class:
        attrs["class"] = css_class
    # The middle rendition is the fallback ``src`` and gives the aspect ratio.
    return renditions[len(renditions) // 2].img_tag(attrs)


# ---------------------------------------------------------------------------
# Initials avatars
# ---------------------------------------------------------------------------
#: Palette colours (DESIGN.md) on which white text passes 4.5:1 (all are 6:1 or more).
AVATAR_COLOURS = (
    "#0B5563",  # --primary
    "#0A58A8",  # --link
    "#A14A00",  # --accent
    "#1B6E3A",  # --success
    "#4A5565",  # --muted
    "#083E48",  # --primary-dark
    "#1B2430",  # --ink
)


def initials(name: str) -> str:
    """ "Amina Diallo" → "AD", "Lê" → "L", "" → "?"."""
    words = [w for w in (name or "").replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def avatar_colour(name: str) -> str:
    """The same palette colour for the same name, on every page and every day."""
    digest = hashlib.sha256((name or "").strip().casefold().encode()).digest()
    return AVATAR_COLOURS[digest[0] % len(AVATAR_COLOURS)]


def avatar_svg(name: str, *, size: int = 48, css_class: str = "avatar", shape: str = "") -> str:
    """A tiny inline SVG with the initials, named for assistive technology: a disc for
    a person, a rounded square for an organisation or an initiative (``shape="square"``)."""
    name = (name or "").strip()
    label = name or gettext("Member")
    return format_html(
        '<svg class="{cls}" role="img" aria-label="{label}" width="{s}" height="{s}" '
        'viewBox="0 0 48 48" xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
        "{backdrop}"
        '<text x="24" y="24" dy=".35em" text-anchor="middle" fill="#FFFFFF" '
        'font-family="system-ui, sans-serif" font-size="{fs}" font-weight="600">{ini}</text>'
        "</svg>",
        cls=f"{css_class} avatar--square" if shape == "square" else css_class,
        backdrop=format_html(
            '<rect width="48" height="48" rx="10" fill="{}"/>'
            if shape == "square"
            else '<circle cx="24" cy="24" r="24" fill="{}"/>',
            avatar_colour(name),
        ),
        label=label,
        s=size,
        fs=20 if len(initials(name)) < 2 else 18,
        ini=initials(name),
    )
