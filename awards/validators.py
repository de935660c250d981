"""Attachment checks by content, not by the name or the browser's claimed type."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
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
    if uploaded.size > MAX_ATTACHMENT_BYTES:
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
