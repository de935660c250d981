"""Kernel permission predicates, and the seeded groups every app declares.

Each app has its own ``<app>/permissions.py``: named predicates (``can_<action>(user, ...)``)
built on Django model permissions and Wagtail groups, and a ``GROUPS`` mapping
``{group name: ["app_label.codename", ...]}``. Nothing in app code checks Django's staff
flag: it only lets Django's own admin in, which this site does not use.

Permission checks go through ``user.has_perm()``: Django's ModelBackend loads a user's
permissions once (two queries) and caches them on the user object, so a list page that
asks the same question for every row costs no query per row.

``ensure_groups()`` creates every app's groups and gives them their permissions; it runs
after every ``migrate`` (and after the database is flushed, which sends the same signal),
so the groups exist in every environment and survive tests that commit for real.
"""

from importlib import import_module

ACCESS_ADMIN = "wagtailadmin.access_admin"

#: Wagtail's own groups (its migrations create them with page and image permissions):
#: here we only make sure they exist and may use the admin.
GROUPS = {
    "Editors": [ACCESS_ADMIN],
    "Moderators": [ACCESS_ADMIN],
}


def is_active_member(user) -> bool:
    """A signed-in, active account (the precondition of every staff predicate)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def has(user, permission: str) -> bool:
    """``user`` is signed in, active, and holds ``permission`` (superusers hold them all)."""
    return is_active_member(user) and user.has_perm(permission)


def can_access_admin(user) -> bool:
    """May use the Wagtail admin (any staff role)."""
    return has(user, ACCESS_ADMIN)


# ---------------------------------------------------------------------------
# Seeded groups
# ---------------------------------------------------------------------------
def declared_groups() -> dict[str, list[str]]:
    """Every app's ``permissions.GROUPS``, merged (a group two apps extend gets both lists)."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    merged: dict[str, list[str]] = {}
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR):
            continue  # libraries declare no groups of ours
        try:
            module = import_module(f"{config.name}.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.permissions":
                raise
            continue
        for name, perms in getattr(module, "GROUPS", {}).items():
            merged.setdefault(name, [])
            merged[name] += [p for p in perms if p not in merged[name]]
    return merged


def _permissions(codes: set[str]) -> dict[str, object]:
    from django.contrib.auth.models import Permission

    wanted = {tuple(code.split(".", 1)) for code in codes}
    found = {}
    for perm in Permission.objects.filter(
        content_type__app_label__in={app for app, _c in wanted},
        codename__in={c for _a, c in wanted},
    ).select_related("content_type"):
        key = (perm.content_type.app_label, perm.codename)
        if key in wanted:
            found[f"{key[0]}.{key[1]}"] = perm
    return found


def _create_missing_permissions(codes: set[str]) -> None:
    """Make the Permission rows of the apps named in ``codes`` (after a flush, the apps
    that come after ours in INSTALLED_APPS have not had theirs remade yet)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for label in {code.split(".", 1)[0] for code in codes}:
        config = apps.get_app_config(label)
        create_contenttypes(config, verbosity=0)
        create_permissions(config, verbosity=0)


def ensure_groups(groups: dict[str, list[str]] | None = None) -> dict:
    """Create the groups (all declared ones by default) with at least their permissions.

    Idempotent: a permission staff added to a group by hand is kept.
    Returns ``{name: Group}``.
    """
    from django.contrib.auth.models import Group

    groups = declared_groups() if groups is None else groups
    codes = {code for perms in groups.values() for code in perms}
    found = _permissions(codes)
    if len(found) < len(codes):
        _create_missing_permissions(codes - set(found))
        found = _permissions(codes)
    missing = codes - set(found)
    if missing:
        raise LookupError(f"Unknown permissions for the seeded groups: {sorted(missing)}")
    out = {}
    for name, perms in groups.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*(found[code] for code in perms))
        out[name] = group
    return out


def ensure_groups_after_migrate(sender, **kwargs) -> None:
    """``post_migrate`` receiver: once per migrate (or flush), for the last app signalled."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender is with_models[-1]:
        ensure_groups()
