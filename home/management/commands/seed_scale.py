import time

from django.core.management.base import BaseCommand, CommandError

from home.demo.scale import run


class Command(BaseCommand):
    help = (
        "Add scale data on top of the demo site: members, events, stories and activity. "
        "Idempotent: a second run with the same numbers adds nothing; larger numbers add "
        "the difference. Sends no email and no notification."
    )

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=20000)
        parser.add_argument("--events", type=int, default=1000)
        parser.add_argument("--stories", type=int, default=1000)
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Random seed (fixed default): the same seed gives the same people and pages.",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args, members, events, stories, seed, quiet, **options):
        if min(members, events, stories) < 0:
            raise CommandError("--members, --events and --stories cannot be negative.")
        started = time.monotonic()
        try:
            report = run.seed_scale(
                members=members,
                events=events,
                stories=stories,
                seed=seed,
                quiet=quiet,
                log=(lambda message: None) if quiet else self.stdout.write,
            )
        except run.MissingDemo as error:
            raise CommandError(str(error)) from error
        if not quiet:
            created = ", ".join(f"{count} {name}" for name, count in report.items())
            self.stdout.write(
                self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.1f} s.")
                + f"\n  Created: {created}."
            )
