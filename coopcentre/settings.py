"""Settings for coopcentre, read from the environment (django-environ).

With nothing set, the site runs on a SQLite file, runs Celery tasks eagerly, caches in
local memory and prints email to the console: a newcomer needs no servers. Production
sets DEBUG=0 and refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from .beat import SCHEDULE
from .headers import PERMISSIONS_POLICY_DEFAULT, content_security_policy
from .media import media_origins, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET = "django-insecure-dev-only-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("Set SECRET_KEY: production will not start with the dev key.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "taggit",
    # Shared apps: capability apps depend on these, never the other way round.
    "core",
    "postcodes",
    "accounts",
    # Capability apps, in their layers' order (docs/layers.md): each may read the ones
    # before it; matching and wellbeing_index stand alone. load_demo follows this order.
    "spaces",
    "communities",
    "events",
    "matching",
    "wellbeing_index",
    # Have your say: processes, the census, debate and proposals (reads events).
    "participation",
    # Open data out (OpenActive feeds, Open Referral UK API) and in (the harvester).
    "opendata",
    # Pages that combine capabilities (home, /near/, the co-operative audit).
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the URL's: /cy/… is Welsh, every other URL English (docs/i18n.md).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.staff_mfa_required",
]

ROOT_URLCONF = "coopcentre.urls"
WSGI_APPLICATION = "coopcentre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "accounts.context_processors.saved_postcode",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# On: a kept connection the server has closed (a restart, a failover, an idle timeout,
# pg_terminate_backend) is found with a SELECT 1 before the request's first query and
# replaced, instead of failing that request with a 500. It costs one round trip a request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
# PostgreSQL: parameters are sent apart from the SQL (server-side binding), so psycopg
# prepares a query the fifth time a connection runs it and PostgreSQL then skips parsing and
# planning it (planning took longer than running the searches' queries). Not behind a
# PgBouncer in transaction mode (README, "Scaling"): set DATABASE_SERVER_SIDE_BINDING=0 there.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_SERVER_SIDE_BINDING", default=True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is for one machine (docs/operations.md). Concurrent writers must wait their
    # turn, not fail: every transaction takes the write lock when it begins (IMMEDIATE), so
    # none is refused half-way through for upgrading a read lock ("database is locked"),
    # and a writer waits up to 20 s for the lock (the busy timeout) before giving up. WAL
    # lets readers carry on while one writes; NORMAL sync is safe with WAL (a power cut can
    # lose the last commits, never corrupt the file).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and env.str("PYTEST_XDIST_WORKER", default=""):
    # Under pytest-xdist each test process takes its own Redis database (gw0 keeps the one
    # given, gw1 the one below it, …), so one process's real Celery worker never takes
    # another's tasks and clearing the cache never empties another's.
    _base, _, _db = REDIS_URL.rpartition("/")
    _worker = int(env.str("PYTEST_XDIST_WORKER").removeprefix("gw"))
    REDIS_URL = f"{_base}/{(int(_db or 0) - _worker) % 16}"
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails soft: with Redis down, pages are computed, never a 500 (core/cache.py).
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "coopcentre",
            # A Redis that hangs costs a page half a second at most, not a worker.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered fragments whose key names the version of what they show (an edition's
# computation, a snapshot, a nation): exact in every process, so each keeps its own and
# reads them without a network round trip ({% cache ... using="fragments" %}). An area's
# figures are about 26 KB, so 1,000 entries stay under about 30 MB a process; the least
# recently used go first.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
# Search result cards, each kept per version of what it shows (core.render_cache): each
# process keeps its own, exact because the key names the version; a card is about 1 KB.
CACHES["cards"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "cards",
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
# How long pages shared by visitors who are not logged in are kept (core.page_cache);
# 0 turns that cache off.
ANONYMOUS_PAGE_CACHE_SECONDS = 120

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, reading the signed-in member through the cache on each
# request (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
# Sessions are read from the cache (written through to the database): a member's page
# costs no session query. Django's default already saves a session only when it changed
# (SESSION_SAVE_EVERY_REQUEST stays False).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
SITE_ID = 1
# What emails and pages call the site (the Sites row is named after it when migrating).
SITE_NAME = "coopcentre"

# django-allauth: email is the identity; no usernames; verification is mandatory.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# A change to how a member logs in (password, addresses, two-factor) is emailed to them,
# with the IP address and browser it came from (templates/account/email/, templates/mfa/email/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[coopcentre] "
# Account emails link to SITE_URL like every other absolute link (core.links).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme or "https"
ACCOUNT_RATE_LIMITS = {
    "signup": "5/m/ip,20/h/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "login": "accounts.login_form.LoginForm",
    "change_password": "accounts.allauth_forms.ChangePasswordForm",
    "set_password": "accounts.allauth_forms.SetPasswordForm",
    "reset_password_from_key": "accounts.allauth_forms.ResetPasswordKeyForm",
    "add_email": "accounts.allauth_forms.AddEmailForm",
}
# Two-factor log-in (allauth.mfa); staff must set it up where STAFF_REQUIRE_MFA is on (by
# default in production only): accounts/middleware.py, docs/security.md.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "coopcentre"
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=not DEBUG)
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"

LANGUAGE_CODE = "en-gb"
# English at the URLs it always had, Welsh under /cy/ (docs/i18n.md). Names in their own
# language: they label the language switch.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The project's catalogue (locale/), then the Welsh it supplies for Django's and allauth's
# own messages (locale-upstream/): both win over the packages' catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-upstream"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    # Uploads: MEDIA_ROOT, or S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is
    # set (coopcentre/media.py, docs/operations.md).
    "default": media_storage(env),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded images are validated and capped at 5 MB by the forms that take them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
MAX_IMAGE_UPLOAD_BYTES = 5 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="coopcentre <hello@coopcentre.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20

# Celery: Redis broker and result backend from REDIS_URL; without it, tasks run eagerly.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs: coopcentre/beat.py, the one schedule.
CELERY_BEAT_SCHEDULE = SCHEDULE
# One retry policy for every email: after failed attempt n it waits a random 1 s to
# min(30 s·2^(n-1), 1 h) (full jitter), so ten attempts span about one to three hours.
OUTBOX_MAX_ATTEMPTS = 10
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=30)
OUTBOX_RETRY_MAX_SECONDS = 3600
# Help matching (matching/, docs/matching.md).
MATCHING_VOLUNTEER_CAP = env.int("MATCHING_VOLUNTEER_CAP", default=3)
MATCHING_INTRODUCTIONS_PER_NEED = env.int("MATCHING_INTRODUCTIONS_PER_NEED", default=3)
MATCHING_SCHEMES_PER_NEED = env.int("MATCHING_SCHEMES_PER_NEED", default=3)
# When on, staff approve every person-to-person introduction before anyone is emailed.
MATCHING_REVIEW_INTRODUCTIONS = env.bool("MATCHING_REVIEW_INTRODUCTIONS", default=False)
# Accept/decline links in emails, and unanswered introductions, expire after this.
MATCHING_LINK_MAX_AGE_DAYS = env.int("MATCHING_LINK_MAX_AGE_DAYS", default=14)
# An introduction counts against the volunteer's cap for this long after both accepted.
MATCHING_INTRODUCTION_ACTIVE_DAYS = env.int("MATCHING_INTRODUCTION_ACTIVE_DAYS", default=28)
# Where members' reports on matches are emailed (comma-separated); empty: every staff user.
MATCHING_STAFF_EMAIL = env.list("MATCHING_STAFF_EMAIL", default=[])
# Campaign emails per second per worker process (0: as fast as the SMTP server takes them);
# the outbox's batch sender (core/outbox/batch.py) sends campaigns.
OUTBOX_BATCH_MAX_PER_SECOND = env.float("CAMPAIGN_MAX_PER_SECOND", default=0)
# How many sender tasks work on one campaign at once (they share it out by chunks).
CAMPAIGN_PARALLEL = env.int("CAMPAIGN_PARALLEL", default=2)
# Off: campaign "sent" marks are committed without waiting for the disk (a PostgreSQL crash
# could resend the last fraction of a second of copies; a worker crash loses nothing).
OUTBOX_BATCH_SYNCHRONOUS_COMMIT = env.bool("CAMPAIGN_SYNCHRONOUS_COMMIT", default=False)

# Map tiles: any XYZ tile server; the attribution is shown under every map.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default=(
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    ),
)

# Where the big shared data files live (benches and `make postcodes` read them).
SHARED_DATA_DIR = env.path("SHARED_DATA_DIR", default=BASE_DIR.parent / "shared" / "data")


# Security: strict in production; SECURE_SSL_REDIRECT can be turned off when a proxy
# terminates TLS and redirects for us.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    if env.bool("BEHIND_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp) and Permissions-Policy: coopcentre/headers.py.
CONTENT_SECURITY_POLICY = content_security_policy(
    map_tile_url=MAP_TILE_URL, media_origins=media_origins(STORAGES["default"])
)
PERMISSIONS_POLICY = PERMISSIONS_POLICY_DEFAULT

RATELIMIT_USE_CACHE = "default"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Open data (opendata/, docs/opendata.md): requests a minute per address to the open
# OpenActive feeds and Open Referral UK API; harvests of other publishers.
OPENDATA_API_RATE = env.str("OPENDATA_API_RATE", default="600/m")
# Publishers' feeds or APIs harvested every hour (comma-separated URLs; see manage.py harvest).
OPENDATA_HARVEST_URLS = env.list("OPENDATA_HARVEST_URLS", default=[])
OPENDATA_HARVEST_MAX_BYTES = env.int("OPENDATA_HARVEST_MAX_BYTES", default=10 * 1024 * 1024)
