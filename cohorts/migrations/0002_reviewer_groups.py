"""The 'Cohort reviewers' and 'Programme staff' groups.

Reviewers review applications (statuses, notes, scores); programme staff also release
decisions, accept beyond the number of places, mark completion and revoke certificates.
Editors who are in neither group see no applications at all.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Cohort reviewers": ["review_application"],
    "Programme staff": ["review_application", "manage_cohort"],
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = list(
            Permission.objects.filter(content_type__app_label="cohorts", codename__in=codenames)
        )
        if access_admin is not None:
            perms.append(access_admin)
        group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
