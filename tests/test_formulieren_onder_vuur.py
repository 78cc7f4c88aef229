"""Every form under fire: each view that handles a form, found on the pages of the access matrix,
is posted arbitrary values for its own fields by the role that may use it.

A post is either refused — a page with a Dutch message tied to a field (``invalid-feedback``
that an ``aria-describedby`` points at) or to the form (the error summary), and not one row
written — or accepted as a complete change (a redirect, with every record whole). Without its
CSRF token, every post is refused with a 403 and writes nothing.

Extends tests/test_vijandige_invoer.py (hand-picked forms, imports) to every form of the project.
"""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Q
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_vijandige_invoer import bestanden, tekst
from tests.toegangsmatrix import MATRIX, ROLLEN, client_voor, kwargs_voor, objecten_maken

# Each view that handles a form: the role that posts to it, and the page its form is on (None: the
# view's own page). The declaration is checked against the forms found on every page of the matrix.
# Not on a page of the matrix's objects, so not here: restoring a session (none is deleted) and
# the questionnaire of scope A (already submitted; test_vijandige_invoer fires at its steps).
FORMULIEREN = {
    "accounts:login": ("anoniem", None),
    "accounts:logout": ("adviseur_x", "portaal:dashboard"),
    "accounts:wachtwoord_vergeten": ("anoniem", None),
    "accounts:uitnodigen": ("coordinator", None),
    "accounts:uitnodiging": ("anoniem", None),
    "gemeenten:inwoners_import": ("coordinator", None),
    "gemeenten:contactpersonen_import": ("coordinator", None),
    "gemeenten:contactpersoon_nieuw": ("gemeente_a", None),
    "gemeenten:contactpersoon_bewerken": ("gemeente_a", None),
    "gemeenten:contactpersoon_verwijderen": ("gemeente_a", "gemeenten:contactpersoon_bewerken"),
    "nulmeting:importeren": ("coordinator", None),
    "nulmeting:eenmeting_openen": ("coordinator", None),
    "nulmeting:typetest": ("gemeente_a", None),
    "nulmeting:heropenen": ("coordinator", "nulmeting:uitslag"),
    "advies:nieuw": ("adviseur_x", None),
    "advies:importeren": ("coordinator", None),
    "advies:bewerken": ("adviseur_x", None),
    "advies:verwijderen": ("adviseur_x", "advies:detail"),
    "advies:traject_nieuw": ("adviseur_x", None),
    "advies:traject_bewerken": ("adviseur_x", None),
    "advies:adviseurs": ("coordinator", None),
    "advies:adviseur_beeindigen": ("coordinator", "advies:adviseurs"),
    "advies:adviseur_verplaatsen": ("coordinator", "advies:adviseurs"),
    "rapportage:lijst": ("coordinator", None),
    "rondes:nieuw": ("coordinator", None),
    "rondes:uitnodigen": ("coordinator", "rondes:detail"),
    "rondes:sluiten": ("coordinator", "rondes:detail"),
    "rondes:heropenen": ("coordinator", None),
    "rondes:pauzeren": ("coordinator", "rondes:detail"),
    "rondes:opnieuw_versturen": ("coordinator", "rondes:detail"),
}

# Rows that a refused post may write: the login lockout's log of failed attempts, and sessions.
GEEN_INHOUD = {"axes", "sessions", "admin", "contenttypes"}

# English words that Django's own messages use and a Dutch message does not.
ENGELS = re.compile(
    r"\b(this field|enter a|select a|ensure|is required|not a valid|valid choice|please|"
    r"submitted|the |must be|invalid|characters\)|upload a|no file)\b",
    re.IGNORECASE,
)


class Formulieren(HTMLParser):
    """The ``<form method="post">`` elements of a page: action and fields (name → kind, values)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.formulieren: list[dict] = []
        self._huidig: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._huidig = {"action": a.get("action") or "", "velden": {}}
            self.formulieren.append(self._huidig)
        elif self._huidig is None or not a.get("name"):
            if tag == "option" and self._huidig is not None and self._select:
                self._huidig["velden"][self._select]["waarden"].append(a.get("value", ""))
        elif tag == "input":
            veld = self._huidig["velden"].setdefault(
                a["name"], {"soort": (a.get("type") or "text").lower(), "waarden": []}
            )
            veld["waarden"].append(a.get("value", "on" if a.get("type") in ("checkbox", "radio") else ""))
        elif tag in ("select", "textarea"):
            self._huidig["velden"].setdefault(a["name"], {"soort": tag, "waarden": []})
            self._select = a["name"] if tag == "select" else None

    def handle_endtag(self, tag):
        if tag == "form":
            self._huidig = None
        elif tag == "select":
            self._select = None


def formulieren_op(html: str) -> list[dict]:
    parser = Formulieren()
    parser.feed(html)
    return parser.formulieren


def view_naam(url: str) -> str:
    match = resolve(url.split("?")[0])
    return match.view_name


def tellingen() -> dict[str, int]:
    """The number of rows of every model of the project and of Django's auth (groups, users)."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in GEEN_INHOUD
    }


