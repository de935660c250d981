from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages")

    def ready(self):
        from home import badges
        from messaging import notifications, signals  # noqa: F401
        from messaging.selectors import unread_conversations

        badges.register("messages", unread_conversations)
