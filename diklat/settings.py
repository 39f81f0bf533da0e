"""Settings for Diklat Tracker, driven by the environment.

Development works with no environment at all (SQLite, DEBUG on, a throwaway key);
production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from diklat import security_settings, storage_settings
from diklat.account_settings import *  # noqa: F403  login protection, API tokens, sessions, e-mail
from events.settings import *  # noqa: F403  check-in codes, mission videos
from notifications.settings import *  # noqa: F403  task queue, WhatsApp gateway, reminder offsets, retries

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-insecure-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_tasks_db",
    "evidence",
    "regions",
    "people",
    "diklat",
    "mentors",
    "projects",
    "assessments",
    "rollout",
    "records",
    "reports",
    "organise",
    "notifications",
    "events",
    "search",
    "offline",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "diklat.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before anything reads the body (the CSRF check reads a POST form).
    "diklat.http_limits.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "diklat.language.ChosenLanguageMiddleware",  # not LocaleMiddleware: see diklat.language
    "diklat.security_headers.PrivateResponsesMiddleware",
    # Who made a change that no service attributed (admin inlines): the request's user.
    "simple_history.middleware.HistoryRequestMiddleware",
    "diklat.middleware.LocalTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: a session that timed out says so on the login page.
    "diklat.session_timeout.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: turns a lockout flagged during the login into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "diklat.urls"
WSGI_APPLICATION = "diklat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers proceed while one writer commits; IMMEDIATE takes the write lock
        # at BEGIN so two writers queue instead of failing with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # JIT compiling costs the big report queries 2–4 s each on a national data set and saves
    # nothing on our short index-driven ones: off for every connection of the app.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get("DATABASE_OPTIONS", "-c jit=off")
    if env_flag("DATABASE_POOL", True):
        # A psycopg pool saves a new connection (~8 ms) per request.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"]["pool"] = {"min_size": 1, "max_size": 10}
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = 60
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# WIB by default; each user sees their province's zone (WIB/WITA/WIT): diklat.middleware.LocalTimeZoneMiddleware.
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Evidence files: a local folder (MEDIA_ROOT) unless DJANGO_STORAGE=s3 puts them in a bucket that
# several app servers share (diklat/storage_settings.py reads the variables).
STORAGES = {
    "default": storage_settings.default_storage(os.environ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Evidence files are never served from MEDIA_URL: they go through a view that checks access.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# The public address printed on official documents and in their QR codes: /verify/<code>/ under it.
RECORDS_PUBLIC_URL = os.environ.get("DJANGO_PUBLIC_URL", "http://localhost:8000")
# A national report table older than the data is still served this long (seconds), saying when it was taken.
REPORT_SNAPSHOT_MAX_AGE = int(os.environ.get("REPORT_SNAPSHOT_MAX_AGE", 300))
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", 5 * 1024 * 1024))
# A 3 KB PNG may declare 12,000 × 12,000 pixels: refused above this before decoding (50 M: a 48 MP photo).
EVIDENCE_MAX_PIXELS = int(os.environ.get("EVIDENCE_MAX_PIXELS", 50_000_000))
# A larger Content-Length is a 413 before the body is read (diklat.http_limits): a form or JSON body
# up to DATA_UPLOAD_MAX_MEMORY_SIZE, an upload up to EVIDENCE_MAX_FILES files of the size limit.
EVIDENCE_MAX_FILES = int(os.environ.get("EVIDENCE_MAX_FILES", 10))
DATA_UPLOAD_MAX_NUMBER_FILES = EVIDENCE_MAX_FILES
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DJANGO_DATA_UPLOAD_MAX_BYTES", 2_621_440))
REQUEST_UPLOAD_MAX_BYTES = EVIDENCE_MAX_FILES * EVIDENCE_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # past this an uploaded file is spooled to disk, not held in memory
# Above 0, a download that passed the access check is redirected to a signed storage URL that
# expires in that many seconds, instead of streaming the bytes through the app.
EVIDENCE_SIGNED_URL_SECONDS = storage_settings.signed_url_seconds(os.environ)
FILE_UPLOAD_PERMISSIONS = 0o640

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS in production (diklat/security_settings.py says how behind a proxy). HSTS is sent on https
# responses only; its preload directive only makes the domain eligible for the browsers' list.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = env_list("DJANGO_SECURE_REDIRECT_EXEMPT", "")
SECURE_PROXY_SSL_HEADER = security_settings.proxy_ssl_header(os.environ)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_SECURE_HSTS_PRELOAD", True)
PERMISSIONS_POLICY = security_settings.PERMISSIONS_POLICY

REST_FRAMEWORK = {
    # The token first: DRF answers a request without credentials with the first class's challenge, so
    # that is a 401 with "WWW-Authenticate: Token"; the session (with its CSRF check) serves the pages' scripts.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Only requests without a user are throttled; the token endpoint has its own, stricter scope.
    "DEFAULT_THROTTLE_CLASSES": ["diklat.throttles.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": API_THROTTLE_RATES,  # noqa: F405
    "NUM_PROXIES": NUM_PROXIES or None,  # noqa: F405
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "diklat.api_parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "diklat.pagination.KeysetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "diklat.api_schema.ErrorDocumentingSchema",
    "EXCEPTION_HANDLER": "diklat.api_errors.exception_handler",
}
# No request of the API nests deeper than a few levels; a deeper JSON body is refused with a 400.
API_JSON_MAX_DEPTH = int(os.environ.get("API_JSON_MAX_DEPTH", 32))
SPECTACULAR_SETTINGS = {
    "TITLE": "Diklat Tracker API",
    "DESCRIPTION": "Change projects of leadership-training cohorts (PKN II, PKA, PKP).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    **dict.fromkeys(("SWAGGER_UI_DIST", "SWAGGER_UI_FAVICON_HREF", "REDOC_DIST"), "SIDECAR"),
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "diklat.api_schema.refuse_unknown_fields",
    ],
    # Several models have a "status" field with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.models.ChangeProject.Status",
        "MilestoneStatusEnum": "projects.models.Milestone.Status",
        "SessionStatusEnum": "assessments.models.SeminarSession.Status",
        "FeedbackStatusEnum": "assessments.models.FeedbackItem.Status",
        "InnovationStageEnum": "rollout.models.Innovation.Stage",
        "AdoptionStageEnum": "rollout.models.Adoption.Stage",
        "AdoptionEvidenceKindEnum": "rollout.models.Adoption.EvidenceKind",
        "SeminarKindEnum": "assessments.models.SeminarKind",
        "SessionAbsenceKindEnum": "assessments.models.SessionAbsence.Kind",
        "BudgetStageEnum": "projects.models.BudgetStage",
        "SignatoryRoleEnum": "projects.models.Signatory.Role",
        "RoleEnum": "mentors.roles.Role",
        **EVENT_ENUM_NAME_OVERRIDES,  # noqa: F405
    },
    # No call to the public validator: the docs page talks to this site only (CSP connect/img 'self').
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
}

# The change history (django-simple-history): a reason may be a mentor's whole comment, so a text field;
# no "revert" from the admin, which would write past the services' rules.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"timed": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "timed"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # Logins, logouts, failures and lockouts (diklat.security_log), whatever the general level.
    "loggers": {"diklat.security": {"level": os.environ.get("SECURITY_LOG_LEVEL", "INFO")}},
}
