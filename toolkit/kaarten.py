"""Choropleth maps of municipalities and provinces, drawn with matplotlib as SVG.

``kaart(waarden, ...)`` turns ``{cbs_code: number or category}`` into a ``Kaart``: the SVG, in which
every area is a ``<g>`` with a ``<title>`` tooltip (its name and value) and, where the caller passes a
link for it, an ``<a>`` to its page; and the rows of the table that holds the same numbers, which
every page shows next to the map so that nothing is only visible as colour.

The boundaries are CBS's generalised borders of 1 January 2009 (441 municipalities) and 1 January
2012 (415), and the 12 provinces, in RD coordinates (EPSG:28992, metres, a flat projection drawn at
equal scale on both axes); they are in ``gemeenten/data/geo`` with their source in
``gemeenten/data/BRONNEN.md`` and are read once per process. Nothing is fetched from another host.
Which borders a date is drawn on: ``grensjaar``.

Values for codes the borders do not know are logged and left out; an area without a value is drawn
as "geen gegevens", never as zero. Rendered maps are kept in Django's cache, keyed on a hash of
everything that is drawn (values, links, borders, options).
"""

import csv
import datetime
import functools
import hashlib
import html
import json
import logging
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from toolkit import figuren
from toolkit.figuren import svg_tekst, uniek_ids
from toolkit.getallen import nl_getal

logger = logging.getLogger(__name__)

DATA_DIR = Path(settings.BASE_DIR) / "gemeenten" / "data"
GEO_DIR = DATA_DIR / "geo"
BRON = "Bron: CBS, PDOK"
GRENSJAREN = (2009, 2012)
# The first merger after 1 January 2009: a date before it is drawn on the 2009 borders.
EERSTE_HERINDELING = datetime.date(2010, 1, 1)

# Part of every cache key (with figuren.VERSIE): a change to this code or the boundaries never
# serves a map drawn before it.
VERSIE = hashlib.sha256(
    b"".join(p.read_bytes() for p in (Path(__file__), *sorted(GEO_DIR.glob("*.geojson"))))
).hexdigest()[:12]

# A sequential, colour-blind-safe palette (ColorBrewer Blues, one hue: it reads by lightness for
# every kind of colour vision and in grey print), light for low values, dark for high.
SEQUENTIEEL = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
GRENS_GEMEENTE = "#ffffff"
GRENS_PROVINCIE = "#343a40"
ARCERING = "#6c757d"


@dataclass(frozen=True)
class Categorie:
    """A value of a categorical map: the key in ``waarden``, its label and how it is drawn."""

    sleutel: str
    label: str
    kleur: str
    arcering: str = ""


GEEN_GEGEVENS = Categorie("", "geen gegevens", "#ffffff", "//////")


@dataclass(frozen=True)
class Gebied:
    code: str
    naam: str
    provincie: str  # the province's CBS code; a province's own code
    pad: MplPath


@dataclass(frozen=True)
class Indeling:
    """The municipalities and provinces of 1 January of ``jaar``."""

    jaar: int
    gemeenten: dict[str, Gebied]
    provincies: dict[str, Gebied]


@dataclass(frozen=True)
class KaartRij:
    code: str
    naam: str
    provincie: str  # the province's name; empty on a map of provinces
    waarde: str  # as the tooltip says it: "12", "47% (N = 25)", "ingediend", "geen gegevens"
    getal: float | None  # the number behind it, or None (categories, no data)
    url: str = ""


@dataclass(frozen=True)
class Vermelding:
    """One line of the legend shown under a map: a class on the map, or the outlined municipality."""

    label: str
    kleur: str
    arcering: bool = False
    omlijnd: bool = False

    @property
    def stijl(self) -> str:
        """The colour swatch as inline CSS, the same in the app's pages and in WeasyPrint's PDF."""
        if self.omlijnd:
            return "background: #fff; border: 2px solid #000"
        vlak = f"background: {self.kleur}"
        if self.arcering:
            vlak = f"background: repeating-linear-gradient(-45deg, {ARCERING} 0 1px, {self.kleur} 1px 4px)"
        return f"{vlak}; border: 1px solid {GRENS_PROVINCIE}"


