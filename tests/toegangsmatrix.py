"""The access matrix: for every URL name of the project, the outcome each role must get, and the
objects of "scope A" the URLs point at — Súdwest-Fryslân (Friesland), its official and the
Partoer adviser; and Sneek, which merged into it, whose results A's official may see. Outcomes per role, in the order of ROLLEN: L = sent to a login page,
N = refused (403/404), O = served (200, or a redirect elsewhere).

Some pages are declared for several objects, one per state its forms depend on: a concept meting
(the questionnaire's steps and its submit form) next to a submitted one, a failed report (its retry
form) next to a waiting one, a password link that works next to one that does not, and a deleted
session (its restore form; see ``Toestand``) next to a current one.

tests/test_access_matrix.py requests every URL as every role against it; the accessibility tests
(tests/browser/test_toegankelijkheid.py) open every page a role is served here, and
tests/test_formulieren_onder_vuur.py fires at every form on those pages.
"""

import datetime
import io
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp_webauthn.models import WebAuthnCredential

from accounts.services import uitnodiging_maken
from advies.services import (
    adviesaanvraag_indienen,
    adviesgesprek_verwijderen,
    adviestraject_opslaan,
    beleidsstap_bijwerken,
    bijeenkomst_opslaan,
)
from api.services import api_sleutel_maken
from gemeenten.models import Gemeente, Inwonertal, Organisatie
from importen.models import Importrun
from nulmeting.models import TypetestUitslag, Vragenlijst
from nulmeting.services import antwoorden_opslaan, eenmeting_openen, vragenlijsten_laden
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from rapportage.bouwen import rapport_bouwen
from rapportage.models import Rapport
from rondes.services import ronde_openen, ronde_uitnodigen
from tests.accounts.factories import AdviseurFactory, CoordinatorFactory, GemeenteAccountFactory
from tests.advies.factories import AdviesgesprekFactory, AdviseurPeriodeFactory
from tests.gemeenten.factories import ContactpersoonFactory
from tests.rapportage.factories import RapportFactory
from tests.tweede_factor import app_van, geverifieerd_inloggen
from toolkit.export import csv_bytes

ROLLEN = ["anoniem", "gemeente_a", "gemeente_b", "adviseur_x", "adviseur_y", "coordinator"]


