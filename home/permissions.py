"""Kernel permission predicates (each app has its own ``permissions.py``)."""


def can_access_admin(user) -> bool:
    """May use the Wagtail admin (any staff role)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )
