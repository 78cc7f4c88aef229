from celery import shared_task

from accounts.audit import audit_opschonen


@shared_task
def audit_opschonen_task() -> int:
    """Daily: audit entries older than the retention period (AUDIT_BEWAARTERMIJN_DAGEN) go."""
    return audit_opschonen()
