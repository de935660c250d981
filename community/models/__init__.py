from .connections import Block, Connection
from .profile import OpenTo, Profile, ProfileQuerySet, Visibility
from .user import User

__all__ = ["Block", "Connection", "OpenTo", "Profile", "ProfileQuerySet", "User", "Visibility"]