# name: (method, outcomes per role, kwargs builders). POST-only views are posted with no data.
MATRIX = {
    "home": ("GET", "OOOOOO"),
    "portaal:dashboard": ("GET", "LOOOOO"),
    "health": ("GET", "OOOOOO"),
    "accounts:login": ("GET", "OOOOOO"),
    "accounts:logout": ("POST", "LLLLLL"),  # after logging out, everyone is at the login page
    "accounts:wachtwoord_vergeten": ("GET", "OOOOOO"),
    "accounts:wachtwoord_verstuurd": ("GET", "OOOOOO"),
    "accounts:wachtwoord_nieuw": ("GET", "OOOOOO"),
    "accounts:wachtwoord_gewijzigd": ("GET", "OOOOOO"),
    "accounts:uitnodigen": ("GET", "LNNOOO"),
    "accounts:uitnodiging": ("GET", "OOOOOO"),
    # The second step of logging in: a verified user is sent on (O); a stranger to the login page.
    "accounts:tweede_factor": ("GET", "LOOOOO"),
    "accounts:tweede_factor_instellen": ("GET", "LOOOOO"),
    "accounts:passkeys": ("GET", "LOOOOO"),
    # Passkeys (django-otp-webauthn's JSON endpoints, posted by its script with a body the matrix
    # does not send): a stranger gets nothing; an account is answered, with an error about the body.
    "otp_webauthn:credential-registration-begin": ("POST", "NOOOOO"),
    "otp_webauthn:credential-registration-complete": ("POST", "NOOOOO"),
    "otp_webauthn:credential-authentication-begin": ("POST", "NOOOOO"),
    "otp_webauthn:credential-authentication-complete": ("POST", "NOOOOO"),
    "otp_webauthn:js-i18n-catalog": ("GET", "OOOOOO"),
    "accounts:audit": ("GET", "LNNNNO"),
    "accounts:audit_export": ("GET", "LNNNNO"),
    "accounts:toegangsoverzicht": ("GET", "LNNNNO"),
    "accounts:toegangsoverzicht_export": ("GET", "LNNNNO"),
    "accounts:tweede_factor_resetten": ("POST", "LNNNNO"),
    "portaal:persoonsgegevens": ("GET", "LNNNNO"),
    "portaal:persoonsgegevens_export": ("GET", "LNNNNO"),
    "portaal:persoonsgegevens_wissen": ("POST", "LNNNNO"),
    "gemeenten:lijst": ("GET", "LNNOOO"),
    "gemeenten:inwoners_import": ("GET", "LNNNNO"),
    "portaal:gemeente": ("GET", "LONONO"),
    "portaal:vragenlijsten": ("GET", "LOOOOO"),
    "portaal:toegankelijkheid": ("GET", "OOOOOO"),
    "portaal:nulmeting_overzicht": ("GET", "LNNOOO"),
    "nulmeting:importeren": ("GET", "LNNNNO"),
    "nulmeting:eenmeting_openen": ("GET", "LNNNNO"),
    "portaal:nulmeting_export": ("GET", "LNNOOO"),
    "nulmeting:sjabloon": ("GET", "LNNNNO"),
    "nulmeting:typetest": ("GET", "LONNNO"),
    "nulmeting:typetest_uitslag": ("GET", "LONONO"),
    "nulmeting:invullen": ("GET", "LONNNO"),
    "nulmeting:samenvatting": ("GET", "LONONO"),
    "nulmeting:uitslag": ("GET", "LONONO"),
    "nulmeting:uitslag_pdf": ("GET", "LONONO"),
    "nulmeting:antwoorden_pdf": ("GET", "LONONO"),
    "nulmeting:heropenen": ("POST", "LNNNNO"),
    "advies:lijst": ("GET", "LOOOOO"),
    "advies:nieuw": ("GET", "LNNOON"),
    "advies:export": ("GET", "LNNOOO"),
    "advies:importeren": ("GET", "LNNNNO"),
    "advies:detail": ("GET", "LONONO"),
    "advies:bewerken": ("GET", "LNNONO"),
    "advies:verwijderen": ("GET", "LNNONO"),  # the confirmation page; tests/advies/test_views.py posts
    "advies:herstellen": ("POST", "LNNNNO"),
    "advies:trajecten": ("GET", "LOOOOO"),
    "advies:traject_nieuw": ("GET", "LNNOON"),
    "advies:traject_detail": ("GET", "LONONO"),
    "advies:traject_bewerken": ("GET", "LNNONO"),
    "advies:adviseurs": ("GET", "LNNNNO"),
    "advies:adviseur_beeindigen": ("POST", "LNNNNO"),
    "advies:adviseur_verplaatsen": ("POST", "LNNNNO"),
    # Advice requests (issue 19): scope A's official asked Partoer; Partoer's adviser accepts.
    "advies:aanvragen": ("GET", "LOOOOO"),
    "advies:aanvraag_detail": ("GET", "LONONO"),
    "advies:aanvraag_aannemen": ("POST", "LNNONN"),
    "advies:aanvraag_nieuw": ("GET", "LONNNN"),
    # The nine-step plan: an official is sent on to their own plan from the list.
    "advies:beleidsplannen": ("GET", "LOOOOO"),
    "advies:beleidsplan": ("GET", "LONONO"),
    "advies:beleidsstap": ("GET", "LONONO"),
    # Meetings: Partoer's meeting in Friesland, with scope A's municipality present.
    "advies:bijeenkomsten": ("GET", "LOOOOO"),
    "advies:bijeenkomst_nieuw": ("GET", "LNNOON"),
    "advies:bijeenkomst_detail": ("GET", "LONONO"),
    "advies:bijeenkomst_bewerken": ("GET", "LNNONO"),
    "rapportage:lijst": ("GET", "LNNOOO"),
    # Switching the scheduled reports: the matrix posts no kind, which is refused with a message.
    "rapportage:planning": ("POST", "LNNNNO"),
    "rapportage:detail": ("GET", "LNNONO"),
    "rapportage:status": ("GET", "LNNONO"),
    # A queued import's page and status: only for whoever uploaded the file (here the coordinator).
    "importen:importrun": ("GET", "LNNNNO"),
    "importen:stand": ("GET", "LNNNNO"),
    # Retrying the matrix's failed run queues it again; retrying a run that did not fail is
    # refused with a message on its page (a redirect).
    "rapportage:opnieuw": ("POST", "LNNONO"),
    "rapportage:download": ("GET", "LNNONO"),
    "rondes:lijst": ("GET", "LNNOOO"),
    "rondes:nieuw": ("GET", "LNNNNO"),
    "rondes:detail": ("GET", "LNNONO"),
    "rondes:uitnodigen": ("POST", "LNNNNO"),
    "rondes:sluiten": ("POST", "LNNNNO"),
    "rondes:opnieuw_versturen": ("POST", "LNNNNO"),
    "rondes:heropenen": ("GET", "LNNNNO"),
    "rondes:opdracht_status": ("GET", "LNNONO"),
    "rondes:pauzeren": ("POST", "LNNONO"),
    "rondes:export": ("GET", "LNNONO"),
    "gemeenten:contactpersonen_import": ("GET", "LNNNNO"),
    "gemeenten:contactpersoon_nieuw": ("GET", "LONONO"),
    "gemeenten:contactpersoon_bewerken": ("GET", "LONONO"),
    "gemeenten:contactpersoon_verwijderen": ("POST", "LONONO"),
    # The API (decision 0018): a stranger without a token gets a 401 (N); the open figures, the
    # OpenAPI document and its documentation are for everyone. tests/api/test_toegang_api.py
    # requests the same URLs with each role's token.
    "api:openapi": ("GET", "OOOOOO"),
    "api:docs": ("GET", "OOOOOO"),
    "api:provincies": ("GET", "NOOOOO"),
    "api:organisaties": ("GET", "NOOOOO"),
    "api:gemeenten": ("GET", "NOOOOO"),
    "api:gemeente": ("GET", "NONONO"),
    "api:metingen": ("GET", "NOOOOO"),
    "api:rondes": ("GET", "NOOOOO"),
    "api:ronde_respons": ("GET", "NONONO"),
    "api:rapporten": ("GET", "NOOOOO"),
    "api:rapport_bestand": ("GET", "NNNONO"),
    "api:cijfers": ("GET", "OOOOOO"),
    "api:cijfers_export": ("GET", "OOOOOO"),
    "api:niet_gevonden": ("GET", "NNNNNN"),
    "api:sleutels": ("GET", "LNNNNO"),
    "api:sleutel_intrekken": ("POST", "LNNNNO"),
    "api:koppelen": ("GET", "OOOOOO"),
}