@dataclass(frozen=True)
class Kaart:
    titel: str
    eenheid: str
    stand: datetime.date
    niveau: str  # "gemeente" or "provincie"
    jaar: int
    svg: str
    rijen: tuple[KaartRij, ...]
    legenda: tuple[tuple[str, int], ...]  # (label, number of areas) per class of the scale
    # The legend as shown under the map (templates/_kaart_legenda.html): the classes that are on
    # the map, with their counts ("6–10 (4)"), then the outlined municipality. It is HTML beside
    # the SVG, not part of the drawing, so it stays readable when the map is scaled to a phone.
    vermeldingen: tuple[Vermelding, ...] = ()

    @property
    def bron(self) -> str:
        return f"Stand per {date_format(self.stand, 'DATE_FORMAT')} · {BRON}"

    @property
    def gebied_label(self) -> str:
        return "Gemeente" if self.niveau == "gemeente" else "Provincie"

    @property
    def numeriek(self) -> bool:
        """Whether the map shows numbers (right-aligned in its table) rather than categories."""
        return any(r.getal is not None for r in self.rijen)


def grensjaar(datum: datetime.date) -> int:
    """The borders a date is drawn on: 2009 before the first merger, 2012 from then on (a
    municipality that merged in 2010 or 2011 shows within its successor)."""
    return 2009 if datum < EERSTE_HERINDELING else 2012


def grensdatum(jaar: int) -> datetime.date:
    return datetime.date(jaar, 1, 1)


# --- boundaries ------------------------------------------------------------------------------------


def _ring_oppervlak(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _pad(geometrie: dict) -> MplPath:
    """A GeoJSON (Multi)Polygon as one compound path: outer rings anticlockwise and holes clockwise,
    so the non-zero fill rule of SVG leaves the holes open."""
    polygonen = (
        geometrie["coordinates"] if geometrie["type"] == "MultiPolygon" else [geometrie["coordinates"]]
    )
    punten: list = []
    codes: list = []
    for polygoon in polygonen:
        for i, ring in enumerate(polygoon):
            if len(ring) < 4:
                continue
            linksom = _ring_oppervlak(ring) > 0
            if linksom != (i == 0):
                ring = ring[::-1]
            punten.extend(ring)
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY])
    return MplPath(punten, codes)


def _lees_geojson(naam: str) -> list[dict]:
    with (GEO_DIR / naam).open(encoding="utf-8") as bestand:
        return json.load(bestand)["features"]


def _lees_csv(naam: str) -> list[dict]:
    with (DATA_DIR / naam).open(encoding="utf-8", newline="") as bestand:
        return list(csv.DictReader(bestand))


@functools.cache
def indeling(jaar: int) -> Indeling:
    """The boundaries of ``jaar`` (2009 or 2012), parsed once per process."""
    if jaar not in GRENSJAREN:
        raise ValueError(f"Geen kaartgrenzen voor {jaar}; wel voor {GRENSJAREN}.")
    provincie_code = {r["naam"]: r["cbs_code"] for r in _lees_csv("provincies.csv")}
    provincie_van = {
        r["cbs_code"]: provincie_code[r["provincie"]] for r in _lees_csv(f"gemeenten_{jaar}.csv")
    }
    gemeenten = {
        f["properties"]["code"]: Gebied(
            f["properties"]["code"],
            f["properties"]["naam"],
            provincie_van.get(f["properties"]["code"], ""),
            _pad(f["geometry"]),
        )
        for f in _lees_geojson(f"gemeente_{jaar}.geojson")
    }
    provincies = {
        f["properties"]["code"]: Gebied(
            f["properties"]["code"], f["properties"]["naam"], f["properties"]["code"], _pad(f["geometry"])
        )
        for f in _lees_geojson(f"provincie_{jaar}.geojson")
    }
    return Indeling(jaar, gemeenten, provincies)


def gemeente_gebied(code: str, jaar: int) -> Gebied | None:
    """A municipality's shape in ``jaar``, or in the other year when it did not exist then."""
    for j in (jaar, *(j for j in GRENSJAREN if j != jaar)):
        if gebied := indeling(j).gemeenten.get(code):
            return gebied
    return None


# --- classes and values ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Klasse:
    categorie: Categorie
    tot_en_met: float  # the highest value in the class (sequential maps)


def _procent_klassen() -> list[_Klasse]:
    grenzen = [(0, 19), (20, 39), (40, 59), (60, 79), (80, 100)]
    return [
        _Klasse(Categorie(f"k{i}", f"{laag}–{hoog}%", kleur), hoog + (0.99 if hoog < 100 else 0))
        for i, ((laag, hoog), kleur) in enumerate(zip(grenzen, SEQUENTIEEL, strict=True))
    ]


# Class widths for counts: numbers a reader takes in at a glance.
RONDE_BREEDTES = (1, 2, 3, 5, 10, 15, 20, 25, 50, 75, 100, 150, 200, 250, 500, 1000)


