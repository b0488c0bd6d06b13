"""One settings module, driven by environment variables.

DATABASE_URL      default sqlite:///db.sqlite3 (PostgreSQL: postgres://user@host:port/name)
DJANGO_DEBUG      "1" in development (default), "0" in production
DJANGO_SECRET_KEY required when DJANGO_DEBUG=0
DJANGO_ALLOWED_HOSTS comma-separated
DJANGO_BEHIND_TLS_PROXY "1" behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto
MEDIA_ROOT        where uploads are stored (default ./media)
PERIZINAN_S3_BUCKET  store uploads and generated PDFs in this S3 bucket instead (with
                  PERIZINAN_S3_ENDPOINT_URL for MinIO/Ceph/Garage..., AWS_* credentials)
PERIZINAN_ANCHOR_ROOT / PERIZINAN_ANCHOR_S3_BUCKET  where the process log's daily anchors go
                  (default: the file store above, under process-log-anchors/)
"""

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks_db",
    "perizinan.accounts",
    "perizinan.workdays",
    "perizinan.catalog",
    "perizinan.applications",
    "perizinan.licences",
    "perizinan.workflow",
    "perizinan.documents",
    "perizinan.feedback",
    "perizinan.web",
    "perizinan.frontoffice",
    "perizinan.notifications",
    "perizinan.reports",
    "perizinan.api",
    "perizinan.ops",
    "perizinan.maintenance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "perizinan.request_limits.RequestLimitsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:  # in development runserver serves static files; in production WhiteNoise (after collectstatic)
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "perizinan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "perizinan.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
# --- Serving (issue #8): persistent connections in production -------------------------------
# A connection lives for DB_CONN_MAX_AGE seconds (default 600 when DJANGO_DEBUG=0, 0 in
# development and tests) and is checked before reuse, so a restarted PostgreSQL costs one
# reconnect instead of an error. See docs/adr/0013-production-server.md.
if not DEBUG and "DB_CONN_MAX_AGE" not in os.environ:
    DATABASES["default"]["CONN_MAX_AGE"] = 600
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# --- end serving ---
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN, so two
    # writers queue instead of failing with "database is locked" half-way through. Every
    # write transaction is milliseconds long (no rendering, signing or upload check inside:
    # docs/adr/0007), so a writer waits its turn; 30 s is the bound on that wait under load.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    # Tests use a file too (not the shared in-memory database, whose table locks behave
    # nothing like a real file's under concurrency).
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("SQLITE_TEST_NAME")
        or os.path.join(tempfile.gettempdir(), f"perizinan-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# People read Indonesian first; English beside it. Times are shown in WITA.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("Inggris"))]
LOCALE_PATHS = [BASE_DIR / "perizinan" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Makassar"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from the npm registry (package.json); served from their dist folders.
STATICFILES_DIRS = [
    BASE_DIR / "perizinan" / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# pg_dump/pg_restore for `manage.py backup`/`restore` (default: PATH, then Debian's newest).
PERIZINAN_PG_BIN = os.environ.get("PERIZINAN_PG_BIN", "")
# Uploaded and generated files on S3-compatible object storage (several app servers and
# workers share it) when a bucket is named; local disk (MEDIA_ROOT) otherwise. Credentials come
# from boto3's usual sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, instance profile...).
PERIZINAN_S3_BUCKET = os.environ.get("PERIZINAN_S3_BUCKET", "")
if PERIZINAN_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PERIZINAN_S3_BUCKET,
            "endpoint_url": os.environ.get("PERIZINAN_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("PERIZINAN_S3_PREFIX", ""),
            # No ACL header (the bucket stays private): files are served only through
            # permission-checked views, never by a public URL.
            "default_acl": None,
            "querystring_auth": True,
            # Two files under one name get two names, as on disk: deleting one never removes the other.
            "file_overwrite": False,
        },
    }
# The daily anchors of the process log (docs/adr/0016), outside the database: by default in
# the file store beside the files (under process-log-anchors/, which no sweep touches); in a
# store of their own when one is named (a folder, or a bucket, e.g. one with object lock).
STORAGES["anchors"] = dict(STORAGES["default"])
if os.environ.get("PERIZINAN_ANCHOR_S3_BUCKET"):
    STORAGES["anchors"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **(STORAGES["default"].get("OPTIONS") or {}),
            "bucket_name": os.environ["PERIZINAN_ANCHOR_S3_BUCKET"],
            "endpoint_url": os.environ.get("PERIZINAN_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
elif os.environ.get("PERIZINAN_ANCHOR_ROOT"):
    STORAGES["anchors"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ["PERIZINAN_ANCHOR_ROOT"]},
    }

# Content-Security-Policy (Django 6): no inline script, no third-party origin.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "SAMEORIGIN"  # the application page shows uploaded PDFs inline in a frame

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "127.0.0.1"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "perizinan@dpmptsp.kaltimprov.go.id")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media-not-served/"  # uploads are served only through permission-checked views

# Production behind the TLS proxy (docs/adr/0010): HTTPS only, HSTS for a year. The proxy must
# set X-Forwarded-Proto itself (overwriting any the client sent). `manage.py check --deploy`
# then reports only security.W019: X_FRAME_OPTIONS stays SAMEORIGIN on purpose (the
# application page shows uploaded PDFs in a frame of its own origin).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_SECURE_HSTS_PRELOAD", "1") == "1"
    SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$"]  # the proxy's health check speaks plain HTTP
# The API's docs page needs a signed-in user in production; the schema (openapi.json) stays
# public, as the contract promises.
PERIZINAN_API_DOCS_PUBLIC = DEBUG

# Behind a reverse proxy that terminates TLS (docs/deployment.md): trust its X-Forwarded-Proto,
# so Django knows the request was HTTPS (CSRF origin checks, secure redirects).
if os.environ.get("DJANGO_BEHIND_TLS_PROXY", "0") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG

# Uploads: accepted by content (PDF, JPEG, PNG), at most this many bytes.
PERIZINAN_UPLOAD_MAX_BYTES = int(os.environ.get("PERIZINAN_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
# Images: at most this many pixels, read from the header before any decoding.
PERIZINAN_IMAGE_MAX_PIXELS = int(os.environ.get("PERIZINAN_IMAGE_MAX_PIXELS", 40_000_000))
# The public PDF check accepts a licence PDF of at most this many bytes.
PERIZINAN_PDF_CHECK_MAX_BYTES = int(os.environ.get("PERIZINAN_PDF_CHECK_MAX_BYTES", 20 * 1024 * 1024))
# Any request body: refused (413) from its Content-Length before it is read (perizinan/request_limits.py).
PERIZINAN_REQUEST_MAX_BYTES = max(PERIZINAN_UPLOAD_MAX_BYTES, PERIZINAN_PDF_CHECK_MAX_BYTES) + 1024 * 1024
# A body that is not multipart (JSON, a form) is read into memory: at most 2 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploaded files above this size are streamed to a temporary file, never held in memory whole.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# API tokens expire this many days after they were issued, and after this many days unused.
PERIZINAN_TOKEN_DAYS = int(os.environ.get("PERIZINAN_TOKEN_DAYS", "365"))
PERIZINAN_TOKEN_IDLE_DAYS = int(os.environ.get("PERIZINAN_TOKEN_IDLE_DAYS", "30"))

# Signing (issue #4): the local PKCS#12 keys (demo CA: manage.py create_signing_certificate), or
# the national e-signature service (BSrE API v2) for the head of the office.
PERIZINAN_SIGNER = os.environ.get("PERIZINAN_SIGNER", "local")
PERIZINAN_PKI_DIR = Path(os.environ.get("PERIZINAN_PKI_DIR", BASE_DIR / "var" / "pki"))
PERIZINAN_SIGNING_PASSPHRASE = os.environ.get(
    "PERIZINAN_SIGNING_PASSPHRASE", "dev-only-signing-passphrase" if DEBUG else ""
)
PERIZINAN_TRUST_ROOTS = [
    p for p in os.environ.get("PERIZINAN_TRUST_ROOTS", str(PERIZINAN_PKI_DIR / "root.pem")).split(",") if p
]
PERIZINAN_BSRE_URL = os.environ.get("PERIZINAN_BSRE_URL", "")
PERIZINAN_BSRE_USER = os.environ.get("PERIZINAN_BSRE_USER", "")
PERIZINAN_BSRE_PASSWORD = os.environ.get("PERIZINAN_BSRE_PASSWORD", "")
# The public address printed in the licence's QR code (the verification page).
PERIZINAN_PUBLIC_URL = os.environ.get("PERIZINAN_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# Caches. `default` is shared by every server process (Django's DatabaseCache; its table is made
# by `manage.py createcachetable`, which `make migrate` runs): the throttle counters live there
# (perizinan/throttle.py, docs/adr/0009). `refcache` holds reference data per process
# (perizinan/refcache.py): it is read on every request and must cost no query.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "perizinan_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    "refcache": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "perizinan-ref"},
}

# The process log's HMAC key (docs/adr/0014). PROCESS_LOG_KEY is the current key and
# PROCESS_LOG_KEY_ID its id (stored on each entry); PROCESS_LOG_OLD_KEYS="id:key,id:key" keeps
# retired keys so that older entries still verify. Without PROCESS_LOG_KEY the key is derived
# from DJANGO_SECRET_KEY (set a key of its own in production: rotating the secret key must not
# break the log).
PROCESS_LOG_KEY_ID = os.environ.get("PROCESS_LOG_KEY_ID", "k1" if os.environ.get("PROCESS_LOG_KEY") else "s1")
PROCESS_LOG_KEYS = dict(
    item.split(":", 1) for item in os.environ.get("PROCESS_LOG_OLD_KEYS", "").split(",") if ":" in item
)
PROCESS_LOG_KEYS[PROCESS_LOG_KEY_ID] = (
    os.environ.get("PROCESS_LOG_KEY") or hashlib.sha256(f"process-log:{SECRET_KEY}".encode()).hexdigest()
)

# Background work (documents, notifications, reports): Django's tasks framework with the
# database-backed queue of django-tasks-db. `manage.py db_worker` runs the worker; `make run`
# starts it beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# --- Serving (issue #8): the worker's heartbeat (manage.py run_worker) and readiness ---------
PERIZINAN_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("PERIZINAN_WORKER_HEARTBEAT_SECONDS", "10"))
PERIZINAN_WORKER_HEARTBEAT_MAX_AGE = float(os.environ.get("PERIZINAN_WORKER_HEARTBEAT_MAX_AGE", "60"))
# --- end serving ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
