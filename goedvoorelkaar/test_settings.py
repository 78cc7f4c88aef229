"""Settings for the test suite: the real settings, with fast hashing and mail kept in memory."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from goedvoorelkaar.settings import *  # noqa: E402, F403
from goedvoorelkaar.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A Celery worker started by the tests sends through the tests' own SMTP server on loopback
# (see conftest.smtp_server), so mail it sends can be read back.
if os.environ.get("GVE_TEST_EMAIL_URL"):
    vars().update(env.email_url("GVE_TEST_EMAIL_URL"))  # noqa: F405
# A Celery worker started by the tests is given the same folder (see conftest.celery_worker).
MEDIA_ROOT = os.environ.get("GVE_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="gve-media-")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
# Tests see a change on the dashboard maps at once; tests/test_dashboard_kaarten.py switches the
# production lag on where it tests it.
DASHBOARD_KAARTEN_SECONDEN = 0

# Parallel test processes (pytest-xdist) each get their own Redis database, so a Celery worker
# started by one process never picks up another's task (each has its own test database).
_XDIST = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST.startswith("gw"):  # noqa: F405
    _basis, _, _db = REDIS_URL.rpartition("/")  # noqa: F405
    REDIS_URL = f"{_basis}/{(int(_db) if _db.isdigit() else 0) + 1 + int(_XDIST[2:])}"
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
