from spaces.models.discussions import Post, Thread, ThreadSubscription
from spaces.models.resources import Resource
from spaces.models.spaces import PUBLIC_ACCESS, Access, Kind, Membership, Space

__all__ = [
    "PUBLIC_ACCESS",
    "Access",
    "Kind",
    "Membership",
    "Post",
    "Resource",
    "Space",
    "Thread",
    "ThreadSubscription",
]
