"""Private files: checked by their bytes, stored outside MEDIA_ROOT, served only by a view.

Every app that keeps files people upload for a few eyes only (nomination attachments,
message attachments) uses this one way:

- ``sniff(uploaded)`` judges the content type by the bytes (a PDF with its end marker, or
  an image Pillow can verify), never by the name or the browser's claim, and refuses
  files over 5 MB with a message naming the file;
- ``PrivateStorage(area)`` stores under ``PRIVATE_ROOT/<area>`` (default
  ``var/private/<area>``) and has no URL: ``url()`` raises, so no template can link to a
  file directly;
- ``download(file, content_type=..., filename=...)`` is the response a view returns once
  it has checked who is asking: an attachment, never cached, sandboxed, not sniffed.

In production, put ``PRIVATE_ROOT`` on persistent storage shared by the web processes (or
swap in a private S3 bucket storage).
"""

import uuid
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}

TOO_BIG = _("%(name)s is larger than 5 MB.")
NOT_ALLOWED = _("%(name)s is not a PDF or an image (PNG, JPEG, GIF or WebP).")


def sniff(uploaded) -> str:
    """The content type of an uploaded file, judged by its bytes; raises ValidationError."""
    name = getattr(uploaded, "name", "file")
    if uploaded.size > MAX_BYTES:
        raise ValidationError(TOO_BIG, params={"name": name}, code="too_big")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        data = uploaded.read()
        uploaded.seek(0)
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(NOT_ALLOWED, params={"name": name}, code="bad_type")
        return "application/pdf"
    try:
        data = uploaded.read()
        uploaded.seek(0)
        with Image.open(BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise ValidationError(NOT_ALLOWED, params={"name": name}, code="bad_type") from exc
    if kind not in IMAGE_FORMATS:
        raise ValidationError(NOT_ALLOWED, params={"name": name}, code="bad_type")
    return IMAGE_FORMATS[kind]


def generated_name(folder: str, content_type: str) -> str:
    """A name that says nothing about the person or the original file."""
    return f"{folder}/{uuid.uuid4().hex}.{EXTENSIONS.get(content_type, 'bin')}"


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under ``PRIVATE_ROOT/<area>`` (or the directory in setting ``root_setting``)."""

    def __init__(self, area: str, root_setting: str = ""):
        self.area = area
        self.root_setting = root_setting
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        if self.root_setting and getattr(settings, self.root_setting, None):
            return str(getattr(settings, self.root_setting))
        root = (
            getattr(settings, "PRIVATE_ROOT", None) or Path(settings.BASE_DIR) / "var" / "private"
        )
        return str(Path(root) / self.area)

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")


def download(file, *, content_type: str, filename: str) -> FileResponse:
    """The response for a private file, once the caller has checked who is asking."""
    response = FileResponse(
        file.open("rb"), content_type=content_type, as_attachment=True, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
