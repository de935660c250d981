"""``{% load imagery %}``: responsive images and initials avatars (see home.images)."""

from django import template
from django.utils.safestring import mark_safe

from home import images

register = template.Library()


@register.simple_tag
def responsive_image(image, preset="card", alt=None, eager=False, css_class=""):
    """``{% responsive_image page.listing_image "hero" eager=True %}``;
    ``{% responsive_image item.listing_image "card" alt="" %}`` on cards."""
    return mark_safe(  # noqa: S308 — built by Wagtail's img_tag, attributes escaped
        images.responsive_image(image, preset, alt=alt, eager=eager, css_class=css_class)
    )


@register.simple_tag
def avatar(name, size=48, css_class="avatar", shape=""):
    """``{% avatar profile.display_name %}``: the initials avatar for a person
    (``shape="square"`` for an organisation or an initiative)."""
    return images.avatar_svg(str(name or ""), size=int(size), css_class=css_class, shape=shape)


@register.inclusion_tag("home/includes/person_image.html")
def person_image(name, photo_url="", size=48, css_class="avatar"):
    """A person's photo when there is one they let the reader see, else their avatar."""
    return {"name": name, "photo_url": photo_url, "size": size, "css_class": css_class}
