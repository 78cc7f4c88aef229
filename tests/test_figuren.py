"""The toolkit's charts: plain lists and labels in, an accessible SVG out, numbers in Dutch."""

import datetime
import re

from toolkit import figuren

MAANDEN = [datetime.date(2009, 11, 1), datetime.date(2009, 12, 1), datetime.date(2010, 1, 1)]


def test_a_monthly_course_prints_its_marked_totals_in_dutch():
    svg = figuren.maandverloop(
        MAANDEN,
        [359, 500, 500],
        [359, 859, 1359],
        {datetime.date(2009, 12, 31): 859, datetime.date(2010, 1, 31): 1359},
        titel="Gesprekken",
        namen=("Opgeteld", "Per maand"),
        ylabel="Aantal",
        leeg="Niets",
    )
    assert svg.startswith('<svg role="img" aria-label="Gesprekken"')
    assert "1.359" in svg and "Opgeteld" in svg and "Per maand" in svg and "Niets" not in svg


def test_an_empty_monthly_course_says_so():
    svg = figuren.maandverloop(
        [], [], [], {}, titel="Gesprekken", namen=("Opgeteld", "Per maand"), ylabel="Aantal", leeg="Niets"
    )
    assert "Niets" in svg and "Opgeteld" not in svg


def test_shares_label_only_the_parts_there_are():
    svg = figuren.aandelen_staaf([3, 1, 0], ["Een\n75%", "Twee\n25%", "Drie\n0%"], titel="Delen", aslabel="%")
    assert "Een" in svg and "Twee" in svg and "Drie" not in svg


def test_bars_carry_their_labels():
    svg = figuren.staven(["2009 K1", "2009 K2"], [3, 12], "Per kwartaal", "Gesprekken")
    assert "2009 K2" in svg and 'aria-label="Per kwartaal"' in svg


def test_a_figure_is_as_wide_as_its_container_and_never_wider_than_drawn():
    svg = figuren.staven(["2009 K1", "2009 K2"], [3, 12], "Per kwartaal", "Gesprekken")
    wortel = svg[: svg.index(">") + 1]
    assert 'width="100%"' in wortel and "viewBox=" in wortel
    assert not re.search(r'\sheight="|\swidth="[\d.]+pt"', wortel)  # no fixed size
    assert figuren.schaalbaar('<svg x="1" width="540.5pt" height="20pt" viewBox="0 0 540.5 20">') == (
        '<svg x="1" width="100%" style="max-width: 540.5pt" viewBox="0 0 540.5 20">'
    )


def test_a_rounds_weekly_bars_have_an_axis_of_their_own():
    """A few submissions a week stay visible beside a running total that climbs to 415: the bars
    are read on the right axis ("Per week", up to about twice the largest week), the line on the
    left."""
    weken = [datetime.date(2026, 11, 2) + datetime.timedelta(days=7 * i) for i in range(5)]
    svg = figuren.cumulatief_per_periode(
        weken, [3, 7, 2, 12, 1], [3, 10, 12, 24, 25], eenheid="week", doel=415, titel="Ingediend per week"
    )
    teksten = re.findall(r">([^<>]+)</text>", svg)
    assert "Per week" in teksten and "Gemeenten (opgeteld)" in teksten
    assert "Ingediend in de week (rechts)" in teksten and "Ingediend (opgeteld, links)" in teksten
    assert {"25", "400"} <= set(teksten)  # the right axis ends near 2 × 12, the left past 415
