from celery import shared_task

from api.services import sleutelgebruik_opschonen


@shared_task
def sleutelgebruik_opschonen_task() -> int:
    """Nightly: the log of API requests past its retention (API_GEBRUIK_BEWAREN_DAGEN) goes."""
    return sleutelgebruik_opschonen()
