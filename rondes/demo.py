"""Rounds in the demo programme, built through the same services a coordinator uses.

The nulmeting of 2009 as a closed round for the 441 municipalities of that year, and a closed
questionnaire (nobody fills it in any more; municipalities formed by a merger since show their
predecessors' results); a contact for
every municipality of today; and an eenmeting round that opened three days ago, whose
invitations went out today and to which some municipalities have already responded. The demo's
mail is kept in memory, never printed or sent.
"""

import datetime
import random

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from gemeenten.models import Gemeente
from gemeenten.uitwisseling import contactpersonen_importeren
from nulmeting.models import Vragenlijst
from nulmeting.selectors import actuele_nulmeting, ingediende_antwoorden
from nulmeting.services import eenmeting_openen, vragenlijst_sluiten
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from rondes.models import Ronde
from rondes.services import ronde_openen, ronde_uitnodigen
from rondes.verzending import verzendopdracht_uitvoeren
from toolkit.datums import begin_van
from toolkit.export import csv_bytes

VOORNAMEN = [
    "Anke",
    "Bram",
    "Carla",
    "Dirk",
    "Esther",
    "Frank",
    "Gerda",
    "Hans",
    "Ilse",
    "Joost",
    "Karin",
    "Lars",
]
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Hoekstra",
]
FUNCTIES = ["Beleidsmedewerker Wmo", "Beleidsadviseur zorg en welzijn", "Beleidsmedewerker vrijwilligerswerk"]
EENMETING_CODE = "eenmeting-demo"


def demo_rondes_bouwen(seed: int = 2012) -> dict[str, int] | None:
    """Build the demo's rounds once; returns None when there are rounds already or no programme."""
    nulmeting = actuele_nulmeting()
    coordinator = User.objects.filter(rol=User.Rol.COORDINATOR).order_by("pk").first()
    if Ronde.objects.exists() or nulmeting is None or coordinator is None:
        return None
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        return _bouw(random.Random(seed), nulmeting, coordinator)


def _bouw(toeval: random.Random, nulmeting: Vragenlijst, coordinator: User) -> dict[str, int]:
    opbouw = nulmeting.opbouw
    van = opbouw.periode_van or datetime.date(2009, 5, 1)
    tot = opbouw.periode_tot or datetime.date(2009, 12, 31)
    # dated on the day it opened, so the demo's reports as known in 2009–2012 read it as known then
    historisch = ronde_openen(
        vragenlijst=nulmeting,
        naam="Nulmeting 2009",
        opent_op=van,
        sluit_op=tot,
        door=coordinator,
        vastgelegd_op=begin_van(van),
    )
    vandaag = timezone.localdate()
    contacten = _contactpersonen(toeval, vandaag)
    eenmeting = eenmeting_openen(
        basis=nulmeting, code=EENMETING_CODE, naam=f"Eenmeting {vandaag.year}", door=coordinator
    )
    lopend = ronde_openen(
        vragenlijst=eenmeting,
        naam=f"Eenmeting najaar {vandaag.year}",
        opent_op=vandaag - datetime.timedelta(days=3),
        sluit_op=vandaag + datetime.timedelta(weeks=8),
        door=coordinator,
    )
    opdracht = ronde_uitnodigen(ronde=lopend, door=coordinator, basis_url="http://127.0.0.1:8000/")
    verzendopdracht_uitvoeren(opdracht.pk)
    antwoorden = _eerste_antwoorden(toeval, nulmeting, eenmeting, vandaag)
    vragenlijst_sluiten(vragenlijst=nulmeting, door=coordinator)
    return {
        "rondes": 2,
        "deelnemers_2009": historisch.deelnemers.count(),
        "contactpersonen": contacten,
        "uitnodigingen": opdracht.verzendingen.count(),
        "eenmetingen": antwoorden,
    }


def _contactpersonen(toeval: random.Random, vandaag: datetime.date) -> int:
    rijen = []
    for gemeente in Gemeente.objects.bestaand_op(vandaag).order_by("cbs_code"):
        naam = f"{toeval.choice(VOORNAMEN)} {toeval.choice(ACHTERNAMEN)}"
        adres = f"{naam.split()[0].lower()}.{gemeente.cbs_code.lower()}@demo.goedvoorelkaar.nl"
        rijen.append([gemeente.cbs_code, naam, adres, toeval.choice(FUNCTIES)])
    return contactpersonen_importeren(
        csv_bytes(["cbs_code", "naam", "e-mail", "functie"], rijen), "demo-contactpersonen.csv"
    ).nieuw


def _eerste_antwoorden(toeval: random.Random, nulmeting: Vragenlijst, eenmeting: Vragenlijst, vandaag) -> int:
    """Some municipalities sent their eenmeting back already: their 2009 answers, a few improved."""
    kolommen = antwoorden_kolommen(eenmeting)
    eerder = ingediende_antwoorden(nulmeting, Gemeente.objects.bestaand_op(vandaag))
    gekozen = toeval.sample(sorted(eerder), k=min(36, len(eerder)))
    codes = dict(Gemeente.objects.filter(pk__in=gekozen).values_list("pk", "cbs_code"))
    vragen = {v.code: v for v in eenmeting.opbouw.vragen}
    rijen = []
    for i, gemeente_id in enumerate(gekozen):
        waarden = dict(eerder[gemeente_id])
        for code in toeval.sample(sorted(waarden), k=3):  # a little progress since 2009
            if vragen[code].type == "janee":
                waarden[code] = "ja"
        moment = timezone.localtime() - datetime.timedelta(hours=2 + i * 2)
        rijen.append(
            [codes[gemeente_id], moment.strftime("%Y-%m-%d %H:%M")]
            + [waarden.get(k, "") for k in kolommen[2:]]
        )
    return metingen_importeren(
        csv_bytes(kolommen, rijen), vragenlijst=eenmeting, door=None, naam="demo-eenmeting.csv"
    )