def _aantal_klassen(getallen: list[float]) -> list[_Klasse]:
    """Counts: zero as a class of its own, then up to four classes of equal, round width (1–5,
    6–10, …) up to the highest value, so a class means the same amount on every map."""
    hoogste = max((g for g in getallen if g > 0), default=0)
    breedte = next((b for b in RONDE_BREEDTES if 4 * b >= hoogste), math.ceil(hoogste / 4))
    klassen = [_Klasse(Categorie("k0", "0", SEQUENTIEEL[0]), 0)]
    aantal = max(1, math.ceil(hoogste / breedte))
    for i, kleur in enumerate(SEQUENTIEEL[len(SEQUENTIEEL) - aantal :], start=1):
        laag, hoog = (i - 1) * breedte + 1, i * breedte
        label = nl_getal(hoog) if breedte == 1 else f"{nl_getal(laag)}–{nl_getal(hoog)}"
        klassen.append(_Klasse(Categorie(f"k{i}", label, kleur), hoog))
    return klassen


def _klasse_van(getal: float, klassen: list[_Klasse]) -> Categorie:
    for klasse in klassen:
        if getal <= klasse.tot_en_met:
            return klasse.categorie
    return klassen[-1].categorie


# --- the map ---------------------------------------------------------------------------------------


def kaart(
    waarden: Mapping[str, float | int | str | None],
    *,
    jaar: int,
    titel: str,
    eenheid: str,
    stand: datetime.date,
    categorieen: Sequence[Categorie] | None = None,
    procent: bool = False,
    niveau: str = "gemeente",
    provincies: Collection[str] | None = None,
    links: Mapping[str, str] | None = None,
    toelichting: Mapping[str, str] | None = None,
    omlijnd: str | None = None,
    geen_gegevens: str = GEEN_GEGEVENS.label,
) -> Kaart:
    """A choropleth of ``waarden`` on the borders of ``jaar``.

    - ``categorieen``: a categorical map (``waarden`` holds their ``sleutel``); otherwise numbers on
      a sequential scale, in percentage classes with ``procent`` or in classes of counts.
    - ``niveau``: ``"gemeente"`` (municipalities, with the province borders over them) or
      ``"provincie"``; ``provincies`` (CBS codes) limits and zooms the map to those provinces.
    - ``links``: code → URL for the areas the viewer may open; only those become links.
    - ``toelichting``: code → text added to the value in tooltip and table (for instance the N).
    - ``omlijnd``: a municipality drawn as a heavy outline over the map (the viewer's own).
    - ``eenheid``: the legend's title and the table's column; ``stand``: the data's date.
    """
    if niveau not in ("gemeente", "provincie"):
        raise ValueError(f"Onbekend niveau {niveau!r}.")
    grenzen = indeling(jaar)
    alle = grenzen.gemeenten if niveau == "gemeente" else grenzen.provincies
    focus = set(grenzen.provincies) if provincies is None else set(provincies) & set(grenzen.provincies)
    if not focus:
        raise ValueError(f"Geen bekende provincie in {sorted(provincies or [])}: de kaart zou leeg zijn.")
    gebieden = {code: g for code, g in alle.items() if g.provincie in focus}
    geldig = _geldige_waarden(waarden, alle, gebieden, categorieen, titel)
    links = {c: u for c, u in (links or {}).items() if c in gebieden}
    toelichting = {c: t for c, t in (toelichting or {}).items() if c in gebieden}
    opties = {
        "versie": VERSIE,
        "jaar": jaar,
        "titel": titel,
        "eenheid": eenheid,
        "stand": stand.isoformat(),
        "categorieen": [list(c.__dict__.values()) for c in categorieen or []],
        "procent": procent,
        "niveau": niveau,
        "focus": sorted(focus),
        "omlijnd": omlijnd,
        "geen_gegevens": geen_gegevens,
        "taal": translation.get_language(),
    }
    invoer = [opties, sorted(geldig.items()), sorted(links.items()), sorted(toelichting.items())]
    return figuren.gecached(
        "kaart",
        invoer,
        lambda: _teken(
            gebieden,
            geldig,
            grenzen=grenzen,
            focus=focus,
            titel=titel,
            eenheid=eenheid,
            stand=stand,
            categorieen=categorieen,
            procent=procent,
            niveau=niveau,
            links=links,
            toelichting=toelichting,
            omlijnd=omlijnd,
            geen_gegevens=Categorie("", geen_gegevens, GEEN_GEGEVENS.kleur, GEEN_GEGEVENS.arcering),
        ),
    )


