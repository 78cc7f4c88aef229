"""Numbers as Dutch text, formatted by Django for the active language (with ``nl``: 1.359 and 2,5)."""

import math
from decimal import Decimal

from django.utils.formats import number_format

GEEN = "–"


def nl_getal(waarde: float | None) -> str:
    """A whole number with its thousands grouped, another number rounded to one decimal, and a
    dash for no number (None or NaN)."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return GEEN
    if isinstance(waarde, float) and not waarde.is_integer():
        # number_format cuts decimals off; rounding first prints 2.96 as 3,0, not 2,9.
        return number_format(round(float(waarde), 1), decimal_pos=1, force_grouping=True)
    return number_format(int(waarde), force_grouping=True)


def zonder_nullen(waarde: Decimal) -> Decimal:
    """``waarde`` without trailing zeros after the comma (2.50 → 2.5, 4.00 → 4; hours are stored
    with two decimals for quarter hours, but read as they were typed)."""
    if waarde == waarde.to_integral_value():
        return waarde.quantize(Decimal(1))
    return waarde.normalize()


def nl_uren(waarde: Decimal | None) -> str:
    """Hours as Dutch text with as many decimals as they have: 2, 2,5, 4,25."""
    if waarde is None:
        return GEEN
    kort = zonder_nullen(Decimal(waarde))
    return number_format(kort, decimal_pos=max(0, -kort.as_tuple().exponent))
