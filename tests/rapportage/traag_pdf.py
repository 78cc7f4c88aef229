"""Loaded only into the Celery worker of the crash test (celery worker --include): the PDF step
pauses long enough for the test to kill the worker in the middle of a report build."""

import time

from rapportage import weergave

_echt = weergave.pdf


def _traag(html: str) -> bytes:
    time.sleep(60)
    return _echt(html)


weergave.pdf = _traag
