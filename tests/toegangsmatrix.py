"""The access matrix: for every URL name of the project, the outcome each role must get, and the
objects of "scope A" the URLs point at — Súdwest-Fryslân (Friesland), its official and the
Partoer adviser. Outcomes per role, in the order of ROLLEN: L = sent to a login page,
N = refused (403/404), O = served (200, or a redirect elsewhere).

tests/test_access_matrix.py requests every URL as every role against it; the accessibility tests
(tests/browser/test_toegankelijkheid.py) open every page a role is served here.
"""

import datetime
import io
from decimal import Decimal

from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.services import uitnodiging_maken
from advies.services import adviestraject_opslaan
from gemeenten.models import Gemeente, Organisatie
from nulmeting.models import TypetestUitslag, Vragenlijst
from nulmeting.services import vragenlijsten_laden
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from rapportage.bouwen import rapport_bouwen
from rondes.services import ronde_openen, ronde_uitnodigen
from tests.accounts.factories import AdviseurFactory, CoordinatorFactory, GemeenteAccountFactory
from tests.advies.factories import AdviesgesprekFactory, AdviseurPeriodeFactory
from tests.gemeenten.factories import ContactpersoonFactory
from tests.rapportage.factories import RapportFactory
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
    "gemeenten:lijst": ("GET", "LNNOOO"),
    "gemeenten:inwoners_import": ("GET", "LNNNNO"),
    "portaal:gemeente": ("GET", "LONONO"),
    "portaal:vragenlijsten": ("GET", "LOOOOO"),
    "nulmeting:overzicht": ("GET", "LNNOOO"),
    "nulmeting:importeren": ("GET", "LNNNNO"),
    "nulmeting:eenmeting_openen": ("GET", "LNNNNO"),
    "nulmeting:export": ("GET", "LNNOOO"),
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
    "advies:verwijderen": ("POST", "LNNONO"),
    "advies:herstellen": ("POST", "LNNNNO"),
    "advies:trajecten": ("GET", "LOOOOO"),
    "advies:traject_nieuw": ("GET", "LNNOON"),
    "advies:traject_detail": ("GET", "LONONO"),
    "advies:traject_bewerken": ("GET", "LNNONO"),
    "advies:adviseurs": ("GET", "LNNNNO"),
    "advies:adviseur_beeindigen": ("POST", "LNNNNO"),
    "advies:adviseur_verplaatsen": ("POST", "LNNNNO"),
    "rapportage:lijst": ("GET", "LNNOOO"),
    "rapportage:detail": ("GET", "LNNONO"),
    "rapportage:status": ("GET", "LNNONO"),
    # The matrix's run is klaar: retrying it is refused with a message on its page (a redirect).
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
}


# Django's admin (technical management) is for staff only; its own login guards every page.
ADMIN = "LLLLLO"

