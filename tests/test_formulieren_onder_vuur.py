"""Every form under fire: each view that handles a form, found on the pages of the access matrix,
is posted arbitrary values for its own fields by the role that may use it.

A post is either refused — a page with a Dutch message tied to a field (``invalid-feedback``
that an ``aria-describedby`` points at) or to the form (the error summary), or a redirect with a
Dutch error message (a button that cannot do its work now), and not one row written — or
accepted as a complete change (a redirect, with every record whole). Without its
CSRF token, every post is refused with a 403 and writes nothing.

Which views handle a form is read from the URL resolver: every view whose code reads a post must
be declared in FORMULIEREN, and each declared form must be found on a page of the matrix, served to
its role, for an object its post can change — so a view is never fired at only to be refused whole
(a 403, 404 or 405 fails the test). The Django admin's forms are under fire in
tests/test_beheer_onder_vuur.py.

Extends tests/test_vijandige_invoer.py (hand-picked forms, imports) to every form of the project.
"""

import inspect
import re
from dataclasses import dataclass
from html import unescape

import pytest
from django.contrib.messages import constants, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.views.generic import RedirectView
from hypothesis import example, given

from tests.toegangsmatrix import (
    MATRIX,
    ROLLEN,
    alle_namen,
    client_voor,
    kwargs_voor,
    objecten_maken,
    uitkomsten_voor,
)
from tests.vuur_helpers import (
    ENGELS,
    VUUR,
    alles_heel,
    formulieren_op,
    invoer,
    tellingen,
    vaste_voorbeelden,
    view_naam,
)

# Each view that handles a form: the role that posts to it, and the page its form is on (None: the
# view's own page), for one of the objects the matrix declares that page for (the first whose page
# holds the form: a concept meting's steps, a failed report's retry, a deleted session's restore,
# the password form behind a working link). The declaration is checked against the views that read
# a post (from the URL resolver) and against the forms found on every page of the matrix.
FORMULIEREN = {
    "accounts:login": ("anoniem", None),
    "accounts:logout": ("adviseur_x", "portaal:dashboard"),
    "accounts:wachtwoord_vergeten": ("anoniem", None),
    "accounts:wachtwoord_nieuw": ("anoniem", None),
    "accounts:uitnodigen": ("coordinator", None),
    "accounts:uitnodiging": ("anoniem", None),
    "accounts:tweede_factor": ("tweede_stap", None),
    "accounts:tweede_factor_instellen": ("tweede_stap_nieuw", None),
    "accounts:tweede_factor_resetten": ("coordinator", "accounts:toegangsoverzicht"),
    "portaal:persoonsgegevens_wissen": ("coordinator", None),
    "gemeenten:inwoners_import": ("coordinator", None),
    "gemeenten:contactpersonen_import": ("coordinator", None),
    "gemeenten:contactpersoon_nieuw": ("gemeente_a", None),
    "gemeenten:contactpersoon_bewerken": ("gemeente_a", None),
    "gemeenten:contactpersoon_verwijderen": ("gemeente_a", "gemeenten:contactpersoon_bewerken"),
    "nulmeting:importeren": ("coordinator", None),
    "nulmeting:eenmeting_openen": ("coordinator", None),
    "nulmeting:typetest": ("gemeente_a", None),
    "nulmeting:heropenen": ("coordinator", "nulmeting:uitslag"),
    "nulmeting:invullen": ("gemeente_a", None),
    "nulmeting:samenvatting": ("gemeente_a", None),
    "advies:nieuw": ("adviseur_x", None),
    "advies:importeren": ("coordinator", None),
    "advies:bewerken": ("adviseur_x", None),
    "advies:verwijderen": ("adviseur_x", "advies:verwijderen"),  # on its confirmation page
    "advies:herstellen": ("coordinator", "advies:detail"),
    "advies:traject_nieuw": ("adviseur_x", None),
    "advies:traject_bewerken": ("adviseur_x", None),
    "advies:adviseurs": ("coordinator", None),
    "advies:adviseur_beeindigen": ("coordinator", "advies:adviseurs"),
    "advies:adviseur_verplaatsen": ("coordinator", "advies:adviseurs"),
    "advies:aanvraag_nieuw": ("gemeente_a", None),
    "advies:aanvraag_aannemen": ("adviseur_x", "advies:aanvraag_detail"),
    "advies:beleidsstap": ("gemeente_a", None),
    "advies:bijeenkomst_nieuw": ("adviseur_x", None),
    "advies:bijeenkomst_bewerken": ("adviseur_x", None),
    "rapportage:lijst": ("coordinator", None),
    "rapportage:opnieuw": ("adviseur_x", "rapportage:detail"),
    "rapportage:planning": ("coordinator", "rapportage:lijst"),
    "rondes:nieuw": ("coordinator", None),
    "rondes:uitnodigen": ("coordinator", "rondes:detail"),
    "rondes:sluiten": ("coordinator", "rondes:detail"),
    "rondes:heropenen": ("coordinator", None),
    "rondes:pauzeren": ("coordinator", "rondes:detail"),
    "rondes:opnieuw_versturen": ("coordinator", "rondes:detail"),
    "api:sleutels": ("coordinator", None),
    "api:sleutel_intrekken": ("coordinator", "api:sleutels"),
    "accounts:passkeys": ("coordinator", None),
}

# Views that read a post but serve no form: django-otp-webauthn's JSON ceremonies, posted by its
# script (tests/accounts/test_passkeys.py sends them bad bodies; tests/browser/test_passkeys.py
# runs them in Chromium).
GEEN_FORMULIER = {
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
}

# Views that serve another form to another role: the adviser's reaction on a plan step, beside
# the official's form for the step itself.
OOK_VOOR = {"advies:beleidsstap": [("adviseur_x", None)]}
SCHUTTERS = sorted(
    [(naam, rol, bron) for naam, (rol, bron) in FORMULIEREN.items()]
    + [(naam, rol, bron) for naam, extra in OOK_VOOR.items() for rol, bron in extra]
)

# Forms on pages no role of the matrix is served: the second step of logging in (a session past
# the password only; tests/toegangsmatrix.HALF_INGELOGD) and erasure (on the search result for
# one address). Their page, for the role FORMULIEREN names.
BUITEN_MATRIX = {
    "accounts:tweede_factor": "/account/tweede-stap/",
    "accounts:tweede_factor_instellen": "/account/tweede-stap/instellen/",
    "portaal:persoonsgegevens_wissen": "/persoonsgegevens/?email=nieuw@example.nl",
}

FOUT_BIJ_VELD = re.compile(
    r'class="[^"]*invalid-feedback[^"]*"[^>]*\bid="([^"]+)"|\bid="([^"]+)"[^>]*class="[^"]*invalid-feedback'
)


def meldingen(html: str) -> list[str]:
    """The error messages of a page sent back: those tied to a field (an ``invalid-feedback``
    element whose id an ``aria-describedby`` names) and those of the form's error summary (the
    ``data-foutoverzicht`` block: the form's, or an import's list of rows to correct)."""
    teksten = []
    for match in FOUT_BIJ_VELD.finditer(html):
        id_ = match.group(1) or match.group(2)
        if re.search(rf'aria-describedby="[^"]*\b{re.escape(id_)}\b', html):
            rest = html[match.end() :]
            teksten.append(re.sub(r"<[^>]+>", " ", rest[rest.index(">") + 1 : rest.index("</")]))
    for overzicht in re.findall(r"<div[^>]*data-foutoverzicht[^>]*>(.*?)</div>", html, re.DOTALL):
        teksten += re.findall(r"<li>(.*?)</li>", re.sub(r"</?a[^>]*>", "", overzicht), re.DOTALL)
    return [t for t in (unescape(t).strip() for t in teksten) if t]


@pytest.fixture
def objecten(referentiedata, django_capture_on_commit_callbacks):
    return objecten_maken(capture_on_commit=django_capture_on_commit_callbacks, met_rapport=False)


def leest_een_post(view) -> bool:
    """Whether a view handles a form: a class-based view with a ``post`` method (not a redirect,
    which answers every method alike), or a function whose code (decorators included) reads the
    post or asks for one."""
    klasse = getattr(view, "view_class", None)
    if klasse is not None:
        return callable(getattr(klasse, "post", None)) and not issubclass(klasse, RedirectView)
    bron = inspect.getsource(view)
    return any(teken in bron for teken in ("request.POST", "request.FILES", "request.method", "require_POST"))


def test_every_view_that_reads_a_post_is_under_fire():
    """From the URL resolver: the views that handle a form are exactly those in FORMULIEREN (the
    admin, with its own tests, apart)."""
    namen = {
        naam
        for naam, p in alle_namen()
        if not naam.startswith("admin:") and naam not in GEEN_FORMULIER and leest_een_post(p.callback)
    }
    assert namen == set(FORMULIEREN), (
        f"undeclared: {namen - set(FORMULIEREN)}; not a form: {set(FORMULIEREN) - namen}"
    )
    # the control: pages that only show, and views that only take a GET, are not counted
    assert not {"home", "advies:lijst", "portaal:dashboard", "accounts:wachtwoord_verstuurd"} & namen


def test_every_form_handling_view_is_declared(objecten):
    """Every post form on every page of the matrix (following redirects), as every role served it,
    posts to a view in FORMULIEREN (the admin, with its own tests, apart)."""
    gevonden = set()
    for naam, (methode, verwacht) in MATRIX.items():
        if methode != "GET":
            continue
        for argumenten in kwargs_voor(naam, objecten):
            url = reverse(naam, kwargs=argumenten() if callable(argumenten) else argumenten)
            for rol, teken in zip(ROLLEN, uitkomsten_voor(argumenten, verwacht), strict=True):
                if teken != "O":
                    continue
                response = client_voor(rol, objecten).get(url, follow=True)
                if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                    continue
                adres = response.redirect_chain[-1][0] if response.redirect_chain else url
                for formulier in formulieren_op(response.content.decode()):
                    gevonden.add(view_naam(formulier["action"] or adres))
    gevonden |= set(BUITEN_MATRIX)
    assert gevonden == set(FORMULIEREN), (
        f"undeclared: {gevonden - set(FORMULIEREN)}; stale: {set(FORMULIEREN) - gevonden}"
    )


@dataclass
class Formulier:
    rol: str
    pagina: str  # where the form is served
    url: str  # where it posts to
    velden: dict
    via_omleiding: bool  # the page is reached through a redirect that leaves state in the session

    def client(self, objecten: dict, *, csrf: bool = False) -> Client:
        """A client of the form's role, that has opened the page first where the page's link
        leaves state in the session (the password link keeps its token there)."""
        client = client_voor(self.rol, objecten, csrf=csrf)
        if self.via_omleiding:
            client.get(self.pagina, follow=True)
        return client


def formulier_van(naam: str, objecten: dict, rol: str | None = None, bron: str | None = None) -> Formulier:
    """The form of view ``naam`` for ``rol`` (by default the role FORMULIEREN declares), on the
    first page of its source that holds it."""
    if rol is None:
        rol, bron = FORMULIEREN[naam]
    gezien = []
    paginas = (
        [BUITEN_MATRIX[naam]]
        if naam in BUITEN_MATRIX
        else [
            reverse(bron or naam, kwargs=a() if callable(a) else a)
            for a in kwargs_voor(bron or naam, objecten)
        ]
    )
    for pagina in paginas:
        response = client_voor(rol, objecten).get(pagina, follow=True)
        gezien.append(f"{pagina} ({response.status_code})")
        if response.status_code != 200:
            continue
        adres = response.redirect_chain[-1][0] if response.redirect_chain else pagina
        for formulier in formulieren_op(response.content.decode()):
            if view_naam(formulier["action"] or adres) == naam:
                url = formulier["action"] or adres
                return Formulier(rol, pagina, url, formulier["velden"], bool(response.redirect_chain))
    raise AssertionError(f"no form of {naam} for {rol} on {', '.join(gezien)}")


def beoordelen(response, voor: dict, waar: str) -> None:
    assert response.status_code < 500, f"{waar}: {response.content[:500]}"
    # the form's own role, on an object it may change: a refusal of the post as a whole would
    # mean that the values never reached the form
    assert response.status_code not in (403, 404, 405), f"{waar}: refused whole ({response.status_code})"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        teksten = meldingen(html)
        assert teksten, f"{waar}: sent back without a message tied to a field or the form"
        engels = [t for t in teksten if ENGELS.search(t)]
        assert not engels, f"{waar}: a message in English: {engels}"
        assert tellingen() == voor, f"{waar}: refused, yet rows were written"
    elif response.status_code in (301, 302, 303):
        fouten = [str(m) for m in get_messages(response.wsgi_request) if m.level >= constants.ERROR]
        if fouten:  # refused, and said so on the page it leads to
            engels = [t for t in fouten if ENGELS.search(t)]
            assert not engels, f"{waar}: a message in English: {engels}"
            assert tellingen() == voor, f"{waar}: refused ({fouten}), yet rows were written"
        assert alles_heel() == [], f"{waar}: accepted, yet a record is incomplete"
    else:
        assert tellingen() == voor, f"{waar}: refused ({response.status_code}), yet rows were written"


@pytest.mark.parametrize(("naam", "rol", "bron"), SCHUTTERS)
def test_every_form_refuses_anything_odd_in_dutch_without_a_partial_write(naam, rol, bron, objecten):
    formulier = formulier_van(naam, objecten, rol, bron)

    @VUUR
    @given(data=invoer(formulier.velden))
    def vuur(data):
        with transaction.atomic():
            client = formulier.client(objecten)
            voor = tellingen()
            for waarde in data.values():
                for bestand in waarde if isinstance(waarde, list) else [waarde]:
                    if isinstance(bestand, SimpleUploadedFile):
                        bestand.seek(0)
            waar = f"{formulier.rol} POST {formulier.url} {data!r:.300}"
            beoordelen(client.post(formulier.url, data), voor, waar)
            transaction.set_rollback(True)

    for voorbeeld in vaste_voorbeelden(formulier.velden):
        vuur = example(data=voorbeeld)(vuur)
    vuur()


@pytest.mark.parametrize(("naam", "rol", "bron"), SCHUTTERS)
def test_every_post_without_its_csrf_token_is_refused(naam, rol, bron, objecten):
    formulier = formulier_van(naam, objecten, rol, bron)
    client = formulier.client(objecten, csrf=True)
    velden = formulier.velden
    data = {n: v["waarden"][0] for n, v in velden.items() if v["waarden"] and n != "csrfmiddlewaretoken"}
    voor = tellingen()
    response = client.post(formulier.url, data)
    assert response.status_code == 403, (formulier.url, response.status_code)
    assert tellingen() == voor
    # the control: the same post with the token of the form's page is not refused
    client.get(formulier.pagina, follow=True)
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    assert client.post(formulier.url, data).status_code != 403, formulier.url
