"""The reports' figures, drawn with matplotlib as SVG (see toolkit.figuren)."""

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from toolkit.figuren import BLAUW, GROEN, ORANJE, als_svg
from toolkit.getallen import nl_getal


def gesprekken_cumulatief(per_maand: pd.DataFrame, markeringen: dict, titel: str) -> str:
    """Figure 2.1: cumulative sessions per month, with the count printed at each marked date."""
    figuur, as_ = plt.subplots(figsize=(7.5, 3.4))
    if not per_maand.empty:
        x = per_maand["maand"] + pd.offsets.MonthEnd(0)
        as_.step(
            x,
            per_maand["cumulatief"],
            where="post",
            color=BLAUW,
            linewidth=2,
            label="Gesprekken (cumulatief)",
        )
        as_.bar(
            per_maand["maand"] + pd.Timedelta(days=14),
            per_maand["aantal"],
            width=20,
            color=ORANJE,
            alpha=0.85,
            label="Gesprekken per maand",
        )
        for datum, aantal in markeringen.items():
            as_.annotate(
                nl_getal(aantal),
                xy=(pd.Timestamp(datum), aantal),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                fontweight="bold",
            )
            as_.plot([pd.Timestamp(datum)], [aantal], marker="o", color=BLAUW)
        as_.xaxis.set_major_locator(mdates.YearLocator())
        as_.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=[4, 7, 10]))
        as_.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        as_.set_ylim(0, max(per_maand["cumulatief"].max() * 1.15, 1))
        as_.legend(loc="upper left", frameon=False, fontsize=8)
    else:
        as_.text(0.5, 0.5, "Nog geen gesprekken", ha="center", va="center", transform=as_.transAxes)
    as_.set_ylabel("Aantal gesprekken")
    as_.set_title(titel, loc="left", fontsize=10)
    as_.grid(axis="y", color="#dee2e6", linewidth=0.6)
    return als_svg(figuur)


def onderwerp_verdeling(onderwerpen: pd.DataFrame, titel: str) -> str:
    """Figure 2.2: the share of sessions per onderwerp, as one labelled stacked bar."""
    figuur, as_ = plt.subplots(figsize=(7.5, 1.6))
    links = 0
    totaal = int(onderwerpen["aantal"].sum())
    for (_, rij), kleur, arcering in zip(
        onderwerpen.iterrows(), [BLAUW, ORANJE, GROEN], ["", "//", ".."], strict=False
    ):
        aandeel = rij["aantal"] / totaal * 100 if totaal else 0
        as_.barh([0], [aandeel], left=links, color=kleur, hatch=arcering, edgecolor="white", height=0.6)
        if aandeel:
            tekst = f"{rij['onderwerp']}\n{rij['procent']}%"
            as_.text(
                links + aandeel / 2,
                0,
                tekst,
                ha="center",
                va="center",
                color="white",
                fontsize=9,
                fontweight="bold",
            )
        links += aandeel
    as_.set_xlim(0, 100)
    as_.set_yticks([])
    as_.set_xlabel("% van de gesprekken")
    as_.spines["left"].set_visible(False)
    as_.set_title(titel, loc="left", fontsize=10)
    return als_svg(figuur)


def staven_per_periode(labels: list[str], waarden: list[int], titel: str, ylabel: str) -> str:
    figuur, as_ = plt.subplots(figsize=(7.5, 2.8))
    staven = as_.bar(labels, waarden, color=BLAUW)
    as_.bar_label(staven, fontsize=7)
    as_.set_ylabel(ylabel)
    as_.set_title(titel, loc="left", fontsize=10)
    as_.tick_params(axis="x", labelrotation=45, labelsize=7)
    return als_svg(figuur)