# Every URL of the admin site, by name; the URLs of each registered model by the end of their
# name (``admin:<app>_<model>_<suffix>``), requested with an existing object of that model.
# Method and outcomes as in MATRIX. The unnamed patterns (``<object_id>/``, which redirects to
# the change page, and the catch-all) are requested through ADMIN_ONBENOEMD.
ADMIN_SITE = {
    "admin:index": ("GET", ADMIN),
    "admin:login": ("GET", "OOOOOO"),  # the login form, or on to the index for staff
    "admin:logout": ("POST", "OOOOOL"),  # "logged out" for all; staff on to the login page
    "admin:password_change": ("GET", ADMIN),
    "admin:password_change_done": ("GET", ADMIN),
    "admin:jsi18n": ("GET", ADMIN),
    "admin:autocomplete": ("GET", "LLLLLN"),  # staff without a valid field get a 403
    "admin:view_on_site": ("GET", "LLLLLN"),  # no model has a page of its own on the site
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
# django-axes keeps its logs read-only: nobody adds a row by hand.
ADMIN_UITZONDERINGEN = {
    f"admin:axes_{model}_add": ("GET", "LLLLLN")
    for model in ("accessattempt", "accesslog", "accessfailurelog")
}
ADMIN_ONBENOEMD = {
    "<object_id>/": ADMIN,  # redirects to the change page
    "catch-all": "LLLLLN",  # an unknown admin URL: the login page, or a 404 for staff
}


def kwargs_voor(naam: str, objecten: dict) -> list:
    """The URL arguments for each view, pointing at scope A's objects (all variants of a download).
    A callable gives fresh arguments for every request, for a view that uses its object up."""
    a = "GM1900"
    ronde = objecten["ronde"]

    def nieuwe_contactpersoon() -> dict:
        return {"cbs_code": a, "pk": ContactpersoonFactory(gemeente=objecten["gemeente_a"].gemeente).pk}

    return {
        "accounts:wachtwoord_nieuw": [
            {
                "uidb64": urlsafe_base64_encode(force_bytes(objecten["gemeente_a"].pk)),
                "token": "verlopen-token",
            }
        ],
        "accounts:uitnodiging": [{"token": objecten["token"]}],
        "portaal:gemeente": [{"cbs_code": a}],
        "nulmeting:export": [{"code": "nulmeting-2009", "formaat": f} for f in ("csv", "xlsx")],
        "nulmeting:sjabloon": [{"code": "nulmeting-2009", "soort": s} for s in ("vragen", "antwoorden")],
        "nulmeting:typetest": [{"cbs_code": a}],
        "nulmeting:typetest_uitslag": [{"cbs_code": a, "pk": objecten["typetest"].pk}],
        "nulmeting:invullen": [{"cbs_code": a, "code": "nulmeting-2009", "stap": 1}],
        "nulmeting:samenvatting": [{"cbs_code": a, "code": "nulmeting-2009"}],
        "nulmeting:uitslag": [{"cbs_code": a, "code": "nulmeting-2009"}],
        "nulmeting:uitslag_pdf": [{"cbs_code": a, "code": "nulmeting-2009"}],
        "nulmeting:antwoorden_pdf": [{"cbs_code": a, "code": "nulmeting-2009"}],
        "nulmeting:heropenen": [{"cbs_code": a, "code": "nulmeting-2009"}],
        "advies:export": [{"formaat": f} for f in ("csv", "xlsx")],
        "advies:detail": [{"pk": objecten["gesprek"].pk}],
        "advies:bewerken": [{"pk": objecten["gesprek"].pk}],
        "advies:verwijderen": [{"pk": objecten["gesprek"].pk}],
        "advies:herstellen": [{"pk": objecten["gesprek"].pk}],
        "advies:traject_detail": [{"pk": objecten["traject"].pk}],
        "advies:traject_bewerken": [{"pk": objecten["traject"].pk}],
        "advies:adviseur_beeindigen": [{"pk": objecten["periode"].pk}],
        "advies:adviseur_verplaatsen": [{"pk": objecten["periode"].pk}],
        "rapportage:detail": [{"pk": objecten["rapport"].pk}],
        "rapportage:status": [{"pk": objecten["rapport"].pk}],
        "rapportage:opnieuw": [{"pk": objecten["rapport"].pk}],
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
    }.get(naam, [{}])


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
    periode = AdviseurPeriodeFactory(user=gebruikers["adviseur_x"])
    rapport = RapportFactory(organisatie=partoer, aangevraagd_door=gebruikers["coordinator"])
    if met_rapport:
        rapport_bouwen(rapport.pk)
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
    return {
        **gebruikers,
        "ronde": ronde,
        "opdracht": opdracht,
        "contactpersoon": contactpersoon,
        "gesprek": gesprek,
        "traject": traject,
        "periode": periode,
        "rapport": rapport,
        "typetest": typetest,
        "token": token,
    }


def client_voor(rol: str, objecten: dict) -> Client:
    client = Client()
    if rol != "anoniem":
        client.force_login(objecten[rol], backend="django.contrib.auth.backends.ModelBackend")
    return client
