"""Settings for the test suite: the real settings, with fast hashing and mail kept in memory."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from goedvoorelkaar.settings import *  # noqa: E402, F403
from goedvoorelkaar.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A Celery worker started by the tests is given the same folder (see conftest.celery_worker).
MEDIA_ROOT = os.environ.get("GVE_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="gve-media-")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
