"""The map module: boundaries for every municipality, tooltips and links in the SVG, bad input."""

import datetime
import json
import logging
import re
from pathlib import Path

import pytest

from gemeenten.models import Gemeente, Provincie
from tests.kaart_helpers import links, titels
from toolkit import kaarten
from toolkit.kaarten import Categorie

STAND = datetime.date(2012, 10, 1)
KLEUREN = [Categorie("a", "Eerste", "#0072B2"), Categorie("b", "Tweede", "#E69F00")]


pytestmark = pytest.mark.usefixtures("lege_cache")


def teken(waarden, **opties):
    opties = {"jaar": 2012, "titel": "Proef", "eenheid": "Aantal", "stand": STAND, **opties}
    return kaarten.kaart(waarden, **opties)


def klassen(kaart) -> list[tuple[str, int]]:
    """The legend's classes with the number of areas in each (areas without data left out)."""
    return [(label, aantal) for label, aantal in kaart.legenda if label != "geen gegevens"]


def legenda_getoond(kaart) -> list[str]:
    """The lines of the legend shown under the map."""
    return [v.label for v in kaart.vermeldingen]


def getekende_omvang(kaart) -> tuple[float, float]:
    """Width and height, in points, of the municipalities as drawn: the extent of their paths."""
    paden = re.findall(r'<g id="f[0-9a-f]{8}-GM\d{4}">\s*<title>[^<]*</title>\s*<path d="([^"]*)"', kaart.svg)
    getallen = [float(g) for d in paden for g in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = getallen[0::2], getallen[1::2]
    return max(xs) - min(xs), max(ys) - min(ys)


def ware_omvang(gebieden) -> tuple[float, float]:
    """Width and height, in metres (RD coordinates), of those areas."""
    hoeken = [gebied.pad.get_extents() for gebied in gebieden]
    return (
        max(h.x1 for h in hoeken) - min(h.x0 for h in hoeken),
        max(h.y1 for h in hoeken) - min(h.y0 for h in hoeken),
    )


def ring_oppervlak(ring) -> float:
    """The signed area of a ring (shoelace formula): positive when it runs anticlockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


@pytest.fixture
def grenzen_met_een_gat(tmp_path, monkeypatch):
    """Borders of 2009 in which Gatdorp (GM9901) surrounds an enclave, its hole running the same
    way round as its outer ring; read by ``indeling`` instead of the real ones during the test."""
    buiten = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    gat = [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]  # anticlockwise, like the outer ring

    def geojson(code, naam, ringen):
        gebied = {
            "properties": {"code": code, "naam": naam},
            "geometry": {"type": "Polygon", "coordinates": ringen},
        }
        return json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", **gebied}]})

    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "gemeente_2009.geojson").write_text(geojson("GM9901", "Gatdorp", [buiten, gat]))
    (tmp_path / "geo" / "provincie_2009.geojson").write_text(geojson("PV99", "Proefland", [buiten]))
    (tmp_path / "provincies.csv").write_text("cbs_code,naam\nPV99,Proefland\n")
    (tmp_path / "gemeenten_2009.csv").write_text(
        "cbs_code,naam,provincie,inwoners\nGM9901,Gatdorp,Proefland,\n"
    )
    monkeypatch.setattr(kaarten, "DATA_DIR", tmp_path)
    monkeypatch.setattr(kaarten, "GEO_DIR", tmp_path / "geo")
    kaarten.indeling.cache_clear()
    yield kaarten.indeling(2009)
    kaarten.indeling.cache_clear()


@pytest.mark.parametrize("jaar", [2009, 2012])
def test_every_municipality_of_the_reference_data_has_a_shape_and_vice_versa(referentiedata, jaar):
    bestaand = set(Gemeente.objects.bestaand_op(datetime.date(jaar, 1, 1)).values_list("cbs_code", flat=True))
    assert len(bestaand) == {2009: 441, 2012: 415}[jaar]
    grenzen = kaarten.indeling(jaar)
    assert set(grenzen.gemeenten) == bestaand
    assert set(grenzen.provincies) == set(Provincie.objects.values_list("cbs_code", flat=True))
    provincie_van = dict(
        Gemeente.objects.filter(cbs_code__in=bestaand).values_list("cbs_code", "provincie__cbs_code")
    )
    assert {c: g.provincie for c, g in grenzen.gemeenten.items()} == provincie_van
    assert all(len(g.pad.vertices) >= 4 for g in grenzen.gemeenten.values())


def test_the_boundary_files_are_read_once_per_process(monkeypatch):
    gelezen = []
    echt = Path.open

    def openen(pad, *args, **kwargs):
        if pad.suffix == ".geojson":
            gelezen.append(pad.name)
        return echt(pad, *args, **kwargs)

    monkeypatch.setattr(Path, "open", openen)
    kaarten.indeling.cache_clear()
    try:
        teken({"GM0080": 1}, jaar=2009)
        teken({"GM0080": 2}, jaar=2009)
        kaarten.indeling(2009)
    finally:
        kaarten.indeling.cache_clear()
    assert sorted(gelezen) == ["gemeente_2009.geojson", "provincie_2009.geojson"]


def test_a_hole_is_drawn_as_a_hole(grenzen_met_een_gat):
    pad = grenzen_met_een_gat.gemeenten["GM9901"].pad
    ringen = pad.to_polygons(closed_only=True)
    assert len(ringen) == 2
    oppervlak = [ring_oppervlak(r.tolist()) for r in ringen]
    assert oppervlak[0] > 0 > oppervlak[1]  # opposite directions: the non-zero rule leaves it open


def test_every_area_names_itself_and_its_value_in_a_tooltip():
    waarden = {code: i % 7 for i, code in enumerate(kaarten.indeling(2012).gemeenten)}
    kaart = teken(waarden, eenheid="Adviesgesprekken")
    tooltip = titels(kaart.svg)
    assert set(tooltip) == set(waarden)
    assert tooltip["GM0080"] == f"Leeuwarden\nAdviesgesprekken: {waarden['GM0080']}"
    assert tooltip["GM0363"].startswith("Amsterdam\n")
    assert kaart.bron == "Stand per 1 oktober 2012 · Bron: CBS, PDOK"


def test_the_table_holds_the_same_numbers_as_the_map():
    waarden = {"GM0080": 12, "GM1900": 0, "GM0344": 3}
    kaart = teken(waarden, provincies=["PV21", "PV26"])
    tooltip = titels(kaart.svg)
    assert {r.code: f"{r.naam}\nAantal: {r.waarde}" for r in kaart.rijen} == tooltip
    rij = next(r for r in kaart.rijen if r.code == "GM0080")
    assert (rij.naam, rij.provincie, rij.waarde, rij.getal) == ("Leeuwarden", "Friesland", "12", 12.0)
    assert [r.provincie for r in kaart.rijen] == sorted(r.provincie for r in kaart.rijen)


def test_links_only_where_the_caller_allows_them():
    alle = list(kaarten.indeling(2012).gemeenten)
    toegestaan = {c: f"/gemeenten/{c}/" for c in alle[:10]}
    kaart = teken(dict.fromkeys(alle, 1), links={**toegestaan, "GM9999": "/elders/"})
    assert links(kaart.svg) == toegestaan
    assert kaart.svg.count("<a ") == 10
    assert 'target="_blank"' not in kaart.svg
    assert kaart.svg.count('tabindex="-1"') == 10  # the table beside the map has the same links
    assert {r.code: r.url for r in kaart.rijen if r.url} == toegestaan


def test_nothing_is_fetched_from_another_host():
    kaart = teken({"GM0080": 1}, links={"GM0080": "/gemeenten/GM0080/"})
    assert "<image" not in kaart.svg
    assert not re.search(r'(?:href|src)="(?:https?:)?//', kaart.svg)


def test_an_unknown_code_is_logged_and_left_out(caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit.kaarten"):
        kaart = teken({"GM0080": 4, "GM9999": 7, "XX": 1})
    assert "GM9999" in caplog.text and "XX" in caplog.text
    assert {r.code for r in kaart.rijen} >= {"GM0080"}
    assert "GM9999" not in kaart.svg and all(r.code != "GM9999" for r in kaart.rijen)


def test_a_municipality_of_the_other_year_is_unknown_on_these_borders(caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit.kaarten"):
        kaart = teken({"GM0091": 3}, jaar=2012)  # Sneek, part of Súdwest-Fryslân since 2011
    assert "GM0091" in caplog.text
    assert all(r.code != "GM0091" for r in kaart.rijen)


def test_unusable_values_are_logged_and_left_out(caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit.kaarten"):
        getallen = teken({"GM0080": "veel", "GM1900": float("nan"), "GM0344": 2})
        soorten = teken({"GM0080": "c", "GM1900": "a"}, categorieen=KLEUREN)
    assert "GM0080" in caplog.text
    per_code = {r.code: r.waarde for r in getallen.rijen}
    assert per_code["GM0080"] == per_code["GM1900"] == "geen gegevens" and per_code["GM0344"] == "2"
    assert {r.code: r.waarde for r in soorten.rijen}["GM0080"] == "geen gegevens"


def test_no_data_is_drawn_as_no_data_not_as_zero():
    kaart = teken({"GM0080": 0, "GM1900": None}, provincies=["PV21"])
    per_code = {r.code: r for r in kaart.rijen}
    assert per_code["GM0080"].waarde == "0" and per_code["GM0080"].getal == 0
    assert per_code["GM1900"].waarde == "geen gegevens" and per_code["GM1900"].getal is None
    legenda = dict(kaart.legenda)
    assert legenda["0"] == 1 and legenda["geen gegevens"] == 26
    assert legenda_getoond(kaart)[-1] == "geen gegevens (26)"
    assert [v.arcering for v in kaart.vermeldingen] == [False, True]  # hatched, not a colour alone


def test_categories_are_named_in_the_legend_with_their_counts():
    kaart = teken({"GM0080": "a", "GM1900": "b", "GM0086": "b"}, categorieen=KLEUREN, provincies=["PV21"])
    assert dict(kaart.legenda) == {"Eerste": 1, "Tweede": 2, "geen gegevens": 24}
    assert legenda_getoond(kaart) == ["Eerste (1)", "Tweede (2)", "geen gegevens (24)"]
    assert titels(kaart.svg)["GM1900"] == "Súdwest-Fryslân\nAantal: Tweede"


def test_count_classes_are_round_and_cover_every_value():
    friesland = sorted(c for c, g in kaarten.indeling(2012).gemeenten.items() if g.provincie == "PV21")

    def kaart_met(*getallen):
        return teken(dict(zip(friesland, getallen, strict=False)), provincies=["PV21"])

    assert [label for label, _ in klassen(kaart_met(0, 1, 3, 7, 19))] == [
        "0",
        "1–5",
        "6–10",
        "11–15",
        "16–20",
    ]
    # Each value lands in its class, the bounds included.
    assert klassen(kaart_met(0, 1, 5, 6, 19, 20)) == [
        ("0", 1),
        ("1–5", 2),
        ("6–10", 1),
        ("11–15", 0),
        ("16–20", 2),
    ]
    assert [label for label, _ in klassen(kaart_met(0, 0))] == ["0", "1"]
    assert [label for label, _ in klassen(kaart_met(2, 3))] == ["0", "1", "2", "3"]


def test_the_drawn_legend_names_only_the_classes_on_the_map():
    friesland = sorted(c for c, g in kaarten.indeling(2012).gemeenten.items() if g.provincie == "PV21")
    kaart = teken(dict(zip(friesland, (0, 1, 5, 6, 19, 20), strict=False)), provincies=["PV21"])
    assert ("11–15", 0) in klassen(kaart)  # the scale keeps its empty class ...
    # ... the legend under the map does not show it, nor does the drawing
    assert legenda_getoond(kaart)[:5] == ["0 (1)", "1–5 (2)", "6–10 (1)", "16–20 (2)", "geen gegevens (21)"]
    assert "legend" not in kaart.svg and "11–15" not in kaart.svg


def test_a_legend_swatch_is_drawn_as_on_the_map_with_a_border():
    kaart = teken({"GM0080": "a", "GM1900": None}, categorieen=KLEUREN, provincies=["PV21"], omlijnd="GM1900")
    eerste, geen, omlijnd = kaart.vermeldingen
    assert eerste.stijl == f"background: {KLEUREN[0].kleur}; border: 1px solid #343a40"
    assert geen.stijl.startswith("background: repeating-linear-gradient(") and "#6c757d" in geen.stijl
    assert omlijnd.label == "Súdwest-Fryslân (omlijnd)" and "2px solid #000" in omlijnd.stijl


def test_a_map_scales_to_its_container():
    kaart = teken({"GM0080": 1}, provincies=["PV21"])
    wortel = re.match(r"<svg[^>]*>", kaart.svg).group()
    assert 'width="100%"' in wortel and "viewBox=" in wortel and "height=" not in wortel
    assert re.search(r'style="max-width: [\d.]+pt"', wortel)


def test_percentages_use_fixed_classes():
    kaart = teken({"PV21": 19, "PV20": 20, "PV26": 100}, procent=True, niveau="provincie")
    per_code = {r.code: r.waarde for r in kaart.rijen}
    assert per_code == {**per_code, "PV21": "19%", "PV20": "20%", "PV26": "100%"}
    assert dict(kaart.legenda) == {"0–19%": 1, "20–39%": 1, "40–59%": 0, "60–79%": 0, "80–100%": 1,
                                   "geen gegevens": 9}  # fmt: skip


def test_zooming_to_provinces_draws_only_their_municipalities():
    kaart = teken(dict.fromkeys(kaarten.indeling(2012).gemeenten, 1), provincies=["PV21"])
    friesland = {c for c, g in kaarten.indeling(2012).gemeenten.items() if g.provincie == "PV21"}
    assert set(titels(kaart.svg)) == friesland and len(friesland) == 27
    assert {r.provincie for r in kaart.rijen} == {"Friesland"}


def test_the_own_municipality_is_outlined_over_a_map_of_provinces():
    kaart = teken({"PV21": 40}, niveau="provincie", procent=True, omlijnd="GM1900", jaar=2009)
    assert set(titels(kaart.svg)) == set(kaarten.indeling(2009).provincies)
    assert re.search(
        r'<g id="f[0-9a-f]{8}-omlijnd"><title>Súdwest-Fryslân \(uw gemeente\)</title>', kaart.svg
    )
    assert legenda_getoond(kaart)[-1] == "Súdwest-Fryslân (omlijnd)"


def test_the_country_is_drawn_at_equal_scale():
    gemeenten = kaarten.indeling(2012).gemeenten.values()
    breedte, hoogte = getekende_omvang(teken({"GM0080": 1}))
    ware_breedte, ware_hoogte = ware_omvang(gemeenten)
    assert breedte / ware_breedte == pytest.approx(hoogte / ware_hoogte, rel=0.005)  # points per metre
    assert 0.8 < breedte / hoogte < 0.9  # the Netherlands is a little taller than wide
    # Limburg is tall: 6.6 inches high at most (with a margin of 1% of that above and below).
    breedte, hoogte = getekende_omvang(teken({"GM0080": 1}, provincies=["PV31"]))
    ware_breedte, ware_hoogte = ware_omvang(g for g in gemeenten if g.provincie == "PV31")
    assert hoogte == pytest.approx(6.6 * 72 / 1.02, rel=0.005)
    assert breedte / ware_breedte == pytest.approx(hoogte / ware_hoogte, rel=0.005)


def test_a_rendered_map_is_cached_by_its_inputs(monkeypatch):
    getekend = []  # every drawing is a matplotlib Figure
    echt = kaarten.Figure
    monkeypatch.setattr(kaarten, "Figure", lambda *a, **k: getekend.append(1) or echt(*a, **k))
    eerste = teken({"GM0080": 1})
    assert teken({"GM0080": 1}).svg == eerste.svg
    assert len(getekend) == 1
    teken({"GM0080": 2})
    teken({"GM0080": 1}, links={"GM0080": "/gemeenten/GM0080/"})
    teken({"GM0080": 1}, jaar=2009)
    assert len(getekend) == 4


def test_the_same_inputs_give_the_same_svg(lege_cache):
    eerste = teken({"GM0080": 1, "GM1900": 5}).svg
    lege_cache()
    assert teken({"GM1900": 5, "GM0080": 1}).svg == eerste


def test_paths_are_compact():
    kaart = teken(dict.fromkeys(kaarten.indeling(2009).gemeenten, 1), jaar=2009)
    paden = re.findall(r' d="([^"]*)"', kaart.svg)
    assert len(paden) >= 441
    assert not any(re.search(r"\d\.\d\d", d) or "\n" in d for d in paden)
    assert 'style="fill' not in kaart.svg  # presentation attributes instead (WeasyPrint reads them)


def test_an_unreachable_cache_does_not_stop_the_map(monkeypatch):
    class Onbereikbaar:
        def get(self, *args, **kwargs):
            raise ConnectionError("Redis is er niet")

        set = get

    monkeypatch.setattr("django.core.cache.cache", Onbereikbaar())  # what figuren.gecached reads
    assert "Leeuwarden" in teken({"GM0080": 1}).svg


def test_an_empty_choice_of_provinces_is_an_error_not_the_whole_country():
    with pytest.raises(ValueError):
        teken({"GM0080": 1}, provincies=[])
    with pytest.raises(ValueError):
        teken({"GM0080": 1}, provincies=["PV99"])
