from .connections import Block, Connection, ConnectionRequest
from .pages import DirectoryPage
from .profile import OpenTo, Profile, ProfileQuerySet, Visibility
from .user import User

__all__ = [
    "Block",
    "Connection",
    "ConnectionRequest",
    "DirectoryPage",
    "OpenTo",
    "Profile",
    "ProfileQuerySet",
    "User",
    "Visibility",
]
