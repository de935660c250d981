"""Private storage for nomination attachments.

Files live outside MEDIA_ROOT, under ``AWARDS_PRIVATE_ROOT`` (default ``var/private/awards``),
and the storage has no base URL: ``url()`` raises, so no template can ever link to a file
directly. The only way out is ``awards.views.attachment_download``, which checks permission.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        default = Path(settings.BASE_DIR) / "var" / "private" / "awards"
        return str(getattr(settings, "AWARDS_PRIVATE_ROOT", default))

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Award attachments are private and have no public URL.")


private_storage = PrivateStorage()
