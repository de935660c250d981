"""The directory's stored search vectors (community.search_vectors), one per audience.

Generated columns: PostgreSQL computes them from the row on every insert and update, and
adding them fills them for the existing rows. GIN indexes on PostgreSQL only; they
replace migration 0004's expression indexes, which the directory no longer searches on.
"""

import community.search_vectors
import django.contrib.postgres.search
import django.db.models.functions.comparison
import django.db.models.lookups
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

COLUMNS = ["search_public", "search_members", "search_connections", "search_all"]
OLD_INDEXES = [
    GinIndex(
        SearchVector("display_name", "headline", "bio", config="simple"),
        name="profile_search_base",
    ),
    GinIndex(SearchVector("organisation", config="simple"), name="profile_search_org"),
]
NEW_INDEXES = [GinIndex(fields=[column], name=f"profile_{column}") for column in COLUMNS]


def swap_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Profile = apps.get_model("community", "Profile")
    for index in OLD_INDEXES:
        schema_editor.remove_index(Profile, index)
    for index in NEW_INDEXES:
        schema_editor.add_index(Profile, index)


def restore_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Profile = apps.get_model("community", "Profile")
    for index in NEW_INDEXES:
        schema_editor.remove_index(Profile, index)
    for index in OLD_INDEXES:
        schema_editor.add_index(Profile, index)


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0006_profile_allow_search_engines'),
    ]

    operations = [
        migrations.AddField(
            model_name='profile',
            name='search_all',
            field=models.GeneratedField(db_persist=True, expression=community.search_vectors.StoredVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(models.F('display_name'), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(models.F('headline'), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.F('organisation'), config='simple', weight='C'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.F('bio'), config='simple', weight='D'), django.contrib.postgres.search.SearchConfig('simple'))), output_field=django.contrib.postgres.search.SearchVectorField(null=True)),
        ),
        migrations.AddField(
            model_name='profile',
            name='search_connections',
            field=models.GeneratedField(db_persist=True, expression=community.search_vectors.StoredVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 10), then=models.F('display_name')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 10), then=models.F('headline')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(django.db.models.functions.comparison.Least(models.F('organisation_visibility'), models.F('visibility')), 10), then=models.F('organisation')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='C'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 10), then=models.F('bio')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='D'), django.contrib.postgres.search.SearchConfig('simple'))), output_field=django.contrib.postgres.search.SearchVectorField(null=True)),
        ),
        migrations.AddField(
            model_name='profile',
            name='search_members',
            field=models.GeneratedField(db_persist=True, expression=community.search_vectors.StoredVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 20), then=models.F('display_name')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 20), then=models.F('headline')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(django.db.models.functions.comparison.Least(models.F('organisation_visibility'), models.F('visibility')), 20), then=models.F('organisation')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='C'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 20), then=models.F('bio')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='D'), django.contrib.postgres.search.SearchConfig('simple'))), output_field=django.contrib.postgres.search.SearchVectorField(null=True)),
        ),
        migrations.AddField(
            model_name='profile',
            name='search_public',
            field=models.GeneratedField(db_persist=True, expression=community.search_vectors.StoredVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 30), then=models.F('display_name')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 30), then=models.F('headline')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(django.db.models.functions.comparison.Least(models.F('organisation_visibility'), models.F('visibility')), 30), then=models.F('organisation')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='C'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.Case(models.When(django.db.models.lookups.GreaterThanOrEqual(models.F('visibility'), 30), then=models.F('bio')), default=models.Value(''), output_field=models.TextField()), config='simple', weight='D'), django.contrib.postgres.search.SearchConfig('simple'))), output_field=django.contrib.postgres.search.SearchVectorField(null=True)),
        ),
        migrations.RunPython(swap_indexes, restore_indexes),
    ]
