from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

import pytest

from community.factories import UserFactory, make_member
from community.models import Connection
from community.models.profile import Visibility


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def home(site):
    return site.root_page.specific


def connect(a, b, *, at=None):
    low, high = Connection.ordered(a.pk, b.pk)
    connection = Connection.objects.create(user_low_id=low, user_high_id=high)
    if at is not None:
        Connection.objects.filter(pk=connection.pk).update(created_at=at)
    return connection


def members(n, *, sector, country, visibility=Visibility.MEMBERS, joined=None):
    made = [make_member(sector=sector, country=country, visibility=visibility) for _ in range(n)]
    if joined is not None:
        from community.models import User

        User.objects.filter(pk__in=[m.pk for m in made]).update(date_joined=joined)
    return made


def _in_group(name):
    from home.permissions import ensure_groups

    group = ensure_groups()[name]
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def programme_staff(db):
    return _in_group("Programme staff")


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name="Editors")
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def long_ago(now):
    return now - timedelta(days=400)
