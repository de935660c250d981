from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from home import (  # noqa: F401
            badges,
            chrome,
            me,
            page_cache,
            permissions,
            signals,
            site,
            workflow_mail,
        )
        from home.request_memo import memoise_locale_lookups

        # The active locale is looked up once per request (home/request_memo.py).
        memoise_locale_lookups()

        # Every app declares its notification kinds in <app>/notifications.py.
        autodiscover_modules("notifications")
        badges.register("notifications", _unread_notifications)
        # Whether to show the header's Admin link, inside the same one query (a superuser
        # holds every permission without rows: the header asks user.is_superuser first).
        badges.register("admin", _admin_permission_rows)
        # Each app adds its own section to the member's space (home/me.py).
        me.register(
            me.Section(
                key="notifications",
                title=_("Notifications"),
                template="home/includes/me_notifications.html",
                items=me.unread_notifications,
                link="notifications:list",
                link_label=_("All my notifications"),
                order=90,
            )
        )
        workflow_mail.connect()
        # Publishing or changing what public pages show starts a new cache generation.
        page_cache.connect()
        # The Site and the header and footer are shared across requests (home/chrome.py).
        chrome.install()
        post_migrate.connect(site.sync_after_migrate, sender=self)
        # Every app's seeded groups (``<app>/permissions.py`` GROUPS), after every migrate
        # and every flush.
        post_migrate.connect(permissions.ensure_groups_after_migrate)


def _unread_notifications(user):
    from home.models import Notification

    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def _admin_permission_rows(user):
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    from home.permissions import ACCESS_ADMIN

    app_label, codename = ACCESS_ADMIN.split(".")
    return Permission.objects.filter(
        Q(user=user) | Q(group__user=user), content_type__app_label=app_label, codename=codename
    )
