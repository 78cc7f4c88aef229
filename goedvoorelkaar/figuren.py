"""Figures as SVG text, drawn with matplotlib, for HTML pages and WeasyPrint PDFs alike.

Text stays text in the SVG (searchable, sharp in print), and ids are stable so the same data
gives the same file.
"""

import hashlib
import io
import re
from html import escape

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

# Colour-blind-safe (Okabe–Ito) colours, dark enough against white for WCAG non-text contrast.
BLAUW = "#0072B2"
ORANJE = "#D55E00"
GROEN = "#009E73"
GRIJS = "#6c757d"

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


def als_svg(figuur) -> str:
    """The figure as an ``<svg>`` element (no XML prolog), and the figure closed.

    The element is an image to assistive technology, named by the figure's title
    (``role="img"`` and ``aria-label``), so a screen reader announces one figure instead of
    reading out every tick label; the pages give the same numbers in a table next to it."""
    naam = " ".join(t for as_ in figuur.axes if (t := as_.get_title(loc="left") or as_.get_title()))
    buffer = io.StringIO()
    figuur.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figuur)
    tekst = buffer.getvalue()
    svg = tekst[tekst.index("<svg") :]
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{escape(naam or "Figuur")}"', 1)
    return uniek_ids(svg)


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

    ``markeringen`` adds a text mark per label (for instance 'goed' / 'niet goed' of the own
    municipality) so the figure never relies on colour alone.
    """
    kleuren = [BLAUW, ORANJE, GROEN, GRIJS]
    aantal = len(reeksen)
    hoogte = 0.8 / max(aantal, 1)
    figuur, as_ = plt.subplots(figsize=(7.5, 0.45 * len(labels) * max(aantal, 1) * 0.6 + 1.2))
    for i, (naam, waarden) in enumerate(reeksen.items()):
        posities = [j + i * hoogte for j in range(len(labels))]
        getallen = [w if w is not None else 0 for w in waarden]
        staven = as_.barh(
            posities, getallen, height=hoogte * 0.9, color=kleuren[i % len(kleuren)], label=naam
        )
        for staaf, waarde in zip(staven, waarden, strict=True):
            tekst = "–" if waarde is None else f"{waarde:.0f}%"
            as_.text(
                staaf.get_width() + 1, staaf.get_y() + staaf.get_height() / 2, tekst, va="center", fontsize=8
            )
    as_.set_yticks([j + hoogte * (aantal - 1) / 2 for j in range(len(labels))])
    ytekst = (
        labels if not markeringen else [f"{lab}\n({m})" for lab, m in zip(labels, markeringen, strict=True)]
    )
    as_.set_yticklabels(ytekst)
    as_.invert_yaxis()
    as_.set_xlim(0, 110)
    as_.set_xticks(range(0, 101, 20))
    as_.set_xlabel("% gemeenten 'goed voor elkaar'")
    as_.set_title(titel, loc="left", fontsize=10)
    as_.legend(loc="lower right", frameon=False, fontsize=8)
    return als_svg(figuur)