# Django's admin (technical management) is for staff only and silent to everyone else: a visitor
# is sent to the product's own login page, a logged-in user without staff rights gets a 404, and
# the admin's own login form is never shown (goedvoorelkaar/beheer.py).
ADMIN = "LNNNNO"

# Every URL of the admin site, by name; the URLs of each registered model by the end of their
# name (``admin:<app>_<model>_<suffix>``), requested with an existing object of that model.
# Method and outcomes as in MATRIX. The unnamed patterns (``<object_id>/``, which redirects to
# the change page, and the catch-all) are requested through ADMIN_ONBENOEMD.
ADMIN_SITE = {
    "admin:index": ("GET", ADMIN),
    "admin:login": ("GET", ADMIN),  # the product's login page; staff on to the index
    "admin:logout": ("POST", "LNNNNL"),  # staff on to the login page
    "admin:password_change": ("GET", ADMIN),
    "admin:password_change_done": ("GET", ADMIN),
    "admin:jsi18n": ("GET", ADMIN),
    "admin:autocomplete": ("GET", "LNNNNN"),  # staff without a valid field get a 403
    "admin:view_on_site": ("GET", "LNNNNN"),  # no model has a page of its own on the site
    "admin:app_list": ("GET", ADMIN),
    "admin:auth_user_password_change": ("GET", ADMIN),  # the name UserAdmin gives its URL
}
ADMIN_MODEL = {
    "changelist": ("GET", ADMIN),
    "add": ("GET", ADMIN),
    "change": ("GET", ADMIN),
    "delete": ("GET", ADMIN),  # the confirmation page; nothing is deleted
    "history": ("GET", ADMIN),
}
# django-axes keeps its logs read-only, and the mail ledger is written by the mail service only:
# nobody adds a row by hand.
ADMIN_UITZONDERINGEN = {
    f"admin:{model}_add": ("GET", "LNNNNN")
    for model in ("axes_accessattempt", "axes_accesslog", "axes_accessfailurelog", "rondes_verzending")
}
ADMIN_ONBENOEMD = {
    "<object_id>/": ADMIN,  # redirects to the change page
    "catch-all": "LNNNNN",  # an unknown admin URL: the login page, or a 404 for staff
}


