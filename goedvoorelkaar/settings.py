"""Settings, read from the environment.

With nothing set the app runs on SQLite, Celery tasks run in-process and e-mail goes to the
console. ``DATABASE_URL`` and ``REDIS_URL`` switch to PostgreSQL and Redis. Outside DEBUG there
is no default secret: a deployment without ``SECRET_KEY`` refuses to start.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (written by `make run`) fills in what the environment does not set.
ENV_FILE = os.environ.get("GVE_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).exists():
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="dev-only-not-secret")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "goedvoorelkaar.errors.formulier_verlopen"

INSTALLED_APPS = [
    "goedvoorelkaar.apps.BeheerConfig",  # Django's admin, for staff only (goedvoorelkaar/beheer.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "simple_history",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "corsheaders",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "importen",
    "accounts",
    "gemeenten",
    "nulmeting",
    "advies",
    "rapportage",
    "rondes",
    "portaal",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "api.middleware.ApiVersie",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A logged-in user reaches nothing but the second-factor pages until a device is verified.
    "accounts.middleware.TweedeFactorVereist",
    "accounts.middleware.DownloadsVastleggen",
    "goedvoorelkaar.middleware.NietBewaren",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "goedvoorelkaar.urls"
WSGI_APPLICATION = "goedvoorelkaar.wsgi.application"

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
                "accounts.context_processors.navigation",
            ],
            "builtins": ["toolkit.sjabloonfilters"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portaal:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
UITNODIGING_GELDIG_DAGEN = 14
# Second factor (django-otp, decision 0020): the issuer an authenticator app shows, how many
# recovery codes an account gets, and the back-off after wrong codes (seconds, doubling).
OTP_TOTP_ISSUER = "Goed voor Elkaar"
# Passkeys (django-otp-webauthn) as a second factor beside the app: after the password, never
# instead of it. The relying party is the host the app is served on; the origins a browser may
# sign for are PASSKEY_ORIGINS, or the request's own origin (a host ALLOWED_HOSTS accepted).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "Goed voor Elkaar"
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
PASSKEY_ORIGINS = env.list("PASSKEY_ORIGINS", default=[])
# The relying party and origins come from ``accounts.passkeys.PasskeyHelper``, not these settings.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E010", "otp_webauthn.E030"]
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
HERSTELCODES_AANTAL = 10
# The audit trail (accounts/audit.py, decision 0021) keeps its entries this many days (3 years),
# and contacts of municipalities are removed CONTACTEN_BEWAREN_DAGEN after the programme's end
# (PROGRAMMA_EINDE, an ISO date; unset while the programme runs, and nothing is removed).
AUDIT_BEWAARTERMIJN_DAGEN = env.int("AUDIT_BEWAARTERMIJN_DAGEN", default=3 * 365 + 1)
PROGRAMMA_EINDE = env("PROGRAMMA_EINDE", default="")
CONTACTEN_BEWAREN_DAGEN = env.int("CONTACTEN_BEWAREN_DAGEN", default=365)
# How far ahead a planned date may lie: a round's opening and closing (also when reopened), an
# adviser's start or end in the pool. Dates before the programme (2009) are refused too
# (gemeenten/programma.py, decision 0016).
DATUM_HORIZON_DAGEN = env.int("DATUM_HORIZON_DAGEN", default=366)
# The disclosure rule of the figures about other municipalities (decision 0022): a share only when
# at least this many municipalities are on either side, and a figure only moves when at least this
# many changed compared with every figure shown before.
SPIEGEL_MINIMUM_N = 5
# The dashboard maps of one scope (the country, or one CMO's provinces) are drawn once per this
# many seconds (by a Celery worker when there is one), however often sessions are logged
# meanwhile; the page says when. 0 draws them on every change (decision 0010).
DASHBOARD_KAARTEN_SECONDEN = env.int("DASHBOARD_KAARTEN_SECONDEN", default=60)

# Repeated wrong passwords for one account from one address are locked out for a while, and so
# is one address trying many accounts (AXES_ADRES_LIMIET failures over all of them; the handler
# accounts/aanmeldpogingen.py). Attempts during a lockout do not restart it: whoever shares the
# address cannot keep an account locked for good (decision 0015).
AXES_HANDLER = "accounts.aanmeldpogingen.Aanmeldpogingen"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADRES_LIMIET = env.int("AXES_ADRES_LIMIET", default=20)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # the order the handler reads
# The login form posts the address as "username" (Django's AuthenticationForm), not as "email".
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
# The audit trail records every login and failed login (accounts/signalen.py), so axes keeps no
# log of its own; its attempts are removed once their lockout is over (decision 0021).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the peer is the
# client). The lockout, the audit trail and the API log read the address alike (decision 0029).
VERTROUWDE_PROXIES = env.int("VERTROUWDE_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "toolkit.clientadres.client_adres"

LANGUAGE_CODE = "nl"
# Dutch only: a browser set to English still gets Dutch messages, month names and number formats.
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Dates typed into forms are read as the imports read them (toolkit/datums.py).
FORMAT_MODULE_PATH = ["goedvoorelkaar.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
WHITENOISE_USE_FINDERS = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise as they are.
WHITENOISE_ROOT = BASE_DIR / "static" / "wortel"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# What an import reads at most, checked before the file is parsed and while it is read
# (toolkit/tabular.py, decision 0014): an XLSX's members unpacked together, how many times its
# packed size one member may unpack to (Apache POI's default too), its worksheets, and rows and
# cells of the sheet or CSV read. Set from measured reading costs; see the decision.
IMPORT_MAX_UITGEPAKT_BYTES = env.int("IMPORT_MAX_UITGEPAKT_BYTES", default=50 * 1024 * 1024)
IMPORT_MAX_VERHOUDING = env.int("IMPORT_MAX_VERHOUDING", default=100)
IMPORT_MAX_BLADEN = env.int("IMPORT_MAX_BLADEN", default=20)
IMPORT_MAX_RIJEN = env.int("IMPORT_MAX_RIJEN", default=10_000)
# A larger upload is imported by a worker, its page showing how far it got (decision 0028).
IMPORT_DIRECT_TOT_BYTES = env.int("IMPORT_DIRECT_TOT_BYTES", default=256 * 1024)
IMPORTRUNS_BEWAREN_DAGEN = env.int("IMPORTRUNS_BEWAREN_DAGEN", default=30)
# The log of API requests (with the address each came from) is kept this long.
API_GEBRUIK_BEWAREN_DAGEN = env.int("API_GEBRUIK_BEWAREN_DAGEN", default=90)
IMPORT_MAX_CELLEN = env.int("IMPORT_MAX_CELLEN", default=150_000)
# Tags in the parts of an XLSX that openpyxl parses whole on opening it (shared strings, styles).
IMPORT_MAX_XML_TAGS = env.int("IMPORT_MAX_XML_TAGS", default=1_000_000)

# Django's renderer, with selects built in Python (the same HTML, a fraction of the time).
FORM_RENDERER = "toolkit.formweergave.SnelleWeergave"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
    # A task whose worker died unacknowledged is handed out again after this many seconds; it
    # must exceed the longest report build.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 12 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "adviseur-accounts-bijwerken": {
        "task": "advies.tasks.adviseur_accounts_bijwerken_task",
        "schedule": 60 * 60 * 6,
    },
    "audit-opschonen": {
        "task": "accounts.tasks.audit_opschonen_task",
        "schedule": crontab(hour=3, minute=0),
    },
    "aanmeldpogingen-opschonen": {
        "task": "accounts.tasks.aanmeldpogingen_opschonen_task",
        "schedule": crontab(minute=20),
    },
    "contactgegevens-opschonen": {
        "task": "portaal.tasks.contactgegevens_opschonen_task",
        "schedule": crontab(hour=3, minute=30),
    },
    "herinneringen-versturen": {
        "task": "rondes.tasks.herinneringen_versturen_task",
        "schedule": crontab(hour=9, minute=0),
    },
    # Every morning, so a 1st of the month the beat missed is caught up the next day (none twice).
    "geplande-rapporten": {
        "task": "rapportage.tasks.geplande_rapporten_task",
        "schedule": crontab(hour=6, minute=0),
    },
    # Report runs whose build was never queued (the broker was away) or got lost.
    "wachtende-rapporten": {
        "task": "rapportage.tasks.wachtende_rapporten_task",
        "schedule": 15 * 60,
    },
    "api-gebruik-opschonen": {
        "task": "api.tasks.sleutelgebruik_opschonen_task",
        "schedule": crontab(hour=3, minute=45),
    },
    # Queued imports: never queued, or whose worker died; finished ones past their retention.
    "importruns-bijhouden": {
        "task": "importen.tasks.importruns_bijhouden_task",
        "schedule": 15 * 60,
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Goed voor Elkaar <noreply@goedvoorelkaar.nl>")
EMAIL_REPLY_TO = env("EMAIL_REPLY_TO", default="")
# Where visitors report a problem, named on the accessibility statement (/toegankelijkheid).
CONTACT_EMAIL = env("CONTACT_EMAIL", default="toegankelijkheid@goedvoorelkaar.nl")
# The site's own address, for links in mail sent without a request (the daily reminders).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # Only ever off for a measurement over plain http on the loopback (make load).
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The open API under /api/v1/ (decision 0018): Django REST framework with drf-spectacular. A token
# belongs to a user and sees what that user sees; errors are problem+json in Dutch; every list pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authenticatie.SleutelAuthenticatie",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["api.filters.StrikteFilters"],
    "DEFAULT_PAGINATION_CLASS": "api.paginering.Paginering",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problemen.als_probleem",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}
API_VERSIE = "1.0.0"
# How long a token may live at most, and by default (days).
API_SLEUTEL_MAX_DAGEN = env.int("API_SLEUTEL_MAX_DAGEN", default=365)
API_SLEUTEL_STANDAARD_DAGEN = 90
# The open figures of a peildatum, once computed, are kept this long (seconds); as known on a day
# already past they cannot change, so those are kept a day.
API_CIJFERS_CACHE_SECONDEN = env.int("API_CIJFERS_CACHE_SECONDEN", default=300)
SPECTACULAR_SETTINGS = {
    "TITLE": "Goed voor Elkaar API",
    "DESCRIPTION": (
        "De cijfers van het programma Goed voor Elkaar: gemeenten door de tijd, metingen en scores "
        "(voor wie ze mag zien), rondes, rapporten, en open cijfers per provincie en landelijk."
    ),
    "VERSION": API_VERSIE,
    "CONTACT": {
        "name": "MOVISIE, programma Goed voor Elkaar",
        "email": "api@goedvoorelkaar.nl",
        "url": "https://www.movisie.nl",
    },
    "LICENSE": {"name": "CC0 1.0 (de open cijfers)"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "HerindelingSoortEnum": "gemeenten.models.Herindeling.Soort",
        "RapportSoortEnum": "rapportage.models.Rapport.Soort",
    },
}
# Cross-origin reads only of the open figures, so a portal's page can fetch them (decision 0018).
CORS_URLS_REGEX = r"^/api/v1/cijfers/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["API-Version"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "matplotlib": {"level": "WARNING"},
    },
}
