"""Photos of spaces: checked, re-encoded without metadata, and moderated before they show."""

import io
import uuid

from django.core.files.base import ContentFile
from django.utils.translation import gettext
from PIL import Image

from core import images
from core.models import ModerationStatus

from ..models import Space, SpacePhoto

LARGE_EDGE = 1600
THUMBNAIL_SIZE = (480, 360)
MIN_SIDE = 100


class PhotoError(ValueError):
    """A photo we will not take; ``str(error)`` is a message fit for a form."""


def _decoded(upload) -> Image.Image:
    try:
        return images.decode(
            upload, noun=gettext("photo"), min_side=MIN_SIDE, edge=LARGE_EDGE
        ).image
    except images.ImageRefused as error:
        raise PhotoError(str(error)) from error


def photo_check(upload) -> None:
    """Raise ``PhotoError`` unless ``upload`` is a whole JPEG, PNG or WebP photo of a sane
    size (``core.images``: bytes, pixels, memory to decode, cut-short files).

    Decodes it (within the memory cap) so a damaged file is refused here, by the form;
    the upload is left rewound for the next reader.
    """
    _decoded(upload).close()


def _encode(image: Image.Image, box: tuple[int, int]) -> bytes:
    copy = image.copy()
    copy.thumbnail(box, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # JPEG without EXIF: no camera serial numbers or GPS positions of anyone's home.
    copy.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def photo_prepare(upload) -> tuple[ContentFile, ContentFile]:
    """Re-encode a checked upload as a large JPEG and a thumbnail, both without metadata."""
    image = _decoded(upload)
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
