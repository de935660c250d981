"""A member's permissions are read in one query, and nobody is signed out by the change."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import pytest

from community.factories import UserFactory
from home.auth_backends import PermissionBackend

pytestmark = pytest.mark.django_db


def test_own_and_group_permissions_are_read_in_one_query(django_assert_num_queries):
    member = UserFactory()
    group = Group.objects.create(name="Testers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    member.groups.add(group)
    member.user_permissions.add(Permission.objects.get(codename="add_image"))
    with django_assert_num_queries(1):
        assert member.has_perm("wagtailadmin.access_admin")
        assert member.has_perm("wagtailimages.add_image")
        assert not member.has_perm("wagtailimages.delete_image")
    assert member.get_user_permissions() >= {"wagtailimages.add_image"}
    assert "wagtailadmin.access_admin" in member.get_group_permissions()


def test_an_inactive_account_holds_no_permission():
    member = UserFactory(is_active=False, is_superuser=True)
    assert PermissionBackend().get_all_permissions(member) == set()
    assert not member.has_perm("wagtailadmin.access_admin")


def test_it_signs_no_one_in_and_older_sessions_stay_signed_in(client):
    member = UserFactory(password="a-long-passphrase")  # noqa: S106
    assert PermissionBackend().authenticate(None, username=member.email, password="x") is None
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("me"))
    assert response.status_code == 200
