"""axe-core in Chromium on every page each role is served, and on the forms in their error state.

"Every page" is not a list kept by hand: it is the access matrix (tests/toegangsmatrix.py, checked
by tests/test_access_matrix.py), which declares for every URL of the project which roles are served
it, and whose setup builds the objects those URLs point at. Each GET URL a role is served, that answers as an HTML page (not a
PDF/CSV/XLSX/JSON download), is opened in the browser as that role and checked. A page added
to the project must be declared in the matrix, and is from then on checked here too.

A failure prints every serious or critical violation with its rule, the element and axe's help;
moderate and minor findings are printed for information.
"""

import pytest
from django.urls import reverse

from tests.browser.paginas import GECONTROLEERDE_ROLLEN, html_paginas, inloggen, objecten_voor
from tests.browser.toegankelijkheid import ernstige, overtredingen, verslag
from tests.toegangsmatrix import client_voor, kwargs_voor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]


@pytest.mark.parametrize("rol", GECONTROLEERDE_ROLLEN)
def test_every_page_a_role_is_served_has_no_serious_axe_violation(
    page, live_server, referentiedata, django_capture_on_commit_callbacks, rol
):
    objecten = objecten_voor(rol, django_capture_on_commit_callbacks)
    client = client_voor(rol, objecten)
    urls = html_paginas(rol, objecten, client)
    assert len(urls) >= (3 if rol == "anoniem" else 8), urls  # the matrix really gave pages
    inloggen(page, live_server, client)

    fout, info = {}, {}
    for url in urls:
        response = page.goto(f"{live_server.url}{url}")
        assert response.ok, f"{url}: HTTP {response.status}"
        gevonden = overtredingen(page)
        if ernstig := ernstige(gevonden):
            fout[url] = ernstig
        if rest := [v for v in gevonden if v not in ernstig]:
            info[url] = rest
    print(f"axe: {len(urls)} pages checked as {rol}")
    if info:
        print(f"Moderate/minor findings as {rol}:\n{verslag(info)}")
    assert not fout, f"Serious or critical accessibility violations as {rol}:\n{verslag(fout)}"


# --- forms in their error state ------------------------------------------------------------------
# (role, URL name, kwargs, {label: value} to fill in, button). The values are wrong on purpose.
FOUTTOESTANDEN = [
    ("anoniem", "accounts:login", {}, {"E-mailadres": "iemand@example.nl", "Wachtwoord": "fout"}, "Inloggen"),
    ("anoniem", "accounts:login", {}, {}, "Inloggen"),
    ("anoniem", "accounts:wachtwoord_vergeten", {}, {"E-mailadres": "geen adres"}, "Link versturen"),
    ("anoniem", "accounts:uitnodiging", None, {}, "Account aanmaken"),
    ("gemeente_a", "nulmeting:typetest", {"cbs_code": "GM1900"}, {}, "Uitslag bekijken"),
    ("adviseur_x", "advies:nieuw", {}, {}, "Opslaan"),
    ("adviseur_x", "advies:traject_nieuw", {}, {}, "Opslaan"),
    ("adviseur_x", "advies:bijeenkomst_nieuw", {}, {"Aantal deelnemers": "0"}, "Opslaan"),
    ("gemeente_a", "advies:aanvraag_nieuw", {"cbs_code": "GM1900"}, {}, "Aanvraag versturen"),
    (
        "gemeente_a",
        "advies:beleidsstap",
        {"cbs_code": "GM1900", "stap": 2},
        {"Datum": "31-2-2012"},
        "Opslaan",
    ),
    (
        "adviseur_x",
        "accounts:uitnodigen",
        {},
        {"E-mailadres van de ambtenaar": "geen adres"},
        "Uitnodiging versturen",
    ),
    ("coordinator", "nulmeting:importeren", {}, {}, "Importeren"),
    ("coordinator", "nulmeting:eenmeting_openen", {}, {"Code": "Geen code!"}, "Openen"),
    ("coordinator", "advies:importeren", {}, {}, "Importeren"),
    ("coordinator", "advies:adviseurs", {}, {}, "Toevoegen"),
    ("coordinator", "gemeenten:inwoners_import", {}, {}, "Laden"),
    ("coordinator", "rapportage:lijst", {}, {"Peildatum (eindrapportage)": ""}, "Aanvragen"),
    ("coordinator", "nulmeting:uitslag", {"cbs_code": "GM1900", "code": "nulmeting-2009"}, {}, "Heropenen"),
]


@pytest.mark.parametrize("rol", GECONTROLEERDE_ROLLEN)
def test_forms_in_their_error_state_have_no_serious_violation_and_tie_errors_to_fields(
    page, live_server, referentiedata, django_capture_on_commit_callbacks, rol
):
    objecten = objecten_voor(rol, django_capture_on_commit_callbacks)
    inloggen(page, live_server, client_voor(rol, objecten))
    fout, veldlinks = {}, 0
    for _, naam, kwargs, invullen, knop in [f for f in FOUTTOESTANDEN if f[0] == rol]:
        url = reverse(naam, kwargs=kwargs if kwargs is not None else kwargs_voor(naam, objecten)[0])
        page.goto(f"{live_server.url}{url}")
        for label, waarde in invullen.items():
            page.get_by_label(label).fill(waarde)
        page.get_by_role("button", name=knop, exact=True).click()
        page.wait_for_load_state()
        sleutel = f"{url} (after '{knop}' with errors)"
        # The page opens on its error summary: announced, focused, with a working link per field.
        overzicht = page.locator("[data-foutoverzicht]")
        assert overzicht.count() == 1, f"{sleutel}: no error summary"
        assert overzicht.get_attribute("role") == "alert", sleutel
        assert page.evaluate("() => document.activeElement.matches('[data-foutoverzicht]')"), (
            f"{sleutel}: focus is not on the error summary"
        )
        doelen = [link.get_attribute("href")[1:] for link in overzicht.locator("a[href^='#']").all()]
        ontbrekend = [d for d in doelen if page.locator(f"[id='{d}']").count() != 1]
        assert ontbrekend == [], f"{sleutel}: summary links to missing {ontbrekend}"
        veldlinks += len(doelen)
        if ernstig := ernstige(overtredingen(page)):
            fout[sleutel] = ernstig
    assert veldlinks, f"no error summary as {rol} linked to a field"
    assert not fout, f"Serious or critical accessibility violations as {rol}:\n{verslag(fout)}"