def alles_heel() -> list[str]:
    """The records that a form writes in parts, each complete: a session has its municipalities and
    themes, a traject its municipalities, a round its participants, a contact a name and address."""
    Adviesgesprek = apps.get_model("advies", "Adviesgesprek")
    Adviestraject = apps.get_model("advies", "Adviestraject")
    Ronde = apps.get_model("rondes", "Ronde")
    Contactpersoon = apps.get_model("gemeenten", "Contactpersoon")
    fouten = [
        f"gesprek {g.pk} half" for g in Adviesgesprek.objects.filter(Q(gemeenten=None) | Q(themas=None))
    ]
    fouten += [f"traject {t.pk} half" for t in Adviestraject.objects.filter(gemeenten=None)]
    fouten += [
        f"ronde {r.pk} zonder deelnemers" for r in Ronde.objects.annotate(n=Count("deelnemers")).filter(n=0)
    ]
    fouten += [
        f"contactpersoon {c.pk} half"
        for c in Contactpersoon.objects.all()
        if not (c.naam.strip() and "@" in c.email)
    ]
    return fouten


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


def pagina_url(naam: str, objecten: dict) -> str:
    argumenten = kwargs_voor(naam, objecten)[0]
    return reverse(naam, kwargs=argumenten() if callable(argumenten) else argumenten)


def test_every_form_handling_view_is_declared(objecten):
    """Every post form on every page of the matrix, as every role served it, posts to a view in
    FORMULIEREN (the admin, with its own tests, apart)."""
    gevonden = set()
    for naam, (methode, verwacht) in MATRIX.items():
        if methode != "GET":
            continue
        for argumenten in kwargs_voor(naam, objecten):
            url = reverse(naam, kwargs=argumenten() if callable(argumenten) else argumenten)
            for rol, teken in zip(ROLLEN, verwacht, strict=True):
                if teken != "O":
                    continue
                response = client_voor(rol, objecten).get(url)
                if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                    continue
                for formulier in formulieren_op(response.content.decode()):
                    gevonden.add(view_naam(formulier["action"] or url))
    assert gevonden == set(FORMULIEREN), (
        f"undeclared: {gevonden - set(FORMULIEREN)}; stale: {set(FORMULIEREN) - gevonden}"
    )


def formulier_van(naam: str, objecten: dict) -> tuple[str, str, dict]:
    """The role, the URL to post to and the fields of the form of view ``naam``."""
    rol, bron = FORMULIEREN[naam]
    pagina = pagina_url(bron or naam, objecten)
    response = client_voor(rol, objecten).get(pagina)
    assert response.status_code == 200, (naam, pagina, response.status_code)
    for formulier in formulieren_op(response.content.decode()):
        if view_naam(formulier["action"] or pagina) == naam:
            return rol, formulier["action"] or pagina, formulier["velden"]
    raise AssertionError(f"no form of {naam} on {pagina}")


def veldwaarde(veld: dict) -> st.SearchStrategy:
    """Arbitrary values for one field: left out, one of the page's own values, hostile text,
    several values at once, or — for an upload — arbitrary bytes as a file."""
    if veld["soort"] == "file":
        return st.builds(
            SimpleUploadedFile, st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x.pdf"]), bestanden
        )
    eigen = [w for w in veld["waarden"] if w is not None]
    return st.one_of(
        st.sampled_from(eigen) if eigen else tekst,
        tekst,
        st.lists(st.one_of(st.sampled_from(eigen) if eigen else tekst, tekst), min_size=2, max_size=4),
    )


def invoer(velden: dict) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {},
        optional={naam: veldwaarde(veld) for naam, veld in velden.items() if naam != "csrfmiddlewaretoken"},
    )


INSTELLINGEN = settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def beoordelen(response, voor: dict, waar: str) -> None:
    assert response.status_code < 500, f"{waar}: {response.content[:500]}"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        teksten = meldingen(html)
        assert teksten, f"{waar}: sent back without a message tied to a field or the form"
        engels = [t for t in teksten if ENGELS.search(t)]
        assert not engels, f"{waar}: a message in English: {engels}"
        assert tellingen() == voor, f"{waar}: refused, yet rows were written"
    elif response.status_code in (301, 302, 303):
        assert alles_heel() == [], f"{waar}: accepted, yet a record is incomplete"
    else:
        assert tellingen() == voor, f"{waar}: refused ({response.status_code}), yet rows were written"


@pytest.mark.parametrize("naam", sorted(FORMULIEREN))
def test_every_form_refuses_anything_odd_in_dutch_without_a_partial_write(naam, objecten):
    rol, url, velden = formulier_van(naam, objecten)

    @INSTELLINGEN
    @given(data=invoer(velden))
    def vuur(data):
        with transaction.atomic():
            client = client_voor(rol, objecten)
            voor = tellingen()
            for waarde in data.values():
                for bestand in waarde if isinstance(waarde, list) else [waarde]:
                    if isinstance(bestand, SimpleUploadedFile):
                        bestand.seek(0)
            beoordelen(client.post(url, data), voor, f"{rol} POST {url} {data!r:.300}")
            transaction.set_rollback(True)

    vuur()


@pytest.mark.parametrize("naam", sorted(FORMULIEREN))
def test_every_post_without_its_csrf_token_is_refused(naam, objecten):
    rol, url, velden = formulier_van(naam, objecten)
    client = Client(enforce_csrf_checks=True)
    if rol != "anoniem":
        client.force_login(objecten[rol], backend="django.contrib.auth.backends.ModelBackend")
    data = {n: v["waarden"][0] for n, v in velden.items() if v["waarden"] and n != "csrfmiddlewaretoken"}
    voor = tellingen()
    response = client.post(url, data)
    assert response.status_code == 403, (url, response.status_code)
    assert tellingen() == voor
    # the control: the same post with the token of the form's page is not refused
    client.get(pagina_url(FORMULIEREN[naam][1] or naam, objecten))
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    assert client.post(url, data).status_code != 403, url