def alle_namen() -> list[tuple[str, URLPattern]]:
    """Every URL pattern of the project from the resolver, by its name (``namespace:name``)."""
    namen = []

    def loop(patronen, namespace=""):
        for p in patronen:
            if isinstance(p, URLResolver):
                loop(p.url_patterns, p.namespace or namespace)
            else:
                namen.append((f"{namespace}:{p.name}" if namespace else str(p.name), p))

    loop(get_resolver().url_patterns)
    return namen


class Toestand(dict):
    """The URL arguments of an object in a state that the roles get other outcomes for than MATRIX
    declares for the URL name: ``Toestand("LNNONO", pk=1)``."""

    def __init__(self, uitkomsten: str, **kwargs):
        super().__init__(**kwargs)
        self.uitkomsten = uitkomsten


class MetVraag(dict):
    """URL arguments with a query string to add: ``MetVraag("?peildatum=2012-10-01", formaat="csv")``."""

    def __init__(self, vraag: str, **kwargs):
        super().__init__(**kwargs)
        self.vraag = vraag


def url_voor(naam: str, argumenten) -> str:
    """The URL of ``naam`` for one set of arguments (a dict, a ``Toestand``, a ``MetVraag`` or a
    callable giving one)."""
    argumenten = argumenten() if callable(argumenten) else argumenten
    return reverse(naam, kwargs=argumenten) + getattr(argumenten, "vraag", "")


def uitkomsten_voor(argumenten, verwacht: str) -> str:
    """The outcomes per role for one set of URL arguments: its own (a ``Toestand``), or the name's."""
    return getattr(argumenten, "uitkomsten", verwacht)


