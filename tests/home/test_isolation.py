"""Tests that commit for real leave the base data exactly as migrations made it."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from wagtail.models import Collection, Locale, Page

import pytest

from community.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def base_rows():
    return {
        "content types": sorted(ContentType.objects.values_list("pk", "app_label", "model")),
        "permissions": sorted(Permission.objects.values_list("pk", "codename")),
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "locales": sorted(Locale.objects.values_list("pk", "language_code")),
        "pages": sorted(Page.objects.values_list("pk", "path")),
        "collections": sorted(Collection.objects.values_list("pk", "path")),
    }


def test_the_flush_after_a_committing_test_is_undone_with_the_same_ids(_base_data):
    before = base_rows()
    assert before["content types"] and before["permissions"] and before["pages"]
    page_type = ContentType.objects.get_for_model(Page).pk
    UserFactory()

    # What pytest-django does when such a test ends: empty every table, re-run post_migrate
    # (which recreates content types and permissions under new ids and caches them).
    call_command("flush", verbosity=0, interactive=False)
    assert ContentType.objects.get_for_model(Page).pk != page_type
    assert not Page.objects.exists()

    _base_data()

    assert base_rows() == before
    assert ContentType.objects.get_for_model(Page).pk == page_type
    assert not UserFactory._meta.model.objects.exists()
    # what failed before: a new tree under the migrated root, with its cached content type
    root = Page.get_first_root_node()
    root.add_child(instance=Page(title="After the flush", slug="after-the-flush"))
    assert Page.objects.get(slug="after-the-flush").content_type_id == page_type
