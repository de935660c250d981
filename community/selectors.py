"""Reads about members that every app uses. Privacy rules live here and in ProfileQuerySet."""

from community.models import Connection, Profile, Visibility

#: How wide a field's audience must be for each kind of viewer to see it.
_THRESHOLD = {
    "anonymous": Visibility.PUBLIC,
    "member": Visibility.MEMBERS,
    "connection": Visibility.CONNECTIONS,
}


def visible_profiles(viewer):
    """Every profile ``viewer`` may see, for any listing: directory, attendee lists, pickers."""
    return Profile.objects.visible_to(viewer)


def relation(viewer, profile: Profile) -> str:
    """'self', 'staff', 'connection', 'member' or 'anonymous': how ``viewer`` stands to ``profile``."""
    if viewer is None or not viewer.is_authenticated:
        return "anonymous"
    if viewer.pk == profile.user_id:
        return "self"
    if viewer.is_staff:
        return "staff"
    low, high = Connection.ordered(viewer.pk, profile.user_id)
    if Connection.objects.filter(user_low_id=low, user_high_id=high).exists():
        return "connection"
    return "member"


def field_visible(profile: Profile, field_visibility: int, viewer_relation: str) -> bool:
    """A field's own audience, capped by the profile's, against the viewer's relation."""
    if viewer_relation in {"self", "staff"}:
        return True
    effective = min(field_visibility, profile.visibility)
    return effective > Visibility.HIDDEN and effective >= _THRESHOLD[viewer_relation]
