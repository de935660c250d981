from django import template

from home.models import Theme

register = template.Library()


@register.simple_tag
def active_themes():
    """Themes in the reader's language (falling back to the default language)."""
    return Theme.for_locale()
