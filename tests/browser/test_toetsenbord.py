"""An official completes the whole nulmeting with the keyboard only: Tab, Shift+Tab, the arrow keys
and Space in a group of radio buttons, Enter, and typing. At every Tab the focused element must
show a clear focus indicator and come later in the page than the one before (focus follows the
reading order), and the skip link comes first. A wrong number is corrected through the error
summary the page opens on."""

import re

import pytest
from playwright.sync_api import expect

from nulmeting.models import Meting
from tests.accounts.factories import WACHTWOORD
from tests.nulmeting.antwoorden import goed_of_niet
from tests.tweede_factor import app_van, code_voor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 80
GOED = {"VW-VERTALEN", "VW-VERBINDEN", "MZ-INFORMATIE", "MZ-RESPIJT"}

# What the focused element is, whether its focus can be seen, and whether it comes after the
# element focused before it on this page.
FOCUS = """() => {
  const el = document.activeElement;
  const stijl = getComputedStyle(el);
  const vorige = window.__gveVorigeFocus;
  const naVorige = !vorige || !document.contains(vorige) || vorige === el
    || Boolean(vorige.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  window.__gveVorigeFocus = el;
  const vak = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), naam: el.getAttribute("name") || "", id: el.id,
    href: el.getAttribute("href") || "",
    tekst: (el.innerText || el.value || "").trim().slice(0, 60), klasse: String(el.className || ""),
    zichtbaar: el.matches(":focus-visible") && stijl.outlineStyle !== "none" && parseFloat(stijl.outlineWidth) >= 2,
    inBeeld: vak.width > 0 && vak.height > 0 && vak.bottom > 0 && vak.right > 0
      && vak.top < innerHeight && vak.left < innerWidth,
    naVorige,
  };
}"""


class Toetsenbord:
    """The keyboard, with a check of the focus after every Tab."""

    def __init__(self, page):
        self.page = page
        self.gezien: list[dict] = []

    def focus(self) -> dict:
        return self.page.evaluate(FOCUS)

    def tab(self, terug: bool = False) -> dict:
        self.page.keyboard.press("Shift+Tab" if terug else "Tab")
        focus = self.focus()
        self.gezien.append(focus)
        beschrijving = f"{focus['tag']} name={focus['naam']!r} id={focus['id']!r} {focus['tekst']!r}"
        assert focus["zichtbaar"], f"no visible focus indicator on {beschrijving} ({self.page.url})"
        assert focus["inBeeld"], f"the focused element is off screen: {beschrijving}"
        # Tab goes down the page, Shift+Tab back up.
        richting = "down" if focus["naVorige"] else "back up"
        assert focus["naVorige"] is not terug, (
            f"focus went {richting} the page to {beschrijving} ({self.page.url})"
        )
        return focus

    def tab_tot(self, past, wat: str) -> dict:
        for _ in range(MAX_TABS):
            focus = self.tab()
            if past(focus):
                return focus
        raise AssertionError(f"{wat} not reached with {MAX_TABS} Tabs on {self.page.url}")

    def nieuwe_pagina(self) -> None:
        """After a page opened: the order check starts again."""
        self.page.wait_for_load_state()
        self.page.evaluate("() => { window.__gveVorigeFocus = null; }")


def met_naam(naam: str):
    return lambda focus: focus["naam"] == naam


def knop(tekst: str):
    return lambda focus: focus["tag"] == "button" and focus["tekst"] == tekst


def vraag_beantwoorden(toetsen: Toetsenbord, vraag, waarde: str) -> None:
    page = toetsen.page
    toetsen.tab_tot(met_naam(vraag.code), vraag.code)
    if vraag.opties:
        # Tab lands on the group's first radio button (none is chosen yet): Space chooses it,
        # each arrow key the next one.
        page.keyboard.press("Space")
        for _ in range([o.waarde for o in vraag.opties].index(waarde)):
            page.keyboard.press("ArrowDown")
        expect(page.locator(f'input[name="{vraag.code}"][value="{waarde}"]')).to_be_checked()
    else:
        page.keyboard.type(
            waarde.replace(".", ",") if vraag.type == "getal" else f"Toelichting {vraag.code}."
        )


