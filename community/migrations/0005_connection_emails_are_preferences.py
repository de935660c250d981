"""Members who had turned connection emails off keep them off, now as notification
preferences ("on the site only"); the profile switch goes."""

from django.db import migrations

KINDS = ["community.connection_request", "community.connection_accepted"]


def to_preferences(apps, schema_editor):
    Profile = apps.get_model("community", "Profile")
    Preference = apps.get_model("home", "NotificationPreference")
    quiet = Profile.objects.filter(email_on_connection=False).values_list("user_id", flat=True)
    Preference.objects.bulk_create(
        [Preference(user_id=user_id, kind=kind, delivery="site") for user_id in quiet for kind in KINDS],
        ignore_conflicts=True,
    )


def to_profiles(apps, schema_editor):
    Profile = apps.get_model("community", "Profile")
    Preference = apps.get_model("home", "NotificationPreference")
    quiet = Preference.objects.filter(kind__in=KINDS, delivery="site").values_list("user_id", flat=True)
    Profile.objects.filter(user_id__in=quiet).update(email_on_connection=False)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_search_indexes"),
        ("home", "0002_notifications"),
    ]

    operations = [
        migrations.RunPython(to_preferences, to_profiles),
        migrations.RemoveField(model_name="profile", name="email_on_connection"),
    ]
