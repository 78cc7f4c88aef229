import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _controleer_redis() -> str:

    redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    return "ok"


@never_cache
def health(request):
    """Liveness for load balancers: the database answers, and Redis when it is configured."""
    status: dict[str, str] = {}
    gezond = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        status["database"] = f"fout: {exc.__class__.__name__}"
        gezond = False
    if settings.REDIS_URL:
        try:
            status["redis"] = _controleer_redis()
        except Exception as exc:  # noqa: BLE001
            status["redis"] = f"fout: {exc.__class__.__name__}"
            gezond = False
    else:
        status["redis"] = "niet geconfigureerd"
    status["status"] = "ok" if gezond else "fout"
    return JsonResponse(status, status=200 if gezond else 503)