def kwargs_voor(naam: str, objecten: dict) -> list:
    """The URL arguments for each view, pointing at scope A's objects (all variants of a download).
    A callable gives fresh arguments for every request, for a view that uses its object up."""
    a = "GM1900"
    voorganger = "GM0091"  # Sneek, in Súdwest-Fryslân since 2011
    ronde = objecten["ronde"]

    def nieuwe_contactpersoon() -> dict:
        return {"cbs_code": a, "pk": ContactpersoonFactory(gemeente=objecten["gemeente_a"].gemeente).pk}

    return {
        "accounts:wachtwoord_nieuw": [
            {
                "uidb64": urlsafe_base64_encode(force_bytes(objecten["gemeente_a"].pk)),
                "token": "verlopen-token",
            },
            # the link of the mail, for a user who never logs in here (a login changes the token)
            {
                "uidb64": urlsafe_base64_encode(force_bytes(objecten["wachtwoord_kwijt"].pk)),
                "token": default_token_generator.make_token(objecten["wachtwoord_kwijt"]),
            },
        ],
        "accounts:uitnodiging": [{"token": objecten["token"]}],
        "accounts:audit_export": [{"formaat": f} for f in ("csv", "xlsx")],
        "accounts:toegangsoverzicht_export": [{"formaat": f} for f in ("csv", "xlsx")],
        # an account of its own, so no role of the matrix loses its second factor
        "accounts:tweede_factor_resetten": [{"pk": objecten["wachtwoord_kwijt"].pk}],
        "portaal:gemeente": [{"cbs_code": a}],
        "portaal:nulmeting_export": [{"code": "nulmeting-2009", "formaat": f} for f in ("csv", "xlsx")],
        "nulmeting:sjabloon": [{"code": "nulmeting-2009", "soort": s} for s in ("vragen", "antwoorden")],
        "nulmeting:typetest": [{"cbs_code": a}],
        "nulmeting:typetest_uitslag": [{"cbs_code": a, "pk": objecten["typetest"].pk}],
        # scope A's nulmeting is submitted (its pages lead to the result), its eenmeting a concept
        "nulmeting:invullen": [
            {"cbs_code": a, "code": "nulmeting-2009", "stap": 1},
            {"cbs_code": a, "code": "eenmeting-2012", "stap": 1},
        ],
        "nulmeting:samenvatting": [
            {"cbs_code": a, "code": "nulmeting-2009"},
            {"cbs_code": a, "code": "eenmeting-2012"},
        ],
        # A's own result, and that of Sneek, which merged into A: its results are A's to see.
        "nulmeting:uitslag": [{"cbs_code": c, "code": "nulmeting-2009"} for c in (a, voorganger)],
        "nulmeting:uitslag_pdf": [{"cbs_code": c, "code": "nulmeting-2009"} for c in (a, voorganger)],
        "nulmeting:antwoorden_pdf": [{"cbs_code": c, "code": "nulmeting-2009"} for c in (a, voorganger)],
        "nulmeting:heropenen": [{"cbs_code": a, "code": "nulmeting-2009"}],
        "advies:export": [{"formaat": f} for f in ("csv", "xlsx")],
        "advies:detail": [
            {"pk": objecten["gesprek"].pk},
            # a deleted session: officials no longer see it; its CMO's advisers and coordinators do
            Toestand("LNNONO", pk=objecten["verwijderd_gesprek"].pk),
        ],
        "advies:bewerken": [{"pk": objecten["gesprek"].pk}],
        "advies:verwijderen": [{"pk": objecten["gesprek"].pk}],
        "advies:herstellen": [{"pk": objecten["verwijderd_gesprek"].pk}],
        "advies:traject_detail": [{"pk": objecten["traject"].pk}],
        "advies:traject_bewerken": [{"pk": objecten["traject"].pk}],
        "advies:adviseur_beeindigen": [{"pk": objecten["periode"].pk}],
        "advies:adviseur_verplaatsen": [{"pk": objecten["periode"].pk}],
        "advies:aanvraag_detail": [{"pk": objecten["aanvraag"].pk}],
        "advies:aanvraag_aannemen": [{"pk": objecten["aanvraag"].pk}],
        "advies:aanvraag_nieuw": [{"cbs_code": a}],
        "advies:beleidsplan": [{"cbs_code": a}],
        "advies:beleidsstap": [{"cbs_code": a, "stap": 1}],
        "advies:bijeenkomst_detail": [{"pk": objecten["bijeenkomst"].pk}],
        "advies:bijeenkomst_bewerken": [{"pk": objecten["bijeenkomst"].pk}],
        "rapportage:detail": [{"pk": objecten["rapport"].pk}, {"pk": objecten["rapport_mislukt"].pk}],
        "rapportage:status": [{"pk": objecten["rapport"].pk}],
        "importen:importrun": [{"pk": run.pk} for run in objecten["importruns"]],
        "importen:stand": [{"pk": objecten["importruns"][0].pk}],
        "rapportage:opnieuw": [{"pk": objecten["rapport"].pk}, {"pk": objecten["rapport_mislukt"].pk}],
        "rapportage:download": [
            {"pk": objecten["rapport"].pk, "formaat": f} for f in ("html", "pdf", "xlsx", "json")
        ],
        "rondes:detail": [{"pk": ronde.pk}],
        "rondes:uitnodigen": [{"pk": ronde.pk}],
        "rondes:sluiten": [{"pk": ronde.pk}],
        "rondes:opnieuw_versturen": [{"pk": ronde.pk}],
        "rondes:heropenen": [{"pk": ronde.pk}],
        "rondes:opdracht_status": [{"pk": ronde.pk, "opdracht_pk": objecten["opdracht"].pk}],
        "rondes:pauzeren": [{"pk": ronde.pk, "deelnemer_pk": ronde.deelnemers.get(gemeente__cbs_code=a).pk}],
        "rondes:export": [{"pk": ronde.pk, "formaat": f} for f in ("csv", "xlsx")],
        "gemeenten:contactpersoon_nieuw": [{"cbs_code": a}],
        "gemeenten:contactpersoon_bewerken": [{"cbs_code": a, "pk": objecten["contactpersoon"].pk}],
        "gemeenten:contactpersoon_verwijderen": [nieuwe_contactpersoon],
        # A's own page, and Sneek's, whose results are A's to see
        "api:gemeente": [{"cbs_code": c} for c in (a, voorganger)],
        "api:ronde_respons": [{"pk": ronde.pk}],
        "api:rapport_bestand": [
            {"pk": objecten["rapport"].pk, "formaat": f} for f in ("html", "pdf", "xlsx", "json")
        ],
        "api:cijfers": [MetVraag("?peildatum=2012-10-01"), MetVraag("?peildatum=2012-10-01&provincie=PV21")],
        "api:cijfers_export": [MetVraag("?peildatum=2012-10-01", formaat=f) for f in ("csv", "xlsx")],
        "api:sleutel_intrekken": [{"pk": objecten["sleutel"].pk}],
    }.get(naam, [{}])


