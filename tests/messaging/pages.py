"""Helpers for the inbox and conversation page tests."""

from datetime import timedelta

from django.utils import timezone

from community.factories import make_member
from community.models import Connection


def connect(a, b):
    low, high = Connection.ordered(a.pk, b.pk)
    Connection.objects.get_or_create(user_low_id=low, user_high_id=high)


def member(name, **fields):
    return make_member(display_name=name, **fields)


def friend_of(user, name):
    other = member(name)
    connect(user, other)
    return other


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)
