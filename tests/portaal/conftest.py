"""The start pages use the other apps' fixtures for submitted metingen and logged sessions."""

from tests.advies.conftest import loggen, nulmeting_indienen
from tests.nulmeting.conftest import indienen

__all__ = ["indienen", "loggen", "nulmeting_indienen"]
