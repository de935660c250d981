from django import template

from home.models import Theme

register = template.Library()


@register.simple_tag
def active_themes():
    """Themes in the reader's language (falling back to the default language)."""
    return Theme.for_locale()


@register.simple_tag(takes_context=True)
def header_counts(context) -> dict:
    """The header's counts (unread notifications, new requests, ...), one query a request."""
    from home import badges

    request = context.get("request")
    if request is None:
        return {}
    return badges.for_request(request)
