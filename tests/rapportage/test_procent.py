"""The reports round percentages by the nulmeting's one rule, for single numbers and columns."""

import pandas as pd

from nulmeting import selectors as nulmeting_selectors
from rapportage import selectors as s


def test_a_column_is_rounded_by_the_rule_for_single_numbers():
    deel = pd.Series([1, 3, 5, 1, 0], index=[10, 11, 12, 13, 14])
    geheel = pd.Series([8, 8, 8, 200, 7], index=deel.index)
    uitkomst = s.procent(deel, geheel)
    per_getal = [nulmeting_selectors.procent(d, g) for d, g in zip(deel, geheel, strict=True)]
    assert uitkomst.tolist() == per_getal == [13, 38, 63, 1, 0]
    assert uitkomst.dtype == "Int64" and list(uitkomst.index) == list(deel.index)


def test_a_column_against_one_total_and_without_a_base():
    assert s.procent(pd.Series([1, 1, 2]), 4).tolist() == [25, 25, 50]
    assert s.procent(pd.Series([0, 1]), pd.Series([0, 4])).tolist() == [pd.NA, 25]
    assert s.procent(pd.Series([], dtype=int), 0).empty
    assert (s.procent(1, 8), s.procent(0, 0)) == (13, None)
