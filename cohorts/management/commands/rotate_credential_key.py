"""Add a new issuer key for verifiable certificates and make it the one that signs.

Every older key stays in the ring and stays published (issuer profile, JWKS) with its
``kid``, so credentials signed before the rotation still verify. A ring from the
``CREDENTIAL_KEYS`` environment variable cannot be written from here: the new ring is
printed for the operator to store.
"""

from django.core.management.base import BaseCommand, CommandError

from cohorts import credential_keys


class Command(BaseCommand):
    help = "Rotate the certificate issuer key (old keys stay published)."

    def handle(self, *args, **options):
        try:
            ring, written = credential_keys.rotate()
        except credential_keys.KeysUnavailable as exc:
            raise CommandError(str(exc)) from exc
        if written:
            self.stdout.write(
                f"New issuer key {ring.current} is current ({len(ring.keys)} keys published) "
                f"in {credential_keys.keys_file()}."
            )
        else:
            self.stdout.write(
                "CREDENTIAL_KEYS comes from the environment: store this ring there, then "
                "restart the web processes.\n"
            )
            self.stdout.write(credential_keys.serialise(ring))
