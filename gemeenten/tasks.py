from celery import shared_task

from gemeenten.services import contactpersonen_opschonen


@shared_task
def contactpersonen_opschonen_task() -> int:
    """Daily: the municipalities' contacts go once the programme has ended for the configured time."""
    return contactpersonen_opschonen()
