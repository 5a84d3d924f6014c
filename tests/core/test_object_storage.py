"""Uploaded photos in S3-compatible object storage (issue 11, item 10).

Against a real S3 API server that the test starts on a loopback port (moto's server mode),
configured the way production is, from the environment (coopcentre/media.py): a member
uploads through the real form, the object lands in the bucket, the page's ``<img src>``
points at the bucket and fetching that link returns the stored bytes.
"""

import json
import urllib.request
import uuid
from dataclasses import dataclass

import boto3
import environ
import pytest
from moto.server import ThreadedMotoServer

from coopcentre.headers import content_security_policy
from coopcentre.media import media_origins, media_storage
from events.models import Event
from spaces.models import SpacePhoto

from ..conftest import _free_port
from ..events.test_event_create import form_data, picture
from ..spaces.factories import SpaceFactory, image_upload
from .test_deploy_check import run_manage
from .test_headers import PRODUCTION

pytestmark = pytest.mark.django_db
REGION = "eu-west-2"


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 API (moto's server) on a free loopback port, for this module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class Bucket:
    client: object
    name: str
    endpoint: str

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def public_read_policy(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": ["s3:GetObject"],
                "Resource": [f"arn:aws:s3:::{bucket}/*"],
            }
        ],
    }


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A fresh bucket, and the site's media in it: the settings are made from the same
    environment variables production reads."""
    name = f"coopcentre-media-{uuid.uuid4().hex[:8]}"
    keys = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=keys["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=keys["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    # What docs/operations.md asks of a production bucket: anyone may read its objects.
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    environment = {
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
        **keys,
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    storage = media_storage(environ.Env())
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.CONTENT_SECURITY_POLICY = content_security_policy(
        map_tile_url=settings.MAP_TILE_URL, media_origins=media_origins(storage)
    )
    return Bucket(client, name, s3_endpoint)


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.status, response.headers["Content-Type"], response.read()


def test_a_members_space_photo_is_stored_in_the_bucket_and_shown_from_it(
    bucket, member_client, staff_client, client
):
    space = SpaceFactory()

    response = member_client.post(
        f"/spaces/{space.slug}/photos/new/", {"photo": image_upload(), "alt_text": "The stage"}
    )

    assert response.status_code == 302
    photo = SpacePhoto.objects.get()
    assert bucket.keys() == sorted([photo.image.name, photo.thumbnail.name])
    assert photo.image.name.startswith("spaces/") and photo.image.name.endswith(".jpg")
    staff_client.post(
        "/admin/spaces/spacephoto/",
        {"action": "approve_selected", "_selected_action": [str(photo.pk)]},
    )

    page = client.get(f"/spaces/{space.slug}/")
    html = page.content.decode()
    src = f"{bucket.endpoint}/{bucket.name}/{photo.image.name}"
    assert f'<img src="{src}" alt="The stage"' in html
    status, content_type, body = fetch(src)
    assert status == 200 and content_type == "image/jpeg"
    assert body == bucket.read(photo.image.name)
    assert body.startswith(b"\xff\xd8")
    # The page's Content-Security-Policy lets the browser load it.
    img_src = next(
        part for part in page["Content-Security-Policy"].split("; ") if part.startswith("img-src")
    )
    assert bucket.endpoint in img_src.split()


def test_an_events_image_is_stored_in_the_bucket_and_shown_from_it(
    bucket, member_client, staff_client, client
):
    data = form_data(image=picture("JPEG", (1200, 900)), image_alt="Racks of clothes")

    assert member_client.post("/events/new/", data).status_code == 302

    event = Event.objects.get()
    assert event.image.name.startswith("events/")
    assert bucket.keys() == [event.image.name]
    staff_client.post(
        "/admin/events/event/",
        {"action": "approve_selected", "_selected_action": [str(event.pk)]},
    )
    html = client.get(event.get_absolute_url()).content.decode()
    src = f"{bucket.endpoint}/{bucket.name}/{event.image.name}"
    assert f'src="{src}" alt="Racks of clothes"' in html
    status, _, body = fetch(src)
    assert status == 200 and body == bucket.read(event.image.name)


def test_two_uploads_with_one_name_never_replace_each_other(bucket):
    from django.core.files.storage import default_storage

    first = default_storage.save("events/hall.jpg", image_upload())
    second = default_storage.save("events/hall.jpg", image_upload(color=(200, 10, 10)))

    assert first != second
    assert bucket.keys() == sorted([first, second])


def test_without_a_bucket_media_stay_on_the_filesystem(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    storage = media_storage(environ.Env())
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert media_origins(storage) == []


SHOW_MEDIA_SETTINGS = """
import json
from django.conf import settings
from django.core.management import call_command
call_command("check", deploy=True, fail_level="WARNING")
directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
print(json.dumps([settings.STORAGES["default"]["BACKEND"], directives["img-src"]]))
"""


@pytest.mark.parametrize(
    ("extra", "origin"),
    [
        ({}, "https://photos.s3.amazonaws.com"),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.coopcentre.example"}, "https://media.coopcentre.example"),
        ({"AWS_S3_ENDPOINT_URL": "https://minio.coopcentre.example:9000"}, None),
    ],
)
def test_production_settings_with_a_bucket_pass_the_deploy_check(extra, origin, tmp_path):
    """``check --deploy`` stays clean and the CSP lets browsers load the photos."""
    environment = {**PRODUCTION, "AWS_STORAGE_BUCKET_NAME": "photos", **extra}
    origin = origin or extra.get("AWS_S3_ENDPOINT_URL")
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"

    result = run_manage("shell", "-c", SHOW_MEDIA_SETTINGS, **environment, DATABASE_URL=database)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    backend, img_src = json.loads(result.stdout.strip().splitlines()[-1])
    assert backend == "storages.backends.s3.S3Storage"
    assert origin in img_src
