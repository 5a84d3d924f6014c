"""Uploaded pictures (space photos, event images): one check and one decoder for all.

A picture is refused, with a message a person understands, when its file is too big, it is
not a JPEG, PNG or WebP, it has too few or too many pixels, it would take too much memory
to decode, or it is cut short. The memory check weighs pixels by colour channels: a 166 KB
PNG of 6300×6300 RGBA is 40 megapixels (inside the pixel cap) but 159 MB decoded, and six
of them at once took a server to 4 GB (issue 11, item 3).

Decoding never loads more than it needs: a JPEG is decoded at 1/2, 1/4 or 1/8 scale
(``Image.draft``) when that still covers the size we keep, and the whole file is decoded
while checking, so a truncated file is refused by the form (400, input kept) instead of
failing later in a service (a 500 after the form said yes).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
# Pixels: a small file can still decode into a huge image (a "decompression bomb").
MAX_PIXELS = 40_000_000
# Bytes of decoded pixels (width × height × bytes a pixel): 96 MB is 32 megapixels in RGB,
# 24 in RGBA. What we keep is at most 1600 pixels on its long edge, so this is ample.
MAX_DECODED_BYTES = 96 * 1024 * 1024

_READ_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    Image.DecompressionBombError,
)


class ImageRefused(ValueError):
    """A picture we will not take; ``str(error)`` is a message fit for a form."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass
class Decoded:
    image: Image.Image
    # The file's format ("JPEG", "PNG" or "WEBP").
    format: str


def decoded_bytes(width: int, height: int, mode: str) -> int:
    """How much memory ``width``×``height`` pixels of ``mode`` take once decoded, counting
    a palette or grey image as the RGB(A) we convert it to."""
    try:
        bands = Image.getmodebands(mode)
    except KeyError:
        bands = 4
    per_band = 2 if ";16" in mode else 4 if mode in ("I", "F") else 1
    converted = 4 if mode in ("P", "PA", "LA", "La") else 3
    return width * height * max(bands * per_band, converted)


def decode(upload, *, noun: str = "picture", min_side: int = 100, edge: int = 1600) -> Decoded:
    """Check ``upload`` and decode it, turned the right way up and at most ``edge`` pixels
    on its long edge. Raises ``ImageRefused``; leaves the upload rewound."""
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size > limit:
        raise ImageRefused(
            _(
                "That %(noun)s is %(size)s MB; the limit is %(limit)s MB. Try a smaller "
                "%(noun)s, or one taken at a lower resolution."
            )
            % {
                "noun": noun,
                "size": number_format(upload.size / 1_048_576, 1),
                "limit": limit // 1_048_576,
            },
            "too_big",
        )
    upload.seek(0)
    try:
        return _decode(upload, noun=noun, min_side=min_side, edge=edge)
    finally:
        upload.seek(0)


def _decode(upload, *, noun, min_side, edge) -> Decoded:
    try:
        image = Image.open(upload)
    except _READ_ERRORS as error:
        raise ImageRefused(
            _("That file is not a %(noun)s we can read. Upload a JPEG, PNG or WebP image.")
            % {"noun": noun},
            "not_image",
        ) from error
    with image:
        _check_header(image, noun=noun, min_side=min_side, edge=edge)
        try:
            if image.format == "JPEG":
                # Decode at the smallest scale that still covers what we keep.
                image.draft("RGB", (edge, edge))
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((edge, edge))
        except _READ_ERRORS as error:
            raise ImageRefused(
                _(
                    "That %(noun)s is incomplete or damaged: the file stops part-way through, "
                    "which happens when a download or copy is interrupted. Upload the whole file "
                    "again, or choose another %(noun)s."
                )
                % {"noun": noun},
                "truncated",
            ) from error
        return Decoded(image=upright, format=image.format)


def _jpeg_scale(width: int, height: int, edge: int) -> int:
    most = min(width // edge, height // edge)
    return next(scale for scale in (8, 4, 2, 1) if scale <= max(most, 1))


def _check_header(image: Image.Image, *, noun, min_side, edge) -> None:
    kind = image.format
    if kind not in FORMATS:
        raise ImageRefused(
            _("That is a %(value)s file. Upload a JPEG, PNG or WebP %(noun)s.")
            % {"value": kind or "unknown", "noun": noun},
            "format",
        )
    width, height = image.size
    if width * height > MAX_PIXELS or min(width, height) < min_side:
        raise ImageRefused(
            _(
                "That %(noun)s is %(width)s×%(height)s pixels. Upload one at least %(min_side)s "
                "pixels on each side and at most 40 megapixels."
            )
            % {"noun": noun, "width": width, "height": height, "min_side": min_side},
            "pixels",
        )
    # A JPEG decodes at the scale ``draft`` picks (Pillow's rule), not at full size.
    scale = _jpeg_scale(width, height, edge) if kind == "JPEG" else 1
    needed = decoded_bytes(-(-width // scale), -(-height // scale), image.mode)
    if needed > MAX_DECODED_BYTES:
        raise ImageRefused(
            _(
                "That %(noun)s is %(width)s×%(height)s pixels in %(mode)s, which takes "
                "%(needed)s MB to open; the limit is %(limit)s MB. Upload a smaller %(noun)s "
                "(a photo at phone-camera size is fine)."
            )
            % {
                "noun": noun,
                "width": width,
                "height": height,
                "mode": image.mode,
                "needed": number_format(needed / 1_048_576, 0),
                "limit": MAX_DECODED_BYTES // 1_048_576,
            },
            "memory",
        )
