"""Attachment checks by content: the kernel's (``home.private_files``), five per nomination."""

from home.private_files import (  # noqa: F401  (re-exported for the awards app)
    EXTENSIONS,
    IMAGE_FORMATS,
    NOT_ALLOWED,
    TOO_BIG,
    sniff,
)

MAX_ATTACHMENTS = 5