def _geldige_waarden(waarden, alle, gebieden, categorieen, titel) -> dict:
    """The values the map can draw; unknown codes and unusable values are logged and left out."""
    sleutels = {c.sleutel for c in categorieen} if categorieen else None
    geldig: dict = {}
    onbekend, onbruikbaar = [], []
    for code, waarde in waarden.items():
        if code not in alle:
            onbekend.append(code)
        elif waarde is None or code not in gebieden:
            continue
        elif sleutels is not None:
            (geldig.__setitem__(code, waarde) if waarde in sleutels else onbruikbaar.append(code))
        elif isinstance(waarde, int | float) and not isinstance(waarde, bool) and math.isfinite(waarde):
            geldig[code] = waarde
        else:
            onbruikbaar.append(code)
    if onbekend:
        logger.warning(
            "Kaart %r: waarden voor onbekende CBS-codes weggelaten: %s", titel, sorted(map(str, onbekend))
        )
    if onbruikbaar:
        logger.warning("Kaart %r: onbruikbare waarden weggelaten voor %s", titel, sorted(onbruikbaar))
    return geldig


def _teken(gebieden, waarden, *, grenzen, focus, titel, eenheid, stand, categorieen, procent, niveau,
           links, toelichting, omlijnd, geen_gegevens) -> Kaart:  # fmt: skip
    if categorieen:
        per_sleutel = {c.sleutel: c for c in categorieen}
        legenda = list(categorieen)

        def categorie_van(waarde):
            return per_sleutel[waarde]
    else:
        klassen = _procent_klassen() if procent else _aantal_klassen(list(waarden.values()))
        legenda = [k.categorie for k in klassen]

        def categorie_van(waarde):
            return _klasse_van(waarde, klassen)

    vlakken: list[tuple[Gebied, Categorie]] = []
    rijen: list[KaartRij] = []
    aantallen: dict[Categorie, int] = {}
    for code, gebied in sorted(gebieden.items()):
        waarde = waarden.get(code)
        categorie = geen_gegevens if waarde is None else categorie_van(waarde)
        aantallen[categorie] = aantallen.get(categorie, 0) + 1
        if waarde is None or categorieen:
            tekst = categorie.label
        else:
            tekst = nl_getal(waarde) + ("%" if procent else "")
        if code in toelichting:
            tekst = f"{tekst} ({toelichting[code]})"
        provincie = grenzen.provincies[gebied.provincie].naam if niveau == "gemeente" else ""
        getal = None if categorieen or waarde is None else float(waarde)
        vlakken.append((gebied, categorie))
        rijen.append(KaartRij(code, gebied.naam, provincie, tekst, getal, links.get(code, "")))
    vermeldingen = legenda + ([geen_gegevens] if geen_gegevens in aantallen else [])
    omlijning = gemeente_gebied(omlijnd, grenzen.jaar) if omlijnd else None

    (x0, x1, y0, y1), breedte, hoogte = _uitsnede(grenzen, focus)
    figuur = Figure(figsize=(breedte, hoogte))  # not pyplot: no global state shared by threads
    as_ = figuur.add_axes((0, 0, 1, 1))
    as_.set_axis_off()
    as_.set_xlim(x0, x1)
    as_.set_ylim(y0, y1)
    as_.set_aspect("equal")
    for gebied, categorie in vlakken:
        vlak = PathPatch(
            gebied.pad,
            facecolor=categorie.kleur,
            edgecolor=GRENS_GEMEENTE if niveau == "gemeente" else GRENS_PROVINCIE,
            hatch=categorie.arcering or None,
            hatchcolor=ARCERING,
            linewidth=0.3 if niveau == "gemeente" else 0.8,
            clip_on=False,
        )
        vlak.set_gid(gebied.code)
        if gebied.code in links:
            vlak.set_url(links[gebied.code])
        as_.add_artist(vlak)
    if niveau == "gemeente":
        for code in sorted(focus):
            as_.add_artist(
                PathPatch(
                    grenzen.provincies[code].pad,
                    facecolor="none",
                    edgecolor=GRENS_PROVINCIE,
                    linewidth=0.8,
                    clip_on=False,
                )
            )
    if omlijning:
        # A white line under a black one: the outline shows on light and dark areas alike.
        for kleur, dikte in (("#ffffff", 3.2), ("#000000", 1.6)):
            lijn = PathPatch(omlijning.pad, facecolor="none", edgecolor=kleur, linewidth=dikte, clip_on=False)
            lijn.set_gid("omlijnd" if kleur == "#000000" else None)
            as_.add_artist(lijn)

    # The legend names the classes that are on the map; an empty class ("6–10 (0)") is left out
    # (``Kaart.legenda`` keeps the whole scale, with its zeros).
    getoond = [
        Vermelding(f"{c.label} ({nl_getal(aantallen[c])})", c.kleur, arcering=bool(c.arcering))
        for c in vermeldingen
        if aantallen.get(c)
    ]
    if omlijning:
        getoond.append(Vermelding(f"{omlijning.naam} (omlijnd)", "#000000", omlijnd=True))
    titels = {r.code: f"{r.naam}\n{eenheid}: {r.waarde}" for r in rijen}
    if omlijning:
        titels["omlijnd"] = f"{omlijning.naam} (uw gemeente)"
    label = f"Kaart: {titel}. De cijfers staan ook in de tabel bij de kaart."
    svg = uniek_ids(_bewerk(svg_tekst(figuur), titels, label))
    rijen.sort(key=lambda r: (r.provincie, r.naam.casefold().lstrip("'")))
    return Kaart(
        titel=titel,
        eenheid=eenheid,
        stand=stand,
        niveau=niveau,
        jaar=grenzen.jaar,
        svg=svg,
        rijen=tuple(rijen),
        legenda=tuple((c.label, aantallen.get(c, 0)) for c in vermeldingen),
        vermeldingen=tuple(getoond),
    )


