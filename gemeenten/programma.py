"""The programme's span in time: the one place that says which dates are plausible.

*Goed voor Elkaar* ran from 2009; a date before that, or, for what is planned (a round's opening
and closing, an adviser's start or end in the pool), later than a planning horizon ahead is a
typing error. Every form field and import cell of such a date uses these ranges
(``toolkit.invoer.DatumBereik``). That what has happened (a session held, a report's peildatum)
lies no later than today is the rule of its service, which says why in its own words.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from toolkit.invoer import DatumBereik

PROGRAMMA_START = datetime.date(2009, 1, 1)
PROGRAMMA_EINDE = datetime.date(2012, 12, 31)
BEGIN = "het begin van het programma"


def binnen_programma(datum: datetime.date) -> datetime.date:
    """``datum``, or the nearest day of the programme (2009–2012) when it lies outside: a form's
    default for a period to report on."""
    return min(max(datum, PROGRAMMA_START), PROGRAMMA_EINDE)


def _horizon() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=settings.DATUM_HORIZON_DAGEN)


# What has happened: from the programme's start (up to today: the service's rule).
VANAF_BEGIN = DatumBereik(PROGRAMMA_START, None, waarom_vanaf=BEGIN)
# What is planned: from the programme's start up to the horizon ahead.
TOT_HORIZON = DatumBereik(
    PROGRAMMA_START,
    _horizon,
    waarom_vanaf=BEGIN,
    waarom_tot="verder vooruit wordt niet gepland",
)
