from importlib import import_module

from django.core.management.base import BaseCommand

from home import links

#: Each app that has demo content exposes ``<app>.demo.seed.seed(log)``; order matters.
SEEDERS = [
    "home.demo.seed",
    "community.demo.seed",
    "content.demo.seed",
    "events.demo.seed",
    "cohorts.demo.seed",
    "awards.demo.seed",
    "home.demo.staff",
    "home.demo.finish",
]


class Command(BaseCommand):
    help = "Build (or complete) the demo site in English, French and Spanish. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args, quiet=False, **options):
        def log(message: str) -> None:
            if not quiet:
                self.stdout.write(message)

        for path in SEEDERS:
            import_module(path).seed(log)
        if not quiet:
            from home.demo.seed import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
            from home.demo.staff import DEMO_STAFF_PASSWORD

            self.stdout.write(
                self.style.SUCCESS(
                    "Demo site ready.\n"
                    f"  Site:     {links.absolute('/')}\n"
                    f"  Admin:    {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}  "
                    f"({links.absolute('/admin/')})\n"
                    "  Members:  amina.diallo@example.org (and others) / member-demo-2026\n"
                    "  Staff:    editor@, moderator@, reviewer@, programmes@, awards@, events@, "
                    f"community@staff.example.org / {DEMO_STAFF_PASSWORD}  (docs/roles.md)"
                )
            )
