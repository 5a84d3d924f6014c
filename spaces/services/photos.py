"""Photos of spaces: checked, re-encoded without metadata, and moderated before they show."""

import io
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from core.models import ModerationStatus

from ..models import Space, SpacePhoto

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# Pixels, not bytes: a small file can still decode into a huge image (a "decompression bomb").
MAX_PIXELS = 40_000_000
LARGE_EDGE = 1600
THUMBNAIL_SIZE = (480, 360)


class PhotoError(ValueError):
    """A photo we will not take; ``str(error)`` is a message fit for a form."""


def photo_check(upload) -> None:
    """Raise ``PhotoError`` unless ``upload`` is a JPEG, PNG or WebP photo of a sane size.

    Reads only the image header; the upload is left rewound for the next reader.
    """
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size > limit:
        raise PhotoError(
            f"That photo is {upload.size / 1_048_576:.1f} MB; the limit is "
            f"{limit // 1_048_576} MB. Try a smaller photo, or one taken at a lower resolution."
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
    except (OSError, Image.DecompressionBombError, ValueError) as error:
        raise PhotoError(
            "That file is not a photo we can read. Upload a JPEG, PNG or WebP image."
        ) from error
    finally:
        upload.seek(0)
    if kind not in ALLOWED_FORMATS:
        raise PhotoError(f"That is a {kind or 'unknown'} file. Upload a JPEG, PNG or WebP photo.")
    if width * height > MAX_PIXELS or min(width, height) < 100:
        raise PhotoError(
            f"That photo is {width}×{height} pixels. Upload one between 100 pixels and "
            "40 megapixels."
        )


def _encode(image: Image.Image, box: tuple[int, int]) -> bytes:
    copy = image.copy()
    copy.thumbnail(box, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # JPEG without EXIF: no camera serial numbers or GPS positions of anyone's home.
    copy.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def photo_prepare(upload) -> tuple[ContentFile, ContentFile]:
    """Re-encode a checked upload as a large JPEG and a thumbnail, both without metadata."""
    photo_check(upload)
    with Image.open(upload) as original:
        original.load()
        image = ImageOps.exif_transpose(original)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        elif image.mode == "L":
            image = image.convert("RGB")
        stem = uuid.uuid4().hex
        large = ContentFile(_encode(image, (LARGE_EDGE, LARGE_EDGE)), name=f"{stem}.jpg")
        thumb = ContentFile(_encode(image, THUMBNAIL_SIZE), name=f"{stem}-thumb.jpg")
    return large, thumb


def photo_add(*, space: Space, by, upload, alt_text: str, approved: bool = False) -> SpacePhoto:
    """Add a photo to ``space``, submitted by ``by``; it shows once staff approve it.

    ``upload`` must pass ``photo_check``; it is re-encoded (metadata stripped, at most
    1600 pixels on the long edge) with a 480×360 thumbnail.
    """
    large, thumb = photo_prepare(upload)
    photo = SpacePhoto(
        space=space,
        submitted_by=by,
        alt_text=alt_text.strip(),
        moderation_status=ModerationStatus.APPROVED if approved else ModerationStatus.PENDING,
    )
    photo.image.save(large.name, large, save=False)
    photo.thumbnail.save(thumb.name, thumb, save=False)
    photo.save()
    return photo
