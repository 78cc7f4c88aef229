"""Putting work on the Celery queue from a request or a task, without letting an unreachable
broker (Redis down, a network hiccup) become the user's error.

The work itself is always stored first (a report run ``wachtend``, a mail run with its rows), so a
task that could not be queued is not lost: it is logged, and a sweep on the beat queues what is
still waiting (``rapportage.tasks.wachtende_rapporten_task``, the daily resume of mail runs).
"""

import logging

import kombu.exceptions
from django.db import transaction

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot be reached (after Celery's own publish retries).
BROKER_ONBEREIKBAAR = (kombu.exceptions.OperationalError, ConnectionError)


def in_wachtrij(taak, *args) -> bool:
    """Queue ``taak`` with ``args`` now; False (logged) when the broker cannot be reached."""
    try:
        taak.delay(*args)
    except BROKER_ONBEREIKBAAR:
        logger.warning(
            "Wachtrij onbereikbaar: %s%r wacht op de volgende ronde", taak.name, args, exc_info=True
        )
        return False
    return True


def na_commit_in_wachtrij(taak, *args) -> None:
    """Queue ``taak`` with ``args`` once the current transaction has committed (a worker must find
    what the transaction stored), as ``in_wachtrij`` does."""
    transaction.on_commit(lambda: in_wachtrij(taak, *args))
