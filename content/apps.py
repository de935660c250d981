from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import page_cache

        page_cache.register(shown=("content",))
        from content import selectors, signals  # noqa: F401
        from home import me, themes

        themes.register_pages(selectors.theme_page_urls)
        me.register(
            me.Section(
                key="stories",
                title=_("My stories"),
                template="content/includes/me_section.html",
                items=selectors.me_stories,
                order=40,
            )
        )
