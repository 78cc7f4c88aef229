"""Every page each role is served fits a phone: at 390 px wide nothing scrolls the page sideways.

The pages are those of the access matrix, as in the accessibility test (tests/browser/paginas.py).
Each is opened at 390 × 844 (a common phone) with every ``<details>`` opened (the tables under the
maps and charts), and fails when ``document.documentElement.scrollWidth`` is wider than the
viewport. A table may be wider than the screen, inside its own scroll box ({% schuifvak %}); the
failure names the elements that stick out of the page.
"""

import pytest

from tests.browser.paginas import GECONTROLEERDE_ROLLEN, html_paginas, inloggen, objecten_voor
from tests.toegangsmatrix import client_voor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]

TELEFOON = {"width": 390, "height": 844}

# The outermost elements whose right edge lies past the viewport, outside a scroll box of their own.
UITSTEKEND = """() => {
  const breedte = document.documentElement.clientWidth;
  const naam = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  const uit = [];
  for (const e of document.body.querySelectorAll("*")) {
    const vak = e.getBoundingClientRect();
    if (vak.width === 0 || vak.right <= breedte + 1) continue;
    const ouder = e.parentElement.getBoundingClientRect();
    if (e.parentElement !== document.body && ouder.right > breedte + 1) continue;
    uit.push(`${naam(e)} (${Math.round(vak.right)} px): ${(e.textContent || "").trim().slice(0, 60)}`);
  }
  return uit.slice(0, 10);
}"""


def breedte_op_telefoon(page, url: str) -> tuple[int, list[str]]:
    response = page.goto(url)
    assert response.ok, f"{url}: HTTP {response.status}"
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    return page.evaluate("() => document.documentElement.scrollWidth"), page.evaluate(UITSTEKEND)


@pytest.mark.parametrize("rol", GECONTROLEERDE_ROLLEN)
def test_no_page_a_role_is_served_scrolls_sideways_at_390_px(
    page, live_server, referentiedata, django_capture_on_commit_callbacks, rol
):
    objecten = objecten_voor(rol, django_capture_on_commit_callbacks)
    client = client_voor(rol, objecten)
    urls = html_paginas(rol, objecten, client)
    assert len(urls) >= (3 if rol == "anoniem" else 8), urls  # the matrix really gave pages
    inloggen(page, live_server, client)
    page.set_viewport_size(TELEFOON)

    te_breed = {}
    for url in urls:
        breedte, uitstekend = breedte_op_telefoon(page, f"{live_server.url}{url}")
        if breedte > TELEFOON["width"]:
            te_breed[url] = (breedte, uitstekend)
    print(f"390 px: {len(urls)} pages checked as {rol}")
    assert not te_breed, f"Pages wider than a phone ({TELEFOON['width']} px) as {rol}:\n" + "\n".join(
        f"{url}: {breedte} px\n    " + "\n    ".join(uitstekend)
        for url, (breedte, uitstekend) in te_breed.items()
    )


@pytest.mark.parametrize("rol", [r for r in GECONTROLEERDE_ROLLEN if r != "anoniem"])
def test_the_menu_fits_a_laptop_from_the_width_it_opens_at(
    page, live_server, referentiedata, django_capture_on_commit_callbacks, rol
):
    """From 992 px the menu is spelled out instead of behind a button; however many items a
    role has, it wraps rather than pushing the page sideways (the adviser's had 12)."""
    objecten = objecten_voor(rol, django_capture_on_commit_callbacks)
    inloggen(page, live_server, client_voor(rol, objecten))
    for breedte in (992, 1280, 1366):
        page.set_viewport_size({"width": breedte, "height": 800})
        gemeten, uitstekend = breedte_op_telefoon(page, f"{live_server.url}/overzicht/")
        assert gemeten <= breedte, f"{rol} at {breedte} px: {gemeten} px wide\n    " + "\n    ".join(
            uitstekend
        )
        assert (
            page.get_by_role("navigation", name="Hoofdmenu")
            .get_by_role("link", name="Overzicht")
            .is_visible()
        )
