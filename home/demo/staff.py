"""Demo staff: one account per seeded group, so each role can be tried (docs/roles.md).

The demo admin stays a superuser (home.demo.seed); jurors are demo members appointed to a
jury by the awards seeder, which puts them in the "Jurors" group.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from allauth.account.models import EmailAddress

from community.models import Profile, Visibility
from home.permissions import ensure_groups

DEMO_STAFF_PASSWORD = "staff-demo-2026"

#: (email, name, group). Not on @example.org, where the demo members are.
STAFF = [
    ("editor@staff.example.org", "Demo Editor", "Editors"),
    ("moderator@staff.example.org", "Demo Moderator", "Moderators"),
    ("reviewer@staff.example.org", "Demo Cohort Reviewer", "Cohort reviewers"),
    ("programmes@staff.example.org", "Demo Programme Staff", "Programme staff"),
    ("awards@staff.example.org", "Demo Award Manager", "Award managers"),
    ("events@staff.example.org", "Demo Event Staff", "Event staff"),
    ("community@staff.example.org", "Demo Community Moderator", "Community moderators"),
    ("groups@staff.example.org", "Demo Group Manager", "Group managers"),
]


@transaction.atomic
def seed(log) -> None:
    groups = ensure_groups()
    User = get_user_model()
    created = 0
    for email, name, group_name in STAFF:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_STAFF_PASSWORD, name=name)
            # Staff accounts are not part of the member directory.
            Profile.objects.filter(user=user).update(visibility=Visibility.HIDDEN)
            created += 1
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        user.groups.add(groups[group_name])
    if created:
        log(f"Created {created} demo staff accounts (one per role).")
