"""Demo images drawn by the project itself: patterns, maps and simple illustrations.

Nothing is downloaded and no real person is pictured. Each image is drawn with Pillow
from a fixed seed (the same key always gives the same picture), at 1200 x 675 (portraits
600 x 600), saved as a JPEG of about 50 KB, and stored once as a Wagtail image titled
"Demo · <key>": running the seeders again finds it instead of making another.

Alt text: the English description is the image's ``description`` (Wagtail's alt text);
the French and Spanish come from the gettext catalogue (the strings below are marked for
translation), read by ``home.images.alt_text`` in the reader's language.

Seeders call ``demo_image(key)`` or ``image_for_themes(slugs)`` and then ``attach()``,
which gives a page and its translations the image only where they have none.
"""

import io
import math
import random

from django.core.files.images import ImageFile
from django.utils.translation import gettext_noop

from wagtail.images import get_image_model

from PIL import Image as PILImage
from PIL import ImageDraw

SCALE = 2  # drawn at twice the size, then reduced: smooth edges without antialiasing
WIDE = (1200, 675)
SQUARE = (600, 600)
TITLE_PREFIX = "Demo · "

# The palette (DESIGN.md) and light tints of it.
INK, PRIMARY, DARK, LINK = "#1B2430", "#0B5563", "#083E48", "#0A58A8"
ACCENT, SUCCESS, FOCUS, SURFACE, WHITE = "#A14A00", "#1B6E3A", "#F2B705", "#F4F6F8", "#FFFFFF"
TEAL_TINT, BLUE_TINT, ORANGE_TINT, GREEN_TINT = "#CFE3E6", "#D6E4F5", "#F6E3D1", "#DCEBDF"
STRONG = (PRIMARY, LINK, ACCENT, SUCCESS, DARK)
TINTS = (TEAL_TINT, BLUE_TINT, ORANGE_TINT, GREEN_TINT)


