"""Event images: check what members upload, then store a clean copy.

An upload must really be a JPEG, PNG or WebP picture of sensible size. It is re-encoded
before it is stored: that drops EXIF metadata (a phone photo's GPS position would tell
the world where the organiser lives), turns it the right way up and caps its dimensions,
so a 40-megapixel photo does not cost a phone user's data plan.
"""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_SIDE = 1600
# Refuse "decompression bombs": tiny files that expand to gigabytes of pixels.
MAX_PIXELS = 40_000_000
MIN_SIDE = 200


def image_clean(upload) -> ContentFile:
    """Validate an uploaded image and return a re-encoded copy without metadata.

    Raises ``ValidationError`` with a message for the member when the file is too big,
    not a picture, in another format, or too small or large in pixels.
    """
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The image is {upload.size / 1_048_576:.1f} MB; the limit is "
            f"{limit // 1_048_576} MB. Try a smaller photo.",
            code="too_big",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            "That file isn't a picture we can read. Upload a JPEG, PNG or WebP image.",
            code="not_image",
        ) from error
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(
            f"{fmt or 'That'} images aren't accepted. Upload a JPEG, PNG or WebP image.",
            code="format",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "The image has too many pixels. Upload one under 40 megapixels.", code="pixels"
        )
    if min(width, height) < MIN_SIDE:
        raise ValidationError(
            f"The image is {width}×{height} pixels; it needs to be at least "
            f"{MIN_SIDE} pixels on each side.",
            code="too_small",
        )
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        out = io.BytesIO()
        if fmt == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        elif fmt == "PNG":
            image.save(out, "PNG", optimize=True)
        else:
            image.save(out, "WEBP", quality=85)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[fmt]}")
