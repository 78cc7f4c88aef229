"""Dutch numbers in reports and maps, through Django's number formatting."""

from decimal import Decimal

import pytest
from django.utils import translation

from toolkit.getallen import nl_getal, nl_uren, zonder_nullen


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        (1359, "1.359"),
        (2.5, "2,5"),
        (1234567, "1.234.567"),
        (3692.0, "3.692"),
        (7.03, "7,0"),
        (2.96, "3,0"),
        (1234.56, "1.234,6"),
        (-1234, "-1.234"),
        (-2.5, "-2,5"),
        (0, "0"),
        (None, "–"),
        (float("nan"), "–"),
    ],
)
def test_numbers_read_as_in_dutch(waarde, tekst):
    assert nl_getal(waarde) == tekst


def test_the_format_is_djangos_for_the_active_language():
    with translation.override("en"):
        assert nl_getal(1359.5) == "1,359.5"


def test_hours_read_as_typed_with_as_many_decimals_as_they_have():
    assert [nl_uren(Decimal(x)) for x in ("2.00", "2.50", "4.25", "10", "0.75")] == [
        "2",
        "2,5",
        "4,25",
        "10",
        "0,75",
    ]
    assert str(zonder_nullen(Decimal("10.00"))) == "10"  # not 1E+1