def test_the_whole_nulmeting_can_be_completed_with_the_keyboard_only(
    page, live_server, ambtenaar_sudwest, nulmeting
):
    ambtenaar = ambtenaar_sudwest
    app = app_van(ambtenaar)
    # Bootstrap scrolls smoothly unless reduced motion is asked for; then a focused element is in
    # view at once, which the check after every Tab needs.
    page.emulate_media(reduced_motion="reduce")
    toetsen = Toetsenbord(page)
    basis = f"{live_server.url}/nulmeting/GM1900/nulmeting-2009"
    antwoorden = goed_of_niet(nulmeting.opbouw, GOED)

    # Logging in: the address field has the focus when the page opens.
    page.goto(f"{live_server.url}/account/inloggen/")
    assert toetsen.focus()["naam"] == "username"
    page.keyboard.type(ambtenaar.email)
    assert toetsen.tab()["naam"] == "password"
    assert toetsen.tab(terug=True)["naam"] == "username"  # Shift+Tab goes back
    assert toetsen.tab()["naam"] == "password"
    page.keyboard.type(WACHTWOORD)
    page.keyboard.press("Enter")
    # The second step: the code field has the focus; Enter sends it.
    page.wait_for_url(re.compile(r"/account/tweede-stap/"))
    toetsen.nieuwe_pagina()
    assert toetsen.focus()["naam"] == "code"
    page.keyboard.type(code_voor(app))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/overzicht/")
    toetsen.nieuwe_pagina()

    # The skip link comes first and is visible when focused; then the menu.
    eerste = toetsen.tab()
    assert "skip-link" in eerste["klasse"] and eerste["tekst"] == "Naar de inhoud"
    toetsen.tab_tot(
        lambda f: f["tag"] == "a" and f["tekst"] == "Vragenlijsten", "the menu item Vragenlijsten"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/nulmeting/")
    toetsen.nieuwe_pagina()
    toetsen.tab_tot(lambda f: f["tag"] == "a" and f["tekst"] == "Beginnen", "Beginnen")
    page.keyboard.press("Enter")

    for nummer, basisfunctie in enumerate(nulmeting.opbouw.basisfuncties, start=1):
        page.wait_for_url(re.compile(rf"{re.escape(basis)}/stap/{nummer}/$"))
        toetsen.nieuwe_pagina()
        expect(page.get_by_text(f"Stap {nummer} van 13")).to_be_visible()
        assert "skip-link" in toetsen.tab()["klasse"]
        page.keyboard.press("Enter")  # past the menu, straight to the content
        assert toetsen.focus()["id"] == "inhoud"
        getal = next((v for v in basisfunctie.vragen if v.type == "getal"), None)
        for vraag in basisfunctie.vragen:
            if vraag is getal and nummer == 2:
                fout_herstellen_met_het_toetsenbord(toetsen, vraag, antwoorden[vraag.code], basis)
                continue
            vraag_beantwoorden(toetsen, vraag, antwoorden.get(vraag.code, ""))
        verder = "Opslaan en volgende" if nummer < 13 else "Opslaan en naar samenvatting"
        toetsen.tab_tot(knop(verder), verder)
        page.keyboard.press("Enter")

    page.wait_for_url(re.compile(rf"{re.escape(basis)}/samenvatting/$"))
    toetsen.nieuwe_pagina()
    expect(page.get_by_role("heading", name="Samenvatting van uw antwoorden")).to_be_visible()
    assert "zonder antwoord" not in page.content()
    toetsen.tab_tot(knop("Definitief indienen"), "Definitief indienen")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"{re.escape(basis)}/uitslag/$"))
    expect(page.get_by_text("Ingediend. Hieronder ziet u de uitkomst.")).to_be_visible()

    meting = Meting.objects.get()
    assert meting.is_ingediend
    assert meting.scores.filter(goed_voor_elkaar=True).count() == len(GOED)
    opgeslagen = dict(meting.antwoorden.values_list("vraag__code", "waarde"))
    telt_mee = [v.code for v in nulmeting.opbouw.vragen if v.telt_mee]
    assert telt_mee and {c: opgeslagen.get(c) for c in telt_mee} == {c: antwoorden[c] for c in telt_mee}
    # Every one of these Tabs showed where the focus was, in the order of the page.
    assert len(toetsen.gezien) > 100


def fout_herstellen_met_het_toetsenbord(toetsen: Toetsenbord, vraag, goed: str, basis: str) -> None:
    """Type a wrong number and press Enter in the field: the page comes back on its error summary,
    whose link leads to the field, which is marked invalid and described by its message."""
    page = toetsen.page
    toetsen.tab_tot(met_naam(vraag.code), vraag.code)
    page.keyboard.type("veel")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in a field submits with the main button
    assert page.url == f"{basis}/stap/2/"
    toetsen.nieuwe_pagina()
    focus = toetsen.focus()
    assert focus["id"] == "foutoverzicht", f"the page should open on its error summary, not on {focus}"
    overzicht = page.locator("#foutoverzicht")
    expect(overzicht).to_have_attribute("role", "alert")
    expect(overzicht).to_contain_text("Vul een getal in")
    toetsen.tab_tot(lambda f: f["href"] == f"#id_{vraag.code}", "the link in the summary")
    page.keyboard.press("Enter")
    veld = page.locator(f'input[name="{vraag.code}"]')
    expect(veld).to_be_focused()
    expect(veld).to_have_attribute("aria-invalid", "true")
    beschreven = veld.get_attribute("aria-describedby").split()
    melding = page.locator(f'[id="id_{vraag.code}_error"]')
    assert melding.get_attribute("id") in beschreven
    expect(melding).to_have_text(re.compile("Vul een getal in, bijvoorbeeld 12 of 2,5."))
    # The other answers of the page were kept; correct the number and carry on from the field.
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(goed.replace(".", ","))
    page.evaluate("() => { window.__gveVorigeFocus = document.activeElement; }")  # go on from here
