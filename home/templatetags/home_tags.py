from django import template

from wagtail.models import Locale

from home.models import Theme

register = template.Library()


@register.simple_tag
def active_themes():
    """Themes in the reader's language (falling back to the default language)."""
    locale = Locale.get_active()
    themes = list(Theme.objects.filter(locale=locale))
    if not themes:
        themes = list(Theme.objects.filter(locale=Locale.get_default()))
    return themes