def _uitsnede(grenzen: Indeling, focus: set[str]) -> tuple[tuple[float, float, float, float], float, float]:
    """The extent of the focus provinces (with a small margin) and the figure size in inches that
    shows it at equal scale: 5.2 inches wide for the country, at most 6.6 inches high."""
    hoeken = [grenzen.provincies[c].pad.get_extents() for c in focus]
    x0, x1 = min(h.x0 for h in hoeken), max(h.x1 for h in hoeken)
    y0, y1 = min(h.y0 for h in hoeken), max(h.y1 for h in hoeken)
    marge = 0.01 * max(x1 - x0, y1 - y0)
    x0, x1, y0, y1 = x0 - marge, x1 + marge, y0 - marge, y1 + marge
    breedte = 5.2 if focus == set(grenzen.provincies) else 4.6
    hoogte = breedte * (y1 - y0) / (x1 - x0)
    if hoogte > 6.6:
        hoogte, breedte = 6.6, 6.6 * (x1 - x0) / (y1 - y0)
    return (x0, x1, y0, y1), breedte, hoogte


_GETAL = re.compile(r"-?\d+\.\d+")
_OM_OPDRACHT = re.compile(r" ?([MLCQz]) ?")


def _compact_pad(match: re.Match) -> str:
    """Path data rounded to 0.1 pt (far below what a screen or printer shows) on one line."""
    d = _GETAL.sub(lambda m: f"{float(m.group()):.1f}".rstrip("0").rstrip("."), match.group(1))
    return ' d="' + _OM_OPDRACHT.sub(r"\1", " ".join(d.split())) + '"'


_STIJL = re.compile(r'<path ([^>]*?)style="([^"]*)"')


def _als_attributen(match: re.Match) -> str:
    """A path's ``style`` as presentation attributes (fill="…" stroke="…"): the same drawing, and
    WeasyPrint does not read them as HTML styles (it warns about every SVG property there)."""
    paren = (deel.split(":", 1) for deel in match.group(2).split(";") if ":" in deel)
    return "<path " + match.group(1) + " ".join(f'{k.strip()}="{v.strip()}"' for k, v in paren)


def _bewerk(svg: str, titels: dict[str, str], label: str) -> str:
    """Tooltips and links as the issue asks: a ``<title>`` first in every area's group; links stay
    in the page but out of the tab order (the table beside the map has the same links); compact
    path data; and the map announced as one image with its label."""

    def met_titel(match: re.Match) -> str:
        code = match.group(1)
        if code not in titels:
            return match.group(0)
        return f"{match.group(0)}<title>{html.escape(titels[code])}</title>"

    svg = re.sub(r'<g id="([^"]+)">', met_titel, svg)
    svg = svg.replace(' target="_blank"', ' tabindex="-1"')
    svg = re.sub(r' d="([^"]*)"', _compact_pad, svg)
    svg = _STIJL.sub(_als_attributen, svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def indelingsdatum(datum: datetime.date) -> datetime.date:
    """The date whose municipalities a map 'as of ``datum``' shows: the date itself, or 1 January
    2012 for a date in 2010–2011 (drawn on the 2012 borders, merged municipalities within their
    successors)."""
    return max(datum, grensdatum(grensjaar(datum)))
