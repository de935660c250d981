from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = _("Groups")

    def ready(self):
        # A theme page names its thematic network; a group made secret leaves it.
        from home import page_cache

        page_cache.register(shown=("spaces.Space",), private_sections=("groups/",))
        from home import circles
        from spaces import (
            discovery_hooks,
            discussion_hooks,
            moderation_hooks,
            notifications,  # noqa: F401
            resource_hooks,
            signals,  # noqa: F401
        )
        from spaces.circles import space_mates

        circles.register("spaces", space_mates)
        from home import document_guards
        from spaces.resource_selectors import may_read_session_material

        # A cohort's session materials are its group's: their files stay with its readers.
        document_guards.register("cohorts.CohortPage", ("curriculum",), may_read_session_material)
        for hooks in (discovery_hooks, discussion_hooks, resource_hooks, moderation_hooks):
            hooks.connect()
