import time
from importlib import import_module

from django.core.management.base import BaseCommand

from home import links

#: Each app that has demo content exposes ``<app>.demo.seed.seed(log)``; order matters.
#: The label is what the progress line says while the step runs.
SEEDERS = [
    ("home.demo.seed", "site, themes and home page"),
    ("community.demo.seed", "members and their connections"),
    ("content.demo.seed", "stories, resources and news"),
    ("events.demo.seed", "events"),
    ("cohorts.demo.seed", "programmes and cohorts"),
    ("awards.demo.seed", "awards"),
    ("messaging.demo.seed", "conversations between members"),
    ("home.demo.staff", "staff accounts"),
    ("spaces.demo.seed", "groups: cohort spaces, networks, a coalition"),
    ("surveys.demo.seed", "surveys: the network survey, the post-event survey"),
    ("network.demo.seed", "a year of network snapshots"),
    ("home.demo.finish", "navigation and home page features"),
]


class Command(BaseCommand):
    help = "Build (or complete) the demo site in English, French and Spanish. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args, quiet=False, **options):
        def log(message: str) -> None:
            if not quiet:
                self.stdout.write(message)

        started = time.monotonic()
        for step, (path, label) in enumerate(SEEDERS, start=1):
            step_started = time.monotonic()
            if not quiet:
                self.stdout.write(self.style.MIGRATE_HEADING(f"[{step}/{len(SEEDERS)}] {label}"))
            import_module(path).seed(lambda message: log(f"  {message}"))
            if not quiet:
                self.stdout.write(f"  done in {time.monotonic() - step_started:.1f} s")
        if not quiet:
            self.stdout.write(f"Seeded in {time.monotonic() - started:.0f} s.")
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
                    f"community@, groups@staff.example.org / {DEMO_STAFF_PASSWORD}  (docs/roles.md)"
                )
            )
