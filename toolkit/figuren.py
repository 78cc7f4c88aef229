"""Figures as SVG text, drawn with matplotlib, for HTML pages and WeasyPrint PDFs alike.

Text stays text in the SVG (searchable, sharp in print), and ids are stable so the same data
gives the same file.
"""

import calendar
import datetime
import hashlib
import io
import json
import logging
import re
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

import matplotlib
import matplotlib.dates as mdates
from django.core.cache import cache

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from toolkit.getallen import nl_getal  # noqa: E402

# Colour-blind-safe (Okabe–Ito) colours, dark enough against white for WCAG non-text contrast.
BLAUW = "#0072B2"
ORANJE = "#D55E00"
GROEN = "#009E73"
GRIJS = "#6c757d"
ARCERINGEN = ("", "////", "....", "xxxx")  # per series: told apart also in black and white
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
KORT_VERLOOP_MAANDEN = 24

plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "goedvoorelkaar",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

logger = logging.getLogger(__name__)
T = TypeVar("T")
CACHE_SECONDEN = 24 * 60 * 60
# Part of every cache key: a change to the drawing code or to matplotlib never serves an old drawing.
VERSIE = hashlib.sha256(Path(__file__).read_bytes() + matplotlib.__version__.encode()).hexdigest()[:12]


def als_svg(figuur) -> str:
    """The figure as an ``<svg>`` element (no XML prolog) with unique ids, and the figure closed.

    The element is an image to assistive technology, named by the figure's title
    (``role="img"`` and ``aria-label``), so a screen reader announces one figure instead of
    reading out every tick label; the pages give the same numbers in a table next to it."""
    naam = " ".join(t for as_ in figuur.axes if (t := as_.get_title(loc="left") or as_.get_title()))
    svg = svg_tekst(figuur).replace("<svg", f'<svg role="img" aria-label="{escape(naam or "Figuur")}"', 1)
    return uniek_ids(svg)


def svg_tekst(figuur) -> str:
    """The figure as matplotlib writes it, from ``<svg`` on, scalable (``schaalbaar``), and the
    figure closed; for callers that edit the SVG (by the ids matplotlib gives artists) before
    ``uniek_ids``."""
    buffer = io.StringIO()
    figuur.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figuur)
    tekst = buffer.getvalue()
    return schaalbaar(tekst[tekst.index("<svg") :])


_MAAT = re.compile(r'<svg\b([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"')


def schaalbaar(svg: str) -> str:
    """The SVG as wide as its container, never wider than drawn, its height following from the
    viewBox: matplotlib writes a fixed size in points, which made a page wider than a phone.
    (An inline ``style`` holds the drawn width; the CSP allows styles, decision 0003.)"""
    return _MAAT.sub(
        lambda m: f'<svg{m.group(1)} width="100%" style="max-width: {float(m.group(2)):.1f}pt"', svg, count=1
    )


def gecached(soort: str, invoer, maak: Callable[[], T], *, seconden: int = CACHE_SECONDEN) -> T:
    """What ``maak()`` draws, kept in Django's cache (Redis when configured) under a key made of
    everything it is drawn from and of this module and matplotlib's version, so the same data is
    drawn once and changed data or code is drawn anew. An unreachable cache means drawing again."""
    inhoud = json.dumps([VERSIE, invoer], default=str, sort_keys=True).encode()
    sleutel = f"{soort}:{hashlib.sha256(inhoud).hexdigest()}"
    bewaard = uit_cache(sleutel)
    if bewaard is not None:
        return bewaard
    resultaat = maak()
    in_cache(sleutel, resultaat, seconden)
    return resultaat


def uit_cache(sleutel: str):
    """The cached value, or None when it is not there or the cache cannot be reached."""

    try:
        return cache.get(sleutel)
    except Exception:  # noqa: BLE001 - a figure is drawn without the cache rather than not at all
        logger.warning("Cache niet bereikbaar voor %s", sleutel, exc_info=True)
        return None


def in_cache(sleutel: str, waarde, seconden: int) -> None:

    try:
        cache.set(sleutel, waarde, seconden)
    except Exception:  # noqa: BLE001
        logger.warning("%s niet in de cache gezet", sleutel, exc_info=True)


