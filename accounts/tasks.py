from celery import shared_task

from accounts.aanmeldpogingen import aanmeldpogingen_opschonen
from accounts.audit import audit_opschonen


@shared_task
def audit_opschonen_task() -> int:
    """Daily: audit entries older than the retention period (AUDIT_BEWAARTERMIJN_DAGEN) go."""
    return audit_opschonen()


@shared_task
def aanmeldpogingen_opschonen_task() -> int:
    """Hourly: django-axes' login attempts whose lockout is over (AXES_COOLOFF_HOURS) go."""
    return aanmeldpogingen_opschonen()
