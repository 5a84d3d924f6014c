"""Event images: check what members upload, then store a clean copy.

An upload must really be a whole JPEG, PNG or WebP picture of sensible size and memory
(``core.images``, shared with space photos). It is re-encoded before it is stored: that
drops EXIF metadata (a phone photo's GPS position would tell the world where the organiser
lives), turns it the right way up and caps its dimensions, so a 40-megapixel photo does
not cost a phone user's data plan.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext

from core import images

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_SIDE = 1600
MIN_SIDE = 200


def image_clean(upload) -> ContentFile:
    """Validate an uploaded image and return a re-encoded copy without metadata.

    Raises ``ValidationError`` with a message for the member when the file is too big,
    not a picture, in another format, too small or large in pixels or in memory, or cut
    short.
    """
    try:
        decoded = images.decode(upload, noun=gettext("image"), min_side=MIN_SIDE, edge=MAX_SIDE)
    except images.ImageRefused as error:
        raise ValidationError(str(error), code=error.code) from error
    image, fmt = decoded.image, decoded.format
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{EXTENSIONS[fmt]}")