def uniek_ids(svg: str) -> str:
    """Prefix every id in ``svg`` (and the references to them) with one derived from its content,
    so several figures in one HTML page or PDF never share an id."""
    voorvoegsel = "f" + hashlib.sha1(svg.encode()).hexdigest()[:8] + "-"
    svg = re.sub(r'\bid="', f'id="{voorvoegsel}', svg)
    svg = re.sub(r"url\(#", f"url(#{voorvoegsel}", svg)
    return re.sub(r'href="#', f'href="#{voorvoegsel}', svg)


def percentage_staven(
    labels: list[str],
    reeksen: dict[str, list[float | None]],
    titel: str,
    markeringen: list[str] | None = None,
) -> str:
    """Horizontal bars per label, one bar per series, values 0–100 with the value printed.

    Each label stands above its bars rather than beside them, so the figure is narrow (5.2 inches)
    and its text stays readable when it is scaled down to a phone. ``markeringen`` adds a text mark
    per label (for instance 'goed' / 'niet goed' of the own municipality) so the figure never
    relies on colour alone; each series after the first is hatched, so the series stay apart when
    printed in black and white.
    """
    kleuren = [BLAUW, ORANJE, GROEN, GRIJS]
    aantal = max(len(reeksen), 1)
    staaf = 0.22  # inches per bar
    kop = 0.24  # inches for the label above a group of bars
    groep = aantal * staaf + kop + 0.12
    figuur, as_ = plt.subplots(figsize=(5.2, groep * len(labels) + 0.9))
    for i, (naam, waarden) in enumerate(reeksen.items()):
        posities = [j * groep + kop + (i + 0.5) * staaf for j in range(len(labels))]
        getallen = [w if w is not None else 0 for w in waarden]
        staven = as_.barh(
            posities,
            getallen,
            height=staaf * 0.85,
            color=kleuren[i % len(kleuren)],
            hatch=ARCERINGEN[i % len(ARCERINGEN)],
            edgecolor="white",
            linewidth=0,
            label=naam,
        )
        for balk, waarde in zip(staven, waarden, strict=True):
            tekst = "–" if waarde is None else f"{waarde:.0f}%"
            as_.text(
                balk.get_width() + 1, balk.get_y() + balk.get_height() / 2, tekst, va="center", fontsize=8
            )
    for j, label in enumerate(labels):
        tekst = label if not markeringen else f"{label} ({markeringen[j]})"
        as_.text(0, j * groep + kop - 0.04, tekst, va="bottom", ha="left", fontsize=10)
    as_.set_yticks([])
    as_.spines["left"].set_visible(False)
    as_.set_ylim(groep * len(labels), 0)
    as_.set_xlim(0, 110)
    as_.set_xticks(range(0, 101, 20))
    as_.set_xlabel("% gemeenten 'goed voor elkaar'")
    # The title, under it the legend, then the bars.
    as_.legend(
        loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2, ncols=aantal, frameon=False, fontsize=8
    )
    as_.set_title(titel, loc="left", fontsize=10, pad=20)
    return als_svg(figuur)