def rapport_nodig(testnaam: str) -> bool:
    """Whether the parametrised test ``testnaam`` requests a report's pages or files: only those
    need the matrix's report built (building its PDF takes seconds)."""
    url_naam = testnaam.partition("[")[2].rstrip("]")
    return url_naam.startswith("rapportage:") or url_naam == "api:rapport_bestand"


def objecten_maken(*, capture_on_commit, met_rapport: bool) -> dict:
    """Scope A's objects and one user per role (the reference data must be loaded). Also used by
    the accessibility tests, which visit every page a role is served here."""
    vragenlijsten_laden()
    partoer, alleato = Organisatie.objects.get(naam="Partoer"), Organisatie.objects.get(naam="Alleato")
    gebruikers = {
        "gemeente_a": GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM1900")),
        "gemeente_b": GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM0344")),
        "adviseur_x": AdviseurFactory(organisatie=partoer),
        "adviseur_y": AdviseurFactory(organisatie=alleato),
        "coordinator": CoordinatorFactory(is_staff=True, is_superuser=True),
    }
    nulmeting = Vragenlijst.objects.get(code="nulmeting-2009")
    kolommen = antwoorden_kolommen(nulmeting)
    rijen = [
        ["GM1900", "2012-01-15"] + [""] * (len(kolommen) - 2),
        ["GM0344", "2009-10-01"] + [""] * (len(kolommen) - 2),
        ["GM0091", "2009-10-01"] + [""] * (len(kolommen) - 2),
    ]
    metingen_importeren(io.BytesIO(csv_bytes(kolommen, rijen)), vragenlijst=nulmeting, door=None)
    gesprek = AdviesgesprekFactory(
        adviseur=gebruikers["adviseur_x"],
        gemeenten=[Gemeente.objects.get(cbs_code="GM1900")],
        verslag="Vertrouwelijk verslag.",
    )
    traject = adviestraject_opslaan(
        door=gebruikers["adviseur_x"],
        gemeenten=[Gemeente.objects.get(cbs_code="GM1900")],
        titel="Traject A",
        onderwerp="mantelzorg",
        status="lopend",
        doel="d",
        werkwijze="w",
        inzet_uren=Decimal("10"),
        tijdspad="t",
        verwachte_opbrengst="v",
        borging="b",
    )
    verwijderd_gesprek = adviesgesprek_verwijderen(
        gesprek=AdviesgesprekFactory(
            adviseur=gebruikers["adviseur_x"], gemeenten=[Gemeente.objects.get(cbs_code="GM1900")]
        ),
        door=gebruikers["adviseur_x"],
    )
    # The eenmeting that scope A has begun and not submitted: its steps and submit form are open.
    eenmeting = eenmeting_openen(
        basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=gebruikers["coordinator"]
    )
    antwoorden_opslaan(
        gemeente=gebruikers["gemeente_a"].gemeente,
        vragenlijst=eenmeting,
        waarden={"VW-VERTALEN-1": "ja"},
        origineel={},
        door=gebruikers["gemeente_a"],
    )
    periode = AdviseurPeriodeFactory(user=gebruikers["adviseur_x"])
    aanvraag, bijeenkomst = _vervolg_maken(gebruikers, nulmeting)
    rapport = RapportFactory(organisatie=partoer, aangevraagd_door=gebruikers["coordinator"])
    if met_rapport:
        rapport_bouwen(rapport.pk)
    rapport_mislukt = RapportFactory(
        organisatie=partoer,
        aangevraagd_door=gebruikers["coordinator"],
        status=Rapport.Status.MISLUKT,
        reden="De database was niet bereikbaar.",
        fout="OperationalError: could not connect to server",
    )
    importruns = _importruns_maken(gebruikers["coordinator"])
    typetest = TypetestUitslag.objects.create(
        gemeente=gebruikers["gemeente_a"].gemeente, antwoorden={}, a_even=4, a_oneven=4, type="I"
    )
    with capture_on_commit(execute=True):
        _, token = uitnodiging_maken(
            email="nieuw@example.nl",
            gemeente=Gemeente.objects.get(cbs_code="GM1900"),
            door=gebruikers["coordinator"],
            basis_url="http://testserver/",
        )
    ronde = ronde_openen(
        vragenlijst=nulmeting,
        naam="Ronde Friesland",
        opent_op=datetime.date.today(),
        sluit_op=datetime.date.today() + datetime.timedelta(days=30),
        provincies=[Gemeente.objects.get(cbs_code="GM1900").provincie],
        door=gebruikers["coordinator"],
    )
    contactpersoon = ContactpersoonFactory(gemeente=gebruikers["gemeente_a"].gemeente)
    ContactpersoonFactory(gemeente=Gemeente.objects.get(cbs_code="GM0080"))
    opdracht = ronde_uitnodigen(ronde=ronde, door=gebruikers["coordinator"], basis_url="http://testserver/")
    # One invitation the mail server refused, so the round page shows what did not arrive.
    opdracht.verzendingen.filter(deelnemer__gemeente__cbs_code="GM0080").update(
        status="mislukt", reden="550 5.1.1 Mailbox bestaat niet"
    )
    sleutel, _ = api_sleutel_maken(
        gebruiker=gebruikers["gemeente_a"],
        naam="Dashboard",
        verloopt_op=datetime.date.today() + datetime.timedelta(days=30),
        door=gebruikers["coordinator"],
    )
    # An official who asked for a new password: the link in the mail works (see kwargs_voor).
    wachtwoord_kwijt = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM1900"))
    tweede_stap = CoordinatorFactory()
    app_van(tweede_stap)
    # The coordinator's passkey (its removal form on the passkeys page); the key is never used here.
    WebAuthnCredential.objects.create(
        user=gebruikers["coordinator"],
        name="passkey",
        confirmed=True,
        credential_id=b"matrix",
        public_key=b"x",
    )
    return {
        "tweede_stap": tweede_stap,
        "tweede_stap_nieuw": AdviseurFactory(organisatie=partoer),
        **gebruikers,
        "ronde": ronde,
        "opdracht": opdracht,
        "contactpersoon": contactpersoon,
        "gesprek": gesprek,
        "verwijderd_gesprek": verwijderd_gesprek,
        "traject": traject,
        "periode": periode,
        "aanvraag": aanvraag,
        "bijeenkomst": bijeenkomst,
        "rapport": rapport,
        "rapport_mislukt": rapport_mislukt,
        "importruns": importruns,
        "wachtwoord_kwijt": wachtwoord_kwijt,
        "typetest": typetest,
        "token": token,
        "sleutel": sleutel,
    }


