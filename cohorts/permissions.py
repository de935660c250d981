"""Who may do what with cohorts, as Django groups staff are put in.

The migration ``0002_reviewer_groups`` creates these; ``ensure_groups()`` makes them
again (the demo seed calls it, and tests that flush the database).
"""

#: group name → cohorts permissions (plus Wagtail admin access).
GROUPS = {
    "Cohort reviewers": ["review_application"],
    "Programme staff": ["review_application", "manage_cohort"],
}


def ensure_groups() -> dict:
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = list(
            Permission.objects.filter(content_type__app_label="cohorts", codename__in=codenames)
        )
        perms += list(
            Permission.objects.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
        group.permissions.add(*perms)
        groups[name] = group
    return groups