# ---------------------------------------------------------------------------
# Drawings: each takes (draw, width, height, rnd) at SCALE
# ---------------------------------------------------------------------------
def _pattern(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=SURFACE)
    cell = w // 12
    for row in range(h // cell + 1):
        for col in range(12):
            x, y = col * cell, row * cell
            colour = rnd.choice(STRONG + TINTS)
            shape = rnd.randrange(5)
            box = [x, y, x + cell, y + cell]
            if shape == 0:
                d.ellipse(box, fill=colour)
            elif shape == 1:
                d.polygon([(x, y + cell), (x + cell, y + cell), (x + cell, y)], fill=colour)
            elif shape == 2:
                d.pieslice([x - cell, y - cell, x + cell, y + cell], 0, 90, fill=colour)
            elif shape == 3:
                for i in range(0, cell, cell // 4):
                    d.rectangle([x, y + i, x + cell, y + i + cell // 8], fill=colour)
            else:
                d.rectangle(box, fill=colour)
                d.ellipse(
                    [x + cell // 4, y + cell // 4, x + 3 * cell // 4, y + 3 * cell // 4], fill=WHITE
                )


def _blob(d, cx, cy, radius, rnd, fill):
    points, phase = [], rnd.random() * math.tau
    for i in range(48):
        angle = math.tau * i / 48
        wobble = 1 + 0.25 * math.sin(3 * angle + phase) + 0.12 * math.sin(5 * angle + 2 * phase)
        points.append(
            (cx + radius * wobble * math.cos(angle), cy + 0.7 * radius * wobble * math.sin(angle))
        )
    d.polygon(points, fill=fill)


def _pin(d, x, y, size, colour):
    d.polygon(
        [(x - size * 0.6, y - size), (x + size * 0.6, y - size), (x, y + size * 0.4)], fill=colour
    )
    d.ellipse([x - size, y - 2.2 * size, x + size, y - 0.2 * size], fill=colour)
    d.ellipse([x - size / 2.5, y - 1.6 * size, x + size / 2.5, y - 0.8 * size], fill=WHITE)


def _map(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=BLUE_TINT)
    for i in range(0, w, w // 16):  # meridians
        d.line([(i, 0), (i, h)], fill="#C4D6EC", width=3)
    for i in range(0, h, h // 9):
        d.line([(0, i), (w, i)], fill="#C4D6EC", width=3)
    centres = [(0.2, 0.35), (0.3, 0.72), (0.52, 0.3), (0.55, 0.68), (0.8, 0.38), (0.85, 0.78)]
    for fx, fy in centres:
        _blob(
            d, fx * w, fy * h, rnd.uniform(0.09, 0.15) * w, rnd, rnd.choice((GREEN_TINT, "#BFD9C5"))
        )
    pins = [
        (fx * w + rnd.uniform(-60, 60), fy * h + rnd.uniform(-40, 40))
        for fx, fy in rnd.sample(centres, 4)
    ]
    for (x1, y1), (x2, y2) in zip(pins, pins[1:], strict=False):
        for t in range(0, 20, 2):  # a dashed arc between two places
            a, b = t / 20, (t + 1) / 20
            lift = -0.15 * abs(x2 - x1)
            pa = (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a + lift * math.sin(math.pi * a))
            pb = (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b + lift * math.sin(math.pi * b))
            d.line([pa, pb], fill=PRIMARY, width=8)
    for x, y in pins:
        _pin(d, x, y, 40, ACCENT)


def _figure(d, x, y, size, colour):
    """An abstract person: a round head over rounded shoulders (nobody in particular)."""
    d.ellipse([x - size * 0.45, y - size * 1.5, x + size * 0.45, y - size * 0.6], fill=colour)
    d.pieslice([x - size, y - size * 0.4, x + size, y + size * 1.6], 180, 360, fill=colour)


def _gathering(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=ORANGE_TINT)
    cx, cy, rx, ry = w / 2, h * 0.58, w * 0.3, h * 0.22
    seats = 10
    for i in range(seats):
        angle = math.pi + math.tau * i / seats
        if math.sin(angle) < 0:  # the far side of the table, drawn first
            _figure(
                d,
                cx + 1.15 * rx * math.cos(angle),
                cy + 1.3 * ry * math.sin(angle),
                70,
                STRONG[i % 5],
            )
    d.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=DARK)
    d.ellipse([cx - rx + 20, cy - ry + 20, cx + rx - 20, cy + ry - 20], fill=PRIMARY)
    for i in range(3):
        x = cx - 200 + i * 200
        d.rectangle([x - 60, cy - 40, x + 60, cy + 40], fill=WHITE)
    for i in range(seats):
        angle = math.pi + math.tau * i / seats
        if math.sin(angle) >= 0:
            _figure(
                d,
                cx + 1.15 * rx * math.cos(angle),
                cy + 1.35 * ry * math.sin(angle) + 60,
                80,
                STRONG[(i + 2) % 5],
            )


def _documents(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=TEAL_TINT)
    for i, colour in enumerate((BLUE_TINT, WHITE, WHITE)):
        x, y = w * 0.22 + i * 90, h * 0.14 + i * 70
        d.rounded_rectangle(
            [x, y, x + w * 0.36, y + h * 0.72], radius=30, fill=colour, outline=DARK, width=6
        )
    x, y = w * 0.22 + 180, h * 0.14 + 140
    for row in range(7):
        yy = y + 110 + row * 110
        d.rectangle([x + 70, yy, x + 110, yy + 40], fill=SUCCESS if row % 3 != 2 else ACCENT)
        d.rectangle([x + 150, yy + 10, x + 150 + rnd.randint(300, 600), yy + 30], fill="#9AA5B1")
    cx, cy, r = w * 0.74, h * 0.62, 190
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=SUCCESS)
    d.line(
        [(cx - 90, cy), (cx - 20, cy + 80), (cx + 100, cy - 70)],
        fill=WHITE,
        width=40,
        joint="curve",
    )


def _climate(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=BLUE_TINT)
    d.ellipse([w * 0.72, h * 0.1, w * 0.72 + 260, h * 0.1 + 260], fill=FOCUS)
    d.ellipse([-w * 0.2, h * 0.6, w * 0.7, h * 1.6], fill="#8DBF9B")
    d.ellipse([w * 0.35, h * 0.68, w * 1.3, h * 1.7], fill=SUCCESS)
    for fx, fy, s in ((0.2, 0.62, 1.0), (0.38, 0.58, 0.8), (0.62, 0.7, 1.1)):
        x, y = fx * w, fy * h
        top = y - 420 * s
        d.polygon([(x - 14, y), (x + 14, y), (x + 6, top), (x - 6, top)], fill=WHITE)
        for k in range(3):
            angle = rnd.random() + math.tau * k / 3
            d.line(
                [(x, top), (x + 200 * s * math.cos(angle), top + 200 * s * math.sin(angle))],
                fill=WHITE,
                width=int(22 * s),
            )
        d.ellipse([x - 24, top - 24, x + 24, top + 24], fill=DARK)


def _network(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=DARK)
    nodes = [(rnd.uniform(0.08, 0.92) * w, rnd.uniform(0.1, 0.9) * h) for _ in range(26)]
    for i, (x, y) in enumerate(nodes):
        nearest = sorted(nodes, key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)[1:3]
        for nx, ny in nearest:
            d.line([(x, y), (nx, ny)], fill="#3E7C87" if i % 4 else FOCUS, width=6)
    for i, (x, y) in enumerate(nodes):
        r = 60 if i % 7 == 0 else 28
        d.ellipse([x - r, y - r, x + r, y + r], fill=(FOCUS if i % 7 == 0 else TEAL_TINT))


def _bubble(d, box, fill, tail_left=True):
    x1, y1, x2, y2 = box
    d.rounded_rectangle(box, radius=60, fill=fill)
    tx = x1 + 120 if tail_left else x2 - 120
    d.polygon(
        [(tx - 40, y2 - 5), (tx + 40, y2 - 5), (tx - 60 if tail_left else tx + 60, y2 + 90)],
        fill=fill,
    )


def _information(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=SURFACE)
    _bubble(d, [w * 0.08, h * 0.12, w * 0.5, h * 0.48], PRIMARY)
    _bubble(d, [w * 0.45, h * 0.52, w * 0.9, h * 0.86], ACCENT, tail_left=False)
    for box, lines in (((w * 0.08, h * 0.12), 3), ((w * 0.45, h * 0.52), 3)):
        for i in range(lines):
            y = box[1] + 110 + i * 100
            d.rounded_rectangle(
                [box[0] + 100, y, box[0] + 100 + rnd.randint(500, 800), y + 36],
                radius=18,
                fill=WHITE,
            )
    cx, cy, r = w * 0.76, h * 0.28, 150
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=LINK)
    d.ellipse([cx - 22, cy - 100, cx + 22, cy - 56], fill=WHITE)
    d.rectangle([cx - 20, cy - 30, cx + 20, cy + 100], fill=WHITE)


def _square(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=BLUE_TINT)
    d.rectangle([0, h * 0.72, w, h], fill="#E4E0D6")
    d.ellipse([w * 0.3, h * 0.78, w * 0.7, h * 0.98], fill="#CFC8B8")
    x = 0
    while x < w:
        bw, bh = rnd.randint(200, 360), rnd.randint(400, 800)
        colour = rnd.choice((PRIMARY, DARK, LINK, "#6B7A8C", ACCENT))
        d.rectangle([x, h * 0.72 - bh, x + bw - 20, h * 0.72], fill=colour)
        for wy in range(int(h * 0.72 - bh + 40), int(h * 0.72 - 80), 90):
            for wx in range(x + 30, x + bw - 60, 80):
                d.rectangle(
                    [wx, wy, wx + 40, wy + 50], fill=FOCUS if rnd.random() < 0.3 else "#E8EEF4"
                )
        x += bw
    for fx in (0.12, 0.88):
        d.rectangle([fx * w - 12, h * 0.6, fx * w + 12, h * 0.8], fill="#6B4F2A")
        d.ellipse([fx * w - 110, h * 0.42, fx * w + 110, h * 0.66], fill=SUCCESS)


def _stage(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=DARK)
    d.rectangle([w * 0.15, h * 0.12, w * 0.85, h * 0.5], fill=PRIMARY)
    d.rectangle([w * 0.2, h * 0.16, w * 0.8, h * 0.46], fill=TEAL_TINT)
    for i in range(5):
        d.rectangle(
            [w * 0.26 + i * 260, h * 0.24, w * 0.26 + i * 260 + 180, h * 0.38], fill=STRONG[i]
        )
    d.rectangle([w * 0.1, h * 0.5, w * 0.9, h * 0.56], fill=ACCENT)
    for row in range(4):
        y = h * 0.66 + row * 110
        for col in range(16):
            x = w * 0.06 + col * (w * 0.88 / 15)
            d.ellipse(
                [x - 34, y - 34, x + 34, y + 34],
                fill=rnd.choice((TEAL_TINT, BLUE_TINT, ORANGE_TINT, GREEN_TINT)),
            )


def _webinar(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=GREEN_TINT)
    sx1, sy1, sx2, sy2 = w * 0.2, h * 0.1, w * 0.8, h * 0.78
    d.rounded_rectangle([sx1, sy1, sx2, sy2], radius=40, fill=INK)
    d.polygon(
        [(w * 0.12, h * 0.9), (w * 0.88, h * 0.9), (w * 0.82, sy2), (w * 0.18, sy2)], fill="#6B7A8C"
    )
    cols, rows = 3, 2
    tw, th = (sx2 - sx1 - 80) / cols, (sy2 - sy1 - 80) / rows
    for r in range(rows):
        for c in range(cols):
            x, y = sx1 + 40 + c * tw, sy1 + 40 + r * th
            colour = STRONG[(r * cols + c) % 5]
            d.rectangle([x + 10, y + 10, x + tw - 10, y + th - 10], fill=colour)
            _figure(d, x + tw / 2, y + th * 0.68, th * 0.22, WHITE)


def _star(cx, cy, outer, inner, points=5):
    out = []
    for i in range(points * 2):
        angle = -math.pi / 2 + math.pi * i / points
        r = outer if i % 2 == 0 else inner
        out.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return out


def _award(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=TEAL_TINT)
    for i in range(14):  # rays
        angle = math.tau * i / 14
        d.polygon(
            [
                (w / 2, h * 0.55),
                (w / 2 + 1600 * math.cos(angle), h * 0.55 + 1600 * math.sin(angle)),
                (w / 2 + 1600 * math.cos(angle + 0.2), h * 0.55 + 1600 * math.sin(angle + 0.2)),
            ],
            fill="#BDD8DC",
        )
    cx, cy = w / 2, h * 0.6
    d.polygon([(cx - 260, h * 0.02), (cx - 60, h * 0.02), (cx + 60, cy), (cx - 120, cy)], fill=LINK)
    d.polygon(
        [(cx + 260, h * 0.02), (cx + 60, h * 0.02), (cx - 60, cy), (cx + 120, cy)], fill=ACCENT
    )
    d.ellipse([cx - 300, cy - 300, cx + 300, cy + 300], fill=FOCUS)
    d.ellipse([cx - 240, cy - 240, cx + 240, cy + 240], fill="#D9A300")
    d.polygon(_star(cx, cy, 190, 80), fill=WHITE)


def _steps(d, w, h, rnd):
    # Everything sits in the middle band, so a 16:7 banner crop keeps the flag.
    d.rectangle([0, 0, w, h], fill=BLUE_TINT)
    steps = 5
    sw = w * 0.6 / steps
    for i in range(steps):
        x = w * 0.2 + i * sw
        top = h * 0.88 - (i + 1) * h * 0.11
        d.rectangle([x, top, x + sw, h], fill=STRONG[i % 5])
        _figure(d, x + sw / 2, top - 50, 45, INK if i % 2 else DARK)
    fx = w * 0.2 + steps * sw - 40
    last_top = h * 0.88 - steps * h * 0.11
    d.rectangle([fx, h * 0.17, fx + 16, last_top], fill=INK)
    d.polygon([(fx + 16, h * 0.17), (fx + 200, h * 0.21), (fx + 16, h * 0.25)], fill=ACCENT)


PORTRAIT_COLOURS = (
    (TEAL_TINT, PRIMARY),
    (ORANGE_TINT, ACCENT),
    (GREEN_TINT, SUCCESS),
    (BLUE_TINT, LINK),
)


def _portrait(number):
    background, figure = PORTRAIT_COLOURS[(number - 1) % len(PORTRAIT_COLOURS)]

    def drawing(d, w, h, rnd):
        d.rectangle([0, 0, w, h], fill=background)
        _figure(d, w / 2, h * 0.72, w * 0.3, figure)

    return drawing


# key: (drawing, size, title, alt text)
CATALOGUE = {
    "pattern": (
        _pattern,
        WIDE,
        "Pattern",
        gettext_noop("A pattern of circles, triangles and stripes in the site’s colours."),
    ),
    "map": (
        _map,
        WIDE,
        "Map",
        gettext_noop("A simple map with pins linked by dotted lines: places where members meet."),
    ),
    "gathering": (
        _gathering,
        WIDE,
        "Gathering",
        gettext_noop(
            "Drawn figures seated around a round table, an illustration of a community meeting."
        ),
    ),
    "documents": (
        _documents,
        WIDE,
        "Documents",
        gettext_noop(
            "Stacked documents with ticked lines and a large check mark, an illustration of open contracts."
        ),
    ),
    "climate": (
        _climate,
        WIDE,
        "Climate",
        gettext_noop("Green hills under a yellow sun with three wind turbines."),
    ),
    "network": (
        _network,
        WIDE,
        "Network",
        gettext_noop("A network of linked dots, an illustration of who owns and controls what."),
    ),
    "information": (
        _information,
        WIDE,
        "Information",
        gettext_noop(
            "Two speech bubbles and an information sign, an illustration of the right to know."
        ),
    ),
    "square": (
        _square,
        WIDE,
        "Public square",
        gettext_noop(
            "Buildings around an open square with two trees, an illustration of civic space."
        ),
    ),
    "stage": (
        _stage,
        WIDE,
        "Stage",
        gettext_noop(
            "A stage with a large screen and rows of seats, an illustration of a conference."
        ),
    ),
    "webinar": (
        _webinar,
        WIDE,
        "Webinar",
        gettext_noop(
            "A laptop showing a video call with six participants drawn as simple figures."
        ),
    ),
    "award": (
        _award,
        WIDE,
        "Award",
        gettext_noop("A gold medal with a white star on two ribbons."),
    ),
    "steps": (
        _steps,
        WIDE,
        "Steps",
        gettext_noop(
            "Drawn figures climbing coloured steps towards a flag, an illustration of a leadership programme."
        ),
    ),
    "portrait-1": (
        _portrait(1),
        SQUARE,
        "Portrait 1",
        gettext_noop("A drawn silhouette on a coloured background, standing in for a photo."),
    ),
    "portrait-2": (
        _portrait(2),
        SQUARE,
        "Portrait 2",
        gettext_noop("A drawn silhouette on a coloured background, standing in for a photo."),
    ),
    "portrait-3": (
        _portrait(3),
        SQUARE,
        "Portrait 3",
        gettext_noop("A drawn silhouette on a coloured background, standing in for a photo."),
    ),
    "portrait-4": (
        _portrait(4),
        SQUARE,
        "Portrait 4",
        gettext_noop("A drawn silhouette on a coloured background, standing in for a photo."),
    ),
}

#: Which picture goes with a theme (home/demo/content.py THEMES slugs).
THEME_IMAGES = {
    "anti-corruption": "documents",
    "digital-governance": "webinar",
    "climate-action": "climate",
    "justice": "square",
    "civic-space": "square",
    "participation-inclusion": "gathering",
    "access-to-information": "information",
    "fiscal-openness": "documents",
    "public-services": "map",
}


def draw(key: str) -> bytes:
    """The JPEG bytes of the picture ``key`` (the same bytes every time)."""
    drawing, (width, height), _title, _alt = CATALOGUE[key]
    canvas = PILImage.new("RGB", (width * SCALE, height * SCALE), WHITE)
    drawing(ImageDraw.Draw(canvas), width * SCALE, height * SCALE, random.Random(key))
    canvas = canvas.resize((width, height), PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    canvas.save(out, format="JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue()


def demo_image(key: str):
    """The Wagtail image for ``key``, drawn and stored the first time only."""
    Image = get_image_model()
    _drawing, _size, title, alt = CATALOGUE[key]
    title = TITLE_PREFIX + title
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, description=alt)
        image.file = ImageFile(io.BytesIO(draw(key)), name=f"demo-{key}.jpg")
        image.save()
    return image


def image_for_themes(theme_slugs, fallback: str = "pattern"):
    """The picture of the first theme that has one (or ``fallback``)."""
    for slug in theme_slugs or ():
        if slug in THEME_IMAGES:
            return demo_image(THEME_IMAGES[slug])
    return demo_image(fallback)


def portrait(index: int):
    return demo_image(f"portrait-{index % 4 + 1}")


def attach(page, image, field: str = "listing_image") -> int:
    """Give ``page`` and its translations ``image`` where they have none; publish each
    change (so the editor's latest revision agrees). Returns how many pages changed."""
    from home.demo.seed import publish

    model = type(page)
    changed = 0
    for each in model.objects.filter(
        translation_key=page.translation_key, **{f"{field}__isnull": True}
    ):
        each = each.specific  # a guide listed as a resource is saved as the guide it is
        setattr(each, field, image)
        publish(each)
        changed += 1
    return changed
