import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goedvoorelkaar.settings")
application = get_wsgi_application()

# Import every view (and with them matplotlib, pandas and numpy) while the worker starts, not during
# its first request: that request used to take about 0.75 s longer, in every gunicorn worker.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 - the import is the point
