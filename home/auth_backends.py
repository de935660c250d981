"""The model backend, reading a member's permissions in one query instead of two.

Django's ``ModelBackend`` loads a user's own permissions and their groups' permissions
with one query each, the first time ``has_perm`` is asked in a request (Wagtail's user
bar asks on every signed-in page). Both sets are read here with one query, and cached on
the user object exactly where Django keeps them, so every later check in the request is
free: Django's ``ModelBackend`` and allauth's backend (a subclass) listed after it read
the same cache. It signs no one in (``authenticate`` answers None), so the sessions
signed in by Django's backend stay valid.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                return super().get_all_permissions(user_obj, obj)
            rows = (
                Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
                .values_list("content_type__app_label", "codename")
                .distinct()
            )
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in rows}
        return user_obj._perm_cache
