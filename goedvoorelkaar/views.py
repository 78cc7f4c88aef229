from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.permissions import zichtbare_gemeenten, zichtbare_rondes
from gemeenten import selectors
from goedvoorelkaar import programmakaarten
from rondes import selectors as rondes_selectors
from rondes.models import Ronde


@login_required
def dashboard(request):
    user = request.user
    vandaag = timezone.localdate()
    context = {"vandaag": vandaag}
    if user.is_gemeente:
        context["gemeente"] = user.gemeente
        context["deelnames"] = rondes_selectors.deelnames_van_gemeente(user.gemeente)
        template = "dashboard/gemeente.html"
    else:
        context["rondes"] = rondes_selectors.rondes_met_voortgang(
            zichtbare_rondes(user).filter(pk__in=Ronde.objects.open_op(vandaag)), zichtbare_gemeenten(user)
        )
        context["per_provincie"] = selectors.aantal_per_provincie(zichtbare_gemeenten(user), vandaag)
        context["organisatie"] = user.organisatie if user.is_adviseur else None
        context.update(programmakaarten.dashboard_kaarten(user, vandaag))
        template = "dashboard/adviseur.html" if user.is_adviseur else "dashboard/coordinator.html"
    return render(request, template, context)


def _controleer_redis() -> str:
    import redis

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
