"""The one settings module. Every value that differs between machines comes from the environment.

- ``CASEREVIEW_DATA_DIR`` (default ``./var``) holds the SQLite database and stored files.
- ``DATABASE_URL`` overrides the database (PostgreSQL in production).
- ``CASEREVIEW_PRODUCTION=1`` switches on production mode: ``casereview check-deploy`` and
  ``casereview serve`` then refuse unsafe settings (see ``casereview.config.checks``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, SELF

from casereview.config.env import env_bool, env_list

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
DATA_DIR = Path(os.environ.get("CASEREVIEW_DATA_DIR", "var")).resolve()
FILES_DIR = DATA_DIR / "files"
# The recommendations' recurrence index as last saved, with what it reflects, so a new process
# loads it instead of featurising every text again (recommendations/stored_index.py).
RECURRENCE_INDEX_FILE = DATA_DIR / "recurrence-index.bin"
# Larger uploads are refused before they are read (ingest and `casereview analyse`).
# Tesseract for image-only PDFs (optional): a program name or path; empty means "tesseract" on
# the PATH if there is one.
TESSERACT = os.environ.get("CASEREVIEW_TESSERACT", "")
MAX_DOCUMENT_BYTES = int(os.environ.get("CASEREVIEW_MAX_DOCUMENT_MB", "100")) * 1024 * 1024
# Request limits. A form's fields, files apart: the largest is the checker's pasted text
# (200,000 characters, at most 2.4 MB percent-encoded), so anything larger is refused unread.
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024
# Uploads larger than this go to a temporary file as they arrive rather than into memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2560 * 1024
# The longest form (search filters with every board and year ticked) sends a few hundred fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Every form takes one file; ten leaves room without letting one request carry hundreds.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Uploads stop being written to disk just past MAX_DOCUMENT_BYTES (the form then refuses them).
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "casereview.config.uploads.CappedUploadHandler",
]
# Seconds the recommendation checker may spend reading what a person sent; the child process
# doing it is then stopped, so no text can hold a server thread for longer.
CHECKER_TIME_LIMIT_SECONDS = float(os.environ.get("CASEREVIEW_CHECKER_TIME_LIMIT", "20"))

PRODUCTION = env_bool("CASEREVIEW_PRODUCTION", default=False)
DEBUG = env_bool("CASEREVIEW_DEBUG", default=False)

# Outside production a fixed development key is fine; production refuses it (config/checks.py).
DEVELOPMENT_SECRET_KEY = "casereview-development-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "casereview.pages.errors.csrf_failure"

# The demo may waive two-factor sign-in for its fictional users; production refuses it.
DEMO_WAIVE_2FA = env_bool("CASEREVIEW_DEMO_WAIVE_2FA", default=False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "casereview.audit",
    "casereview.accounts",
    "casereview.cases",
    "casereview.repository",
    "casereview.recommendations",
    "casereview.learning",
    "casereview.publication",
    "casereview.pages",
    "casereview.worker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "casereview.accounts.middleware.NoStoreForSignedIn",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casereview.config.urls"
WSGI_APPLICATION = "casereview.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "casereview.config.jinja2.environment",
            "autoescape": True,
        },
    },
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
STATIC_ROOT_DIR = DATA_DIR / "static"
STATIC_ROOT_DIR.mkdir(exist_ok=True)
DATABASES: dict[str, dict[str, Any]] = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "casereview.sqlite3",
        "OPTIONS": {
            # WAL lets readers work while a writer commits; IMMEDIATE avoids lock upgrades
            # failing half-way through a transaction when the worker and the web both write.
            # SQLite's own page cache (2 MiB per connection) is enough: the operating system
            # keeps the file in memory once, for every connection (docs/adr/0006-search.md).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Each server thread keeps its connection between requests.
        "CONN_MAX_AGE": None,
        "CONN_HEALTH_CHECKS": True,
    }
}
if os.environ.get("DATABASE_URL"):
    DATABASES["default"] = dict(dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "casereview.accounts.passwords.CharacterMixValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# Lockout: five failures for the same email lock that account for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "casereview.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("CASEREVIEW_LOCKOUT", default=True)

OTP_TOTP_ISSUER = "casereview"

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("CASEREVIEW_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
# The TLS-terminating proxy in front of `casereview serve`: the one address (waitress trusts one,
# or * for any) whose forwarded headers are believed; anyone else's are removed (cli.serve).
TRUSTED_PROXY = os.environ.get("CASEREVIEW_TRUSTED_PROXY", "").strip()
if "," in TRUSTED_PROXY:
    raise ValueError("CASEREVIEW_TRUSTED_PROXY takes one address (the proxy's), not a list.")
TRUSTED_PROXY_HEADERS = env_list(
    "CASEREVIEW_PROXY_HEADERS", default=["x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"]
)
TRUSTED_PROXY_COUNT = int(os.environ.get("CASEREVIEW_TRUSTED_PROXY_COUNT", "1"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = STATIC_ROOT_DIR
# GOV.UK Frontend is installed from npm at set-up and never committed.
GOVUK_FRONTEND_DIR = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "static"]
if GOVUK_FRONTEND_DIR.exists():
    STATICFILES_DIRS.append(("govuk", GOVUK_FRONTEND_DIR))
# The precompiled GOV.UK stylesheet refers to its fonts and images under /assets/.
WHITENOISE_ROOT = GOVUK_FRONTEND_DIR if GOVUK_FRONTEND_DIR.exists() else None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
# The address people use to reach the site, for links in emails (reminders).
SITE_URL = os.environ.get("CASEREVIEW_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "casereview <no-reply@localhost>")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# How often each `casereview worker` says it is alive; one silent for twelve beats is taken for
# gone and its task is tried again (casereview.worker.recovery).
WORKER_BEAT_SECONDS = float(os.environ.get("CASEREVIEW_WORKER_BEAT_SECONDS", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CASEREVIEW_LOG_LEVEL", "WARNING")},
}

SILENCED_SYSTEM_CHECKS: list[str] = [
    # axes.W006 asks for the address among the lockout parameters. We lock by account on
    # purpose: an attacker who changes address must not get fresh guesses at the same account.
    "axes.W006",
]
