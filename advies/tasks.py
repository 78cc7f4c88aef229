from celery import shared_task

from advies.services import adviseur_accounts_bijwerken


@shared_task
def adviseur_accounts_bijwerken_task() -> int:
    """Daily: moves and ends planned for today take effect on the advisers' accounts."""
    return adviseur_accounts_bijwerken()