def cumulatief_per_periode(
    perioden: list, nieuw: list[int], cumulatief: list[int], *, eenheid: str, doel: int, titel: str
) -> str:
    """Submissions per week (or month) as bars on an axis of their own (right), their running
    total as a line with its value at the end (left axis), against a dashed line at the size of
    the target group."""

    figuur, as_ = plt.subplots(figsize=(5.2, 2.8))  # narrow: readable when scaled to a phone
    dagen = 7 if eenheid == "week" else 30
    handvatten = []
    if perioden:
        # The bars on an axis of their own (right): a week's few submissions stay visible beside a
        # running total that climbs to the size of the target group.
        per_periode = as_.twinx()
        per_periode.spines["right"].set_visible(True)
        staven = per_periode.bar(
            perioden,
            nieuw,
            width=dagen * 0.75,
            align="edge",
            color=ORANJE,
            alpha=0.85,
            label=f"Ingediend in de {eenheid} (rechts)",
        )
        per_periode.set_ylim(0, max(max(nieuw, default=0), 1) * 2.2)  # the bars in the lower half
        per_periode.set_ylabel(f"Per {eenheid}")
        per_periode.yaxis.get_major_locator().set_params(integer=True)
        per_periode.tick_params(axis="y", labelsize=7)
        as_.set_zorder(per_periode.get_zorder() + 1)  # the line over the bars
        as_.patch.set_visible(False)
        handvatten.append(staven)
        midden = [p + datetime.timedelta(days=dagen // 2) for p in perioden]
        (lijn,) = as_.plot(
            midden,
            cumulatief,
            color=BLAUW,
            linewidth=2,
            marker="o",
            markersize=3,
            label="Ingediend (opgeteld, links)",
        )
        handvatten.insert(0, lijn)
        as_.annotate(
            f"{cumulatief[-1]}",
            xy=(midden[-1], cumulatief[-1]),
            xytext=(5, 3),
            textcoords="offset points",
            fontsize=8,
        )
        stap = max(1, -(-len(perioden) // 6))  # at most about six labels: the figure is narrow
        if eenheid == "week":
            as_.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=stap))
            as_.xaxis.set_major_formatter(_datumlabel(lambda d: f"{d.day}-{d.month}"))
        else:
            as_.xaxis.set_major_locator(mdates.MonthLocator(interval=stap))
            as_.xaxis.set_major_formatter(_datumlabel(lambda d: f"{d.month}-{d.year}"))
        as_.set_xlim(
            perioden[0] - datetime.timedelta(days=1), perioden[-1] + datetime.timedelta(days=dagen + 1)
        )
        as_.tick_params(axis="x", labelsize=7)
        as_.set_xlabel("Week vanaf maandag" if eenheid == "week" else "Maand")
    else:
        as_.text(0.5, 0.5, "Nog geen inzendingen", ha="center", va="center", transform=as_.transAxes)
    if doel:
        handvatten.append(
            as_.axhline(doel, color=GRIJS, linestyle="--", linewidth=1, label=f"Doelgroep ({doel} gemeenten)")
        )
    as_.set_ylim(0, max(doel, max(cumulatief, default=0), 1) * 1.12)
    as_.set_ylabel("Gemeenten (opgeteld)")
    # The legend between the title and the plot, where it covers no bar or line.
    if handvatten:
        as_.legend(
            handles=handvatten,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            borderaxespad=0.2,
            ncols=2,
            frameon=False,
            fontsize=8,
        )
    as_.set_title(titel, loc="left", fontsize=10, pad=34)
    as_.grid(axis="y", color="#dee2e6", linewidth=0.6)
    return als_svg(figuur)


def _datumlabel(tekst: Callable[[datetime.datetime], str]) -> FuncFormatter:
    """Tick labels in the product's date format (3-12, no leading zeros)."""
    return FuncFormatter(lambda waarde, _: tekst(mdates.num2date(waarde)))


def maandverloop(
    maanden: list[datetime.date],
    aantallen: list[int],
    cumulatief: list[int],
    markeringen: dict[datetime.date, int],
    *,
    titel: str,
    namen: tuple[str, str],
    ylabel: str,
    leeg: str,
) -> str:
    """The running total as a step line (upper panel, the total printed at each marked date) and
    the counts per month as bars on their own axis below it, so a month of 40 does not look flat
    next to a total of 1.400; ``namen`` titles the two panels, ``leeg`` fills an empty figure."""
    if not maanden:
        figuur, as_ = plt.subplots(figsize=(7.5, 2.0))
        as_.text(0.5, 0.5, leeg, ha="center", va="center", transform=as_.transAxes)
        as_.set_ylabel(ylabel)
        as_.set_title(titel, loc="left", fontsize=10)
        return als_svg(figuur)
    figuur, (boven, onder) = plt.subplots(
        2, 1, figsize=(7.5, 4.2), sharex=True, gridspec_kw={"height_ratios": [2, 1], "hspace": 0.35}
    )
    _teken_cumulatief(boven, maanden, cumulatief, markeringen, namen[0])
    _teken_per_maand(onder, maanden, aantallen, namen[1])
    boven.set_title(titel, loc="left", fontsize=10)
    figuur.supylabel(ylabel, fontsize=9)
    return als_svg(figuur)


def _teken_cumulatief(as_, maanden, cumulatief, markeringen: dict[datetime.date, int], naam: str) -> None:
    """The step line at each month's last day, with the total printed at each marked date."""
    eind = [datetime.datetime(m.year, m.month, calendar.monthrange(m.year, m.month)[1]) for m in maanden]
    as_.step(eind, cumulatief, where="post", color=BLAUW, linewidth=2)
    for datum, aantal in markeringen.items():
        moment = datetime.datetime.combine(datum, datetime.time())
        as_.annotate(
            nl_getal(aantal),
            xy=(moment, aantal),
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            fontweight="bold",
        )
        as_.plot([moment], [aantal], marker="o", color=BLAUW)
    as_.set_ylim(0, max(max(cumulatief) * 1.2, 1))
    as_.set_title(naam, loc="right", fontsize=8, color=GRIJS)
    as_.yaxis.set_major_formatter(FuncFormatter(lambda waarde, _: nl_getal(int(waarde))))
    as_.grid(axis="y", color="#dee2e6", linewidth=0.6)


def _teken_per_maand(as_, maanden, aantallen, naam: str) -> None:
    """The bars mid-month on their own scale, a tick per year."""
    midden = [datetime.datetime(m.year, m.month, 15) for m in maanden]
    as_.bar(midden, aantallen, width=20, color=ORANJE, edgecolor="black", linewidth=0.3)
    as_.set_ylim(0, max(max(aantallen) * 1.15, 1))
    as_.set_title(naam, loc="right", fontsize=8, color=GRIJS)
    as_.grid(axis="y", color="#dee2e6", linewidth=0.6)
    if len(maanden) <= KORT_VERLOOP_MAANDEN:
        # A year or two: a tick every quarter, named by month ("okt 2010") rather than a lone year.
        as_.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
        as_.xaxis.set_major_formatter(_datumlabel(lambda d: f"{MAANDEN_KORT[d.month - 1]} {d.year}"))
        return
    as_.xaxis.set_major_locator(mdates.YearLocator())
    as_.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=[4, 7, 10]))
    as_.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def aandelen_staaf(aantallen: list[int], teksten: list[str], *, titel: str, aslabel: str) -> str:
    """Shares of a whole as one stacked horizontal bar (at most three parts, told apart by colour
    and hatching), each part labelled with its text."""
    figuur, as_ = plt.subplots(figsize=(7.5, 1.6))
    links = 0
    totaal = sum(aantallen)
    delen = zip(aantallen, teksten, [BLAUW, ORANJE, GROEN], ["", "//", ".."], strict=False)
    for aantal, tekst, kleur, arcering in delen:
        aandeel = aantal / totaal * 100 if totaal else 0
        as_.barh(
            [0],
            [aandeel],
            left=links,
            color=kleur,
            hatch=arcering,
            edgecolor="black",
            linewidth=0.6,
            height=0.6,
        )
        if aandeel:
            as_.text(
                links + aandeel / 2,
                0,
                tekst,
                ha="center",
                va="center",
                color="black",
                fontsize=9,
                fontweight="bold",
                # A white box under the label: legible on any colour and on hatching, also in black and white.
                bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none"},
            )
        links += aandeel
    as_.set_xlim(0, 100)
    as_.set_yticks([])
    as_.set_xlabel(aslabel)
    as_.spines["left"].set_visible(False)
    as_.set_title(titel, loc="left", fontsize=10)
    return als_svg(figuur)


def staven(labels: list[str], waarden: list[int], titel: str, ylabel: str) -> str:
    """One labelled bar per label, the value printed on each."""
    figuur, as_ = plt.subplots(figsize=(7.5, 2.8))
    getekend = as_.bar(labels, waarden, color=BLAUW)
    as_.bar_label(getekend, fontsize=7)
    as_.set_ylabel(ylabel)
    as_.set_title(titel, loc="left", fontsize=10)
    as_.tick_params(axis="x", labelrotation=45, labelsize=7)
    return als_svg(figuur)
