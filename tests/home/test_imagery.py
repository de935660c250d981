"""Responsive images and initials avatars (home.images, ``{% load imagery %}``)."""

import re

from django.template import Context, Template
from django.utils import translation

import pytest

from home.demo.images import demo_image
from home.images import AVATAR_COLOURS, avatar_colour, avatar_svg, initials

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def render(source: str, **context) -> str:
    return Template("{% load imagery %}" + source).render(Context(context))


def attribute(html: str, name: str) -> str:
    found = re.search(rf'\s{name}="([^"]*)"', html)
    return found.group(1) if found else None


def test_card_image_offers_three_webp_widths_with_dimensions_and_lazy_loading():
    html = render('{% responsive_image image "card" alt="" %}', image=demo_image("pattern"))
    assert html.startswith("<img")
    candidates = attribute(html, "srcset").split(", ")
    assert [c.rsplit(" ", 1)[1] for c in candidates] == ["400w", "640w", "960w"]
    assert all(c.split(" ")[0].endswith(".webp") for c in candidates)
    assert attribute(html, "src").endswith(".webp")
    assert (attribute(html, "width"), attribute(html, "height")) == ("640", "360")
    assert attribute(html, "loading") == "lazy" and attribute(html, "decoding") == "async"
    assert attribute(html, "alt") == "" and "100vw" in attribute(html, "sizes")


def test_hero_loads_at_once_and_says_what_it_shows_in_the_readers_language():
    image = demo_image("climate")
    html = render('{% responsive_image image "hero" eager=True %}', image=image)
    assert attribute(html, "loading") == "eager" and attribute(html, "fetchpriority") == "high"
    assert attribute(html, "alt") == image.description
    widths = [int(c.rsplit(" ", 1)[1][:-1]) for c in attribute(html, "srcset").split(", ")]
    assert widths == sorted(widths) and widths[-1] >= 1200  # up to the original's width
    for language, words in (("fr", "éoliennes"), ("es", "aerogeneradores")):
        with translation.override(language):
            alt = attribute(render("{% responsive_image image 'hero' %}", image=image), "alt")
        assert words in alt, (language, alt)


def test_no_image_renders_nothing():
    assert render('{% responsive_image None "card" %}') == ""


def test_avatar_is_an_svg_named_for_the_person():
    html = avatar_svg("Amina Diallo")
    assert html.startswith("<svg") and 'role="img"' in html
    assert 'aria-label="Amina Diallo"' in html and "<title>Amina Diallo</title>" in html
    assert ">AD</text>" in html
    assert "&lt;b&gt;" in avatar_svg("<b>Mallory</b>")  # names are escaped


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Amina Diallo", "AD"), ("josé de la cruz", "JC"), ("Lê", "L"), ("", "?"), ("Jean-Luc", "JL")],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_avatar_colour_is_stable_for_a_name_and_from_the_palette():
    assert avatar_colour("Amina Diallo") == avatar_colour("amina diallo ")
    assert avatar_colour("Amina Diallo") in AVATAR_COLOURS
    names = [f"Member {n}" for n in range(40)]
    assert len({avatar_colour(n) for n in names}) >= 4  # names spread over the palette
    # The colour is written into the SVG, so the same person looks the same everywhere.
    assert avatar_colour("Amina Diallo") in avatar_svg("Amina Diallo")


def test_person_image_prefers_a_visible_photo():
    html = render("{% person_image name photo %}", name="Ana Reyes", photo="/photo/1/")
    assert '<img class="avatar" src="/photo/1/" alt="Ana Reyes"' in html
    html = render("{% person_image name photo %}", name="Ana Reyes", photo="")
    assert "<svg" in html and 'aria-label="Ana Reyes"' in html


def test_an_image_in_a_page_body_keeps_its_proportions_and_its_text_alternative():
    image = demo_image("map")
    value = {"image": image, "alt": "Where the cohort met", "caption": ""}
    html = Template('{% include "blocks/content_image.html" %}').render(Context({"value": value}))
    img = re.search(r"<img [^>]+>", html).group(0)
    assert attribute(img, "alt") == "Where the cohort met"
    assert ".webp 480w" in attribute(img, "srcset") and ".webp 1200w" in attribute(img, "srcset")
    width, height = int(attribute(img, "width")), int(attribute(img, "height"))
    assert abs(width / height - 1200 / 675) < 0.01  # not cropped
    assert attribute(img, "loading") == "lazy"


def test_a_small_original_lists_each_width_once_and_sizes_only_with_a_srcset():
    import io

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    from PIL import Image as PILImage

    data = io.BytesIO()
    PILImage.new("RGB", (300, 169), "#0B5563").save(data, format="PNG")
    image = get_image_model().objects.create(
        title="Tiny", file=ImageFile(data, name="tiny.png"), description="A teal rectangle."
    )
    html = render('{% responsive_image image "card" %}', image=image)
    assert attribute(html, "srcset") is None and attribute(html, "sizes") is None
    assert attribute(html, "src").endswith(".webp") and attribute(html, "width") == "300"


def test_a_pages_own_words_for_its_picture_win_over_the_images_description():
    image = demo_image("award")
    page = {"listing_image": image, "listing_image_alt": "La médaille des lauréates 2026"}
    source = (
        '{% responsive_image page.listing_image "hero" alt=page.listing_image_alt|default:None %}'
    )
    assert attribute(render(source, page=page), "alt") == "La médaille des lauréates 2026"
    page["listing_image_alt"] = ""
    assert attribute(render(source, page=page), "alt") == image.description
