"""The theme as a user sees it in Chromium: form controls whose edges can be seen (WCAG 1.4.11,
non-text contrast of at least 3:1), the app's green where Bootstrap had its blue, and a favicon.

Colours are read from the computed style in the browser and the contrast ratio is computed here,
with WCAG 2.1's formula for relative luminance.
"""

import re

import pytest

from gemeenten.models import Organisatie
from tests.accounts.factories import AdviseurFactory
from tests.browser.paginas import inloggen
from tests.toegangsmatrix import client_voor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]

GROEN = (30, 107, 58)  # --gve-groen, #1e6b3a


def kleur(css: str) -> tuple[float, float, float, float]:
    """``rgb(1, 2, 3)`` or ``rgba(1, 2, 3, 0.5)`` as (r, g, b, alpha)."""
    getallen = [float(g) for g in re.findall(r"[\d.]+", css)]
    return (*getallen[:3], getallen[3] if len(getallen) > 3 else 1.0)


def luminantie(rgb) -> float:
    def kanaal(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (kanaal(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    licht, donker = sorted((luminantie(a), luminantie(b)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def test_contrast_formula_gives_wcags_known_values():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast(kleur("rgb(222, 226, 230)"), (255, 255, 255)) == pytest.approx(1.30, abs=0.01)
    assert contrast(kleur("rgb(108, 117, 125)"), (255, 255, 255)) == pytest.approx(4.69, abs=0.01)


# Per visible control: its border colour, its own background and the background behind it (the
# first ancestor with a colour that is not transparent).
RANDEN = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.offsetParent !== null)
  .map((e) => {
    let ouder = e.parentElement, achter = "rgb(255, 255, 255)";
    for (; ouder; ouder = ouder.parentElement) {
      const k = getComputedStyle(ouder).backgroundColor;
      if (k !== "transparent" && !k.endsWith(", 0)")) { achter = k; break; }
    }
    const stijl = getComputedStyle(e);
    return {naam: e.id || e.name, rand: stijl.borderTopColor, breedte: parseFloat(stijl.borderTopWidth),
            eigen: stijl.backgroundColor, achter};
  })"""

SOORTEN = {
    "radio": "input[type=radio]:not(:checked)",
    "checkbox": "input[type=checkbox]:not(:checked)",
    "tekstveld": "input.form-control:not([type=hidden]), textarea.form-control",
    "keuzelijst": "select.form-select",
}


@pytest.fixture
def formulierpagina(page, live_server, referentiedata):
    """The adviser's session form: radios, checkboxes, text fields and a select on one page."""
    adviseur = AdviseurFactory(organisatie=Organisatie.objects.get(naam="Partoer"))
    inloggen(page, live_server, client_voor("adviseur", {"adviseur": adviseur}))
    page.goto(f"{live_server.url}/advies/gesprekken/nieuw/")
    return page


def test_form_controls_have_a_border_of_at_least_3_to_1_against_their_background(formulierpagina):
    te_zwak = []
    for soort, selector in SOORTEN.items():
        velden = formulierpagina.evaluate(RANDEN, selector)
        assert velden, f"no visible {soort} on the form page"
        for veld in velden:
            rand = kleur(veld["rand"])
            assert rand[3] == 1 and veld["breedte"] >= 1, f"{soort} {veld['naam']}: no solid border ({veld})"
            naast = [kleur(veld["achter"])] + ([kleur(veld["eigen"])] if kleur(veld["eigen"])[3] == 1 else [])
            verhouding = min(contrast(rand, k) for k in naast)
            if verhouding < 3:
                te_zwak.append(f"{soort} {veld['naam']}: border {veld['rand']} is {verhouding:.2f}:1")
    assert not te_zwak, "Form control borders below 3:1:\n" + "\n".join(te_zwak)


def test_focused_field_has_an_outline_of_at_least_3_to_1_and_ticked_boxes_are_green(formulierpagina):
    veld = formulierpagina.locator("input.form-control").first
    veld.focus()
    stijl = veld.evaluate(
        "(e) => { const s = getComputedStyle(e); return [s.outlineColor, s.outlineWidth, s.outlineStyle]; }"
    )
    assert stijl[2] == "solid" and float(stijl[1].removesuffix("px")) >= 2, stijl
    assert contrast(kleur(stijl[0]), (255, 255, 255)) >= 3, stijl

    vakje = formulierpagina.locator("input[type=checkbox]").first
    vakje.check()
    achtergrond = vakje.evaluate("(e) => getComputedStyle(e).backgroundColor")
    assert kleur(achtergrond)[:3] == GROEN, achtergrond


def test_primary_buttons_and_links_are_the_apps_green_and_the_favicon_is_served(formulierpagina, live_server):
    knop = formulierpagina.get_by_role("button", name="Opslaan", exact=True)
    assert kleur(knop.evaluate("(e) => getComputedStyle(e).backgroundColor"))[:3] == GROEN
    pictogram = formulierpagina.request.get(f"{live_server.url}/favicon.ico")
    assert pictogram.ok and pictogram.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert formulierpagina.locator("link[rel=icon]").count() >= 1
