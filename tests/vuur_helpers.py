"""What the tests that fire arbitrary values at forms share (tests/test_vijandige_invoer.py,
tests/test_formulieren_onder_vuur.py, tests/test_beheer_onder_vuur.py): hostile texts and files,
the forms of a page, the strategies for a form's fields, and the checks on what a post wrote."""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Q
from django.urls import resolve
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

tekst = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["x" * 5001, "é" * 6000, "👍🏽" * 3000, "ǅ\u202e\u200b" * 2000]),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e309",
            "NaN",
            "9" * 40,
            "2012-02-30",
            "31-12-9999",
            "1,5",
            "=1+1",
            "<script>",
            "\x00",
            "ja",
            "nee",
            "a",
            "b",
        ]
    ),
)
bestanden = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
    st.lists(st.lists(tekst, max_size=6), max_size=8).map(
        lambda rijen: "\n".join(";".join(r) for r in rijen).encode("utf-8", "surrogatepass")
    ),
    st.sampled_from(
        [b"PK\x03\x04rommel", b"\xef\xbb\xbf", b"cbs_code;peildatum;inwoners\nGM0344;1-1-2012;-5\n"]
    ),
)


# Rows that a refused post may write: the login lockout's log of failed attempts, and sessions.
GEEN_INHOUD = {"axes", "sessions", "admin", "contenttypes"}
# The audit trail records every attempt, a refused one too (decision 0021): a log, not content.
GEEN_INHOUD_MODELLEN = {"accounts.Auditregel"}

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
        if m._meta.app_label not in GEEN_INHOUD and m._meta.label not in GEEN_INHOUD_MODELLEN
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


def vaste_voorbeelden(velden: dict) -> list[dict]:
    """Two posts tried on every run besides hypothesis's draws: every field a number no key can
    be, and every field a word where a key belongs — each was a server error once."""
    namen = [naam for naam in velden if naam != "csrfmiddlewaretoken"]
    return [dict.fromkeys(namen, str(2**63)), dict.fromkeys(namen, "abc")]


# Few examples per form: every form of the project is fired at on every run of the suite, and
# hypothesis draws new values each time.
VUUR = settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
