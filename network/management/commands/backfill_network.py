from django.core.management.base import BaseCommand, CommandError

from home.errors import ServiceError
from network import services


class Command(BaseCommand):
    help = (
        "Rebuild the network's daily snapshots for the last N days from the dates the data "
        "keeps (see network/figures.py for what history can tell). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument(
            "--replace-live",
            action="store_true",
            help="Also rebuild days whose snapshot was taken on the day.",
        )

    def handle(self, *args, days=365, replace_live=False, verbosity=1, **options):
        log = self.stdout.write if verbosity > 1 else None
        try:
            written = services.backfill(days=days, replace_live=replace_live, log=log)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        if verbosity:
            self.stdout.write(f"{written} snapshots written.")
