from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from home import page_cache

        page_cache.register(shown=("events.Speaker",), private_sections=("my-events/",))
        from events import selectors, signals  # noqa: F401
        from home import document_guards

        # Members' materials stay with members at the file's own address too.
        document_guards.register(
            "events.EventPage", selectors.MATERIAL_FIELDS, selectors.may_read_material
        )
        from events.models import EventPage
        from home import me, themes

        me.register(
            me.Section(
                key="events",
                title=_("My events"),
                template="events/includes/me_section.html",
                items=selectors.me_events,
                link="events:my_events",
                link_label=_("All my events"),
                order=10,
            )
        )
        themes.register(
            themes.ThemeSection(
                key="events_upcoming",
                label=_("Upcoming events"),
                items=selectors.theme_upcoming_events,
                models=(EventPage,),
                order=30,
            )
        )
        themes.register(
            themes.ThemeSection(
                key="events_past",
                label=_("Past events"),
                items=selectors.theme_past_events,
                models=(EventPage,),
                archive=True,
            )
        )
