from django.core.management.base import BaseCommand

from home import outbox


class Command(BaseCommand):
    help = "Hand pending outbox emails to the queue (what Celery beat does every minute)."

    def handle(self, *args, **options):
        count = outbox.sweep()
        self.stdout.write(f"{count} email(s) handed over.")
