from django.core.management.base import BaseCommand

from spaces.models import Kind, Membership, Space


class Command(BaseCommand):
    help = (
        "Create the groups the platform's data calls for (a cohort space per cohort, an "
        "alumni network per programme and one for all alumni, a thematic network per theme) "
        "and bring every participant's cohort and alumni memberships in line. Safe to run "
        "twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args, quiet=False, **options):
        from spaces.services import ensure_all

        before = self._counts()
        ensure_all()
        after = self._counts()
        if quiet:
            return
        spaces = Space.objects.originals()
        self.stdout.write(
            f"Groups in step: {spaces.filter(kind=Kind.COHORT).count()} cohort spaces, "
            f"{spaces.filter(kind=Kind.ALUMNI).count()} alumni networks, "
            f"{spaces.filter(kind=Kind.THEMATIC).count()} thematic networks "
            f"({after[0] - before[0]} new); "
            f"{after[1]} automatic memberships ({after[1] - before[1]:+d})."
        )

    @staticmethod
    def _counts() -> tuple[int, int]:
        return (
            Space.objects.originals().count(),
            Membership.objects.filter(
                state=Membership.State.ACTIVE,
                via__in=[Membership.Via.COHORT, Membership.Via.ALUMNI],
            ).count(),
        )
