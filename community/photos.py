"""Profile photos: checked by content, re-encoded, stripped of metadata, renamed.

The upload is never stored as sent. We read the header only (Pillow opens lazily),
refuse unknown formats, oversize files and decompression bombs *before* decoding any
pixels, then decode, apply the EXIF orientation, shrink, and write a fresh JPEG with
no metadata under a random name.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Far below Pillow's own bomb limit: a 5000 x 5000 photo is already more than enough.
MAX_PIXELS = 25_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
OUTPUT_SIZE = (600, 600)
PHOTO_DIR = "profile-photos"

ERROR_TOO_BIG = _("The photo is too large. Please choose a file under 5 MB.")
ERROR_NOT_IMAGE = _(
    "This file is not a photo we can read. Please upload a JPEG, PNG or WebP image."
)
ERROR_TOO_MANY_PIXELS = _(
    "The photo has too many pixels. Please upload an image under 25 megapixels."
)


def process_photo(upload) -> ContentFile:
    """A clean JPEG ``ContentFile`` (with a generated name) from an uploaded file, or
    ``ValidationError`` with a message a member understands."""
    size = getattr(upload, "size", None)
    if size is None or size > MAX_UPLOAD_BYTES:
        raise ValidationError(ERROR_TOO_BIG, code="too_big")
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(ERROR_TOO_BIG, code="too_big")
    with warnings.catch_warnings():
        # Pillow warns, then raises, above Image.MAX_IMAGE_PIXELS: treat both as refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))  # reads the header, not the pixels
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
            OSError,
            ValueError,
        ) as exc:
            if isinstance(exc, Image.DecompressionBombError | Image.DecompressionBombWarning):
                raise ValidationError(ERROR_TOO_MANY_PIXELS, code="pixels") from exc
            raise ValidationError(ERROR_NOT_IMAGE, code="not_image") from exc
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(ERROR_NOT_IMAGE, code="not_image")
        width, height = image.size
        if width < 1 or height < 1:
            raise ValidationError(ERROR_NOT_IMAGE, code="not_image")
        if width * height > MAX_PIXELS:
            raise ValidationError(ERROR_TOO_MANY_PIXELS, code="pixels")
        try:
            image.seek(0)
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail(OUTPUT_SIZE)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(ERROR_TOO_MANY_PIXELS, code="pixels") from exc
        except (OSError, ValueError, SyntaxError) as exc:
            raise ValidationError(ERROR_NOT_IMAGE, code="not_image") from exc
    out = io.BytesIO()
    # A new image with no info dict: no EXIF, GPS, XMP or ICC comes along.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name=f"{PHOTO_DIR}/{uuid.uuid4().hex}.jpg")
