from django.core.management.base import BaseCommand

from home.site import site_address, sync_site


class Command(BaseCommand):
    help = "Point Wagtail's default site at SITE_URL (hostname and port). Safe to run twice."

    def handle(self, *args, **options):
        changed = sync_site()
        hostname, port = site_address()
        state = "updated" if changed else "already"
        self.stdout.write(f"Default site {state} at {hostname}:{port}.")
