"""Where uploaded media go (read by coopcentre/settings.py): photos of spaces, events' images,
pioneers' photos.

By default the filesystem (``MEDIA_ROOT``): right for development and one machine, with no
server to run. With ``AWS_STORAGE_BUCKET_NAME`` set, S3-compatible object storage through
django-storages (Amazon S3, MinIO, any other S3 API): every web server and worker then
sees the same files, and browsers fetch photos from the bucket (or a CDN in front of it),
not from gunicorn. The photos are public, so their links are plain and unsigned by default
(cacheable, they never expire): the bucket must let anyone read its objects
(docs/operations.md). The access keys are read by django-storages itself from
``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` (or an instance role when unset).
"""

from urllib.parse import urlsplit

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def media_storage(env) -> dict:
    """The ``STORAGES["default"]`` entry that the environment asks for."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return FILESYSTEM
    endpoint = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        # An S3-compatible server (MinIO) names the bucket in the path, not the host name.
        "addressing_style": "path" if endpoint else None,
        # A CDN or the bucket's public address: links are built without asking the server.
        "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
        "url_protocol": env.str("AWS_S3_URL_PROTOCOL", default="https:"),
        # Public photos: plain links; signed ones would expire inside cached pages.
        "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,
        # Like the filesystem: a second upload with the same name gets a new name instead
        # of replacing someone else's photo.
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def media_origins(storage: dict) -> list[str]:
    """Where browsers fetch media from, for the Content-Security-Policy's ``img-src``:
    nothing beyond the site itself on the filesystem."""
    options = storage.get("OPTIONS")
    if not options:
        return []
    if options["custom_domain"]:
        host = urlsplit(f"//{options['custom_domain']}").netloc
        return [f"{options['url_protocol']}//{host}"]
    if options["endpoint_url"]:
        url = urlsplit(options["endpoint_url"])
        return [f"{url.scheme}://{url.netloc}"]
    bucket, region = options["bucket_name"], options["region_name"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