def _importruns_maken(door) -> list[Importrun]:
    """The coordinator's queued imports: one waiting, one refused with its problems, one stored."""
    gemaakt = {
        "door": door,
        "titel": "Adviesgesprekken importeren",
        "terug_naar": "/advies/gesprekken/importeren/",
    }
    return [
        Importrun.objects.create(
            bestandsnaam="groot.csv", inhoud=b"datum", verder_naar="/advies/", **gemaakt
        ),
        Importrun.objects.create(
            bestandsnaam="fouten.csv",
            status=Importrun.Status.MISLUKT,
            fouten=["regel 2, kolom 'datum': 'XX' is geen datum."],
            aantal_fouten=1,
            verder_naar="/advies/",
            **gemaakt,
        ),
        Importrun.objects.create(
            bestandsnaam="goed.csv",
            status=Importrun.Status.GELUKT,
            uitkomst="1.200 adviesgesprekken geïmporteerd.",
            verder_naar="/advies/",
            **gemaakt,
        ),
    ]


def _vervolg_maken(gebruikers: dict, nulmeting: Vragenlijst):
    """Scope A's advice request (to Partoer), a step of its plan and a Friesland meeting."""
    a = gebruikers["gemeente_a"].gemeente
    aanvraag = adviesaanvraag_indienen(
        gemeente=a,
        door=gebruikers["gemeente_a"],
        vraag="Hoe versterken we de respijtzorg?",
        voorkeursperiode="na de zomer",
        meting=a.metingen.get(vragenlijst=nulmeting),
        basis_url="http://testserver/",
    )
    beleidsstap_bijwerken(
        gemeente=a, stap=1, door=gebruikers["gemeente_a"], status="bezig", notitie="Vertrouwelijk."
    )
    bijeenkomst = bijeenkomst_opslaan(
        door=gebruikers["adviseur_x"],
        datum=datetime.date(2012, 3, 1),
        soort="regionaal",
        titel="Regiobijeenkomst Friesland",
        themas=[],
        provincies=[a.provincie],
        gemeenten=[a],
        deelnemers=25,
    )
    return aanvraag, bijeenkomst


def admin_rijen_maken(gebruiker) -> None:
    """A group and a row in each of django-axes' logs, so every admin page has a row to open."""
    Group.objects.create(name="Beheer")
    Inwonertal.objects.create(gemeente=gebruiker.gemeente, peildatum=datetime.date(2012, 1, 1), inwoners=1)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        velden = {f.name for f in model._meta.fields}
        model.objects.create(
            username=gebruiker.email,
            ip_address="127.0.0.1",
            user_agent="test",
            **({"failures_since_start": 1} if "failures_since_start" in velden else {}),
        )


# Sessions past the password but not (yet) the second step: one of an account with an app, one of
# an account that has to set one up. Not roles of the matrix; the fire tests post the second
# step's forms as them.
HALF_INGELOGD = ("tweede_stap", "tweede_stap_nieuw")


def client_voor(rol: str, objecten: dict, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if rol in HALF_INGELOGD:
        client.force_login(objecten[rol], backend="django.contrib.auth.backends.ModelBackend")
    elif rol != "anoniem":
        geverifieerd_inloggen(client, objecten[rol], backend="django.contrib.auth.backends.ModelBackend")
    return client
