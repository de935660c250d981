"""GIN indexes for the directory's full-text search, on PostgreSQL only.

The expressions are the ones community.directory searches with (BASE_VECTOR and
ORGANISATION_VECTOR), so PostgreSQL can use the indexes. SQLite gets nothing: the
directory falls back to icontains there.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = [
    GinIndex(
        SearchVector("display_name", "headline", "bio", config="simple"),
        name="profile_search_base",
    ),
    GinIndex(SearchVector("organisation", config="simple"), name="profile_search_org"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Profile = apps.get_model("community", "Profile")
    for index in INDEXES:
        schema_editor.add_index(Profile, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Profile = apps.get_model("community", "Profile")
    for index in INDEXES:
        schema_editor.remove_index(Profile, index)


class Migration(migrations.Migration):
    dependencies = [("community", "0003_requests_photos_directory")]

    operations = [migrations.RunPython(create, drop)]
