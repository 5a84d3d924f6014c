"""Uploaded pictures (issue 11, item 3): a small file that decodes huge is refused before it
is decoded, a big JPEG is decoded at reduced scale, and a file cut short is a 400 that
keeps what was typed, for space photos and event images alike (one check, core.images)."""

import io
import json
import os
import struct
import subprocess
import sys
import zlib
from html import unescape
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import images
from events.models import Event
from spaces.models import Space, SpacePhoto

from ..spaces.factories import SpaceFactory
from ..submissions import event_data, space_data

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(size=6300, colour_type=6) -> bytes:
    """A PNG of ``size``×``size`` transparent pixels (RGBA): about 160 KB of file, 159 MB
    decoded; written row by row so the test never holds the pixels itself."""
    bands = {6: 4, 2: 3}[colour_type]
    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + size * bands)
    data = b"".join(compressor.compress(row) for _ in range(size)) + compressor.flush()
    header = struct.pack(">IIBBBBB", size, size, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def noisy(fmt: str, size=(900, 700)) -> bytes:
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, fmt, quality=90) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    kind = "image/png" if name.endswith(".png") else "image/jpeg"
    return SimpleUploadedFile(name, data, content_type=kind)


def test_the_decoded_size_is_weighed_by_colour_channels():
    assert images.decoded_bytes(6300, 6300, "RGBA") == 6300 * 6300 * 4
    assert images.decoded_bytes(6300, 6300, "RGB") == 6300 * 6300 * 3
    # A palette image becomes RGBA when we flatten it; a 16-bit grey one is 2 bytes a pixel.
    assert images.decoded_bytes(1000, 1000, "P") == 4_000_000
    assert images.decoded_bytes(1000, 1000, "I;16") == 3_000_000


def test_a_small_file_that_decodes_huge_is_refused_for_a_space_photo(member_client):
    bomb = png_bomb()
    assert len(bomb) < 200_000
    space = SpaceFactory()
    response = member_client.post(
        f"/spaces/{space.slug}/photos/new/",
        {"photo": upload("bomb.png", bomb), "alt_text": "The hall in spring"},
    )
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "That photo is 6300×6300 pixels in RGBA, which takes 151 MB to open" in html
    assert 'value="The hall in spring"' in html
    assert not SpacePhoto.objects.exists()


def test_a_small_file_that_decodes_huge_is_refused_for_an_event_image(member_client):
    data = {**event_data(None, 1), "image": upload("bomb.png", png_bomb()), "image_alt": "Bomb"}
    response = member_client.post("/events/new/", data)
    assert response.status_code == 400
    assert "which takes 151 MB to open" in " ".join(response.context["form"].errors["image"])
    assert not Event.objects.exists()


def test_checking_the_bomb_never_decodes_it():
    """Measured in a fresh process: its peak memory stays far below the 159 MB of pixels."""
    script = f"""
import io, json, os, resource, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcentre.settings")
import django; django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from core import images
data = sys.stdin.buffer.read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    images.decode(SimpleUploadedFile("b.png", data, content_type="image/png"))
    refused = False
except images.ImageRefused:
    refused = True
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"refused": refused, "grew_kb": after - before}}))
"""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=png_bomb(),
        capture_output=True,
        check=True,
        env=env,
        timeout=120,
    )
    result = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert result["refused"]
    assert result["grew_kb"] < 20_000


def test_a_big_jpeg_is_decoded_at_reduced_scale_and_kept(member_client):
    """7000×5000 RGB is 100 MB at full size, over the cap; Pillow's draft decodes it at
    half scale (25 MB), so it is taken and stored at 1600 pixels."""
    out = io.BytesIO()
    Image.new("RGB", (7000, 5000), (20, 120, 60)).save(out, "JPEG", quality=70)
    space = SpaceFactory()
    response = member_client.post(
        f"/spaces/{space.slug}/photos/new/",
        {"photo": upload("big.jpg", out.getvalue()), "alt_text": "A field"},
    )
    assert response.status_code == 302
    photo = SpacePhoto.objects.get()
    with Image.open(photo.image.path) as stored:
        assert stored.size == (1600, 1143)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_cut_short_photo_is_a_clear_400_that_keeps_what_was_typed(member_client, fmt):
    whole = noisy(fmt)
    cut = whole[: len(whole) * 6 // 10]
    name = "hall.jpg" if fmt == "JPEG" else "hall.png"
    data = {**space_data(None, 1), "photo": upload(name, cut), "photo_alt": "The hall"}
    response = member_client.post("/spaces/new/", data)
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "That photo is incomplete or damaged: the file stops part-way through" in html
    assert 'value="Ancoats Hall number 1"' in html
    assert not Space.objects.exists()
    # The same file whole is taken.
    data["photo"] = upload(name, whole)
    assert member_client.post("/spaces/new/", data).status_code == 302


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_cut_short_event_image_is_a_clear_400(member_client, fmt):
    whole = noisy(fmt)
    cut = whole[: len(whole) * 6 // 10]
    name = "swap.jpg" if fmt == "JPEG" else "swap.png"
    data = {**event_data(None, 1), "image": upload(name, cut), "image_alt": "People swapping"}
    response = member_client.post("/events/new/", data)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["image"])
    # Pillow's own check finds some cut PNGs first; both say the file is not usable.
    assert "incomplete or damaged" in errors or "Upload a valid image" in errors
    assert 'value="Clothes swap 1"' in response.content.decode()
    assert not Event.objects.exists()
