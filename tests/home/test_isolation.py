"""Tests that commit for real leave the base data exactly as migrations made it, so the
suite passes in any order, in any selection and in any number of processes."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import TransactionTestCase

from wagtail.models import Collection, Locale, Page, Site

import pytest

from community.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def base_rows():
    return {
        "content types": sorted(ContentType.objects.values_list("pk", "app_label", "model")),
        "permissions": sorted(Permission.objects.values_list("pk", "codename")),
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "group permissions": sorted(Group.permissions.through.objects.values_list("pk")),
        "locales": sorted(Locale.objects.values_list("pk", "language_code")),
        "pages": sorted(Page.objects.values_list("pk", "path")),
        "sites": sorted(Site.objects.values_list("pk", "root_page_id")),
        "collections": sorted(Collection.objects.values_list("pk", "path")),
    }


def test_the_flush_after_a_committing_test_puts_the_base_data_back_with_its_ids():
    before = base_rows()
    assert before["content types"] and before["permissions"] and before["groups"]
    assert before["locales"] and before["pages"] and before["sites"]
    page_type = ContentType.objects.get_for_model(Page).pk
    UserFactory()
    Group.objects.get(name="Editors").delete()
    Page.get_first_root_node().add_child(instance=Page(title="Committed", slug="committed"))

    # What pytest-django runs when a test that commits for real ends.
    TransactionTestCase()._fixture_teardown()

    assert base_rows() == before
    assert not UserFactory._meta.model.objects.exists()
    assert not Page.objects.filter(slug="committed").exists()
    # What failed before: a new page under the migrated root, with its content type's id.
    Page.get_first_root_node().add_child(instance=Page(title="Afterwards", slug="afterwards"))
    assert Page.objects.get(slug="afterwards").content_type_id == page_type
    assert ContentType.objects.get_for_model(Page).pk == page_type
