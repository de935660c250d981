from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages")

    def ready(self):
        from home import page_cache

        page_cache.register(private_sections=("messages/",))
        from community import actions
        from home import badges, me
        from messaging import notifications, signals, surfaces  # noqa: F401
        from messaging.selectors import unread_conversations

        badges.register("messages", unread_conversations)
        actions.register(
            actions.ProfileAction(
                key="message",
                template="messaging/includes/message_button.html",
                allowed=surfaces.message_allowed,
                order=10,
            )
        )
        me.register(
            me.Section(
                key="messages",
                title=_("My messages"),
                template="messaging/includes/me_section.html",
                items=surfaces.me_messages,
                link="messaging:inbox",
                link_label=_("Open my messages"),
                order=40,
            )
        )
