"""Private storage for nomination attachments (the kernel's ``home.private_files``).

Files live under ``AWARDS_PRIVATE_ROOT`` when set, else ``PRIVATE_ROOT/awards`` (default
``var/private/awards``). The only way out is ``awards.views.attachment_download``, which
checks permission.
"""

from django.utils.deconstruct import deconstructible

from home import private_files


@deconstructible
class PrivateStorage(private_files.PrivateStorage):
    def __init__(self):
        super().__init__(area="awards", root_setting="AWARDS_PRIVATE_ROOT")


private_storage = PrivateStorage()
