"""What each role's start page puts first: the next thing to do. An official sees the
questionnaires put to their municipality and what is left of them (or, when all is submitted, the
results); an adviser the button to log a session, the municipalities that need one and their open
trajecten; a coordinator the open rounds, the reports being made and what needs attention.

Each function reads through the apps' selectors and permissions and asks a fixed number of
questions, however many rows there are."""

import datetime
from dataclasses import dataclass

from accounts.permissions import zichtbare_gemeenten
from advies import selectors as advies_selectors
from advies.permissions import mag_gesprekken_loggen
from nulmeting import selectors as nulmeting_selectors
from nulmeting import services as nulmeting_services
from rapportage.models import Rapport
from rapportage.permissions import zichtbare_rapporten
from rondes import selectors as rondes_selectors
from rondes.models import Ronde
from rondes.permissions import zichtbaar_in_ronde, zichtbare_rondes

# How many rows a start page lists before it points to the full list.
KORT = 8
# A round closing within this many days is mentioned under "aandacht".
SLUIT_BINNENKORT = datetime.timedelta(days=7)


@dataclass(frozen=True)
class TeDoen:
    """A questionnaire put to the municipality that is not submitted yet, and what is left."""

    deelname: object  # rondes.Deelnemer, with ``ingevuld`` and ``aantal``
    open_basisfuncties: list  # the basisfuncties (of the questionnaire's opbouw) not complete yet
    eerste_open_stap: int


def gemeente_te_doen(gemeente, deelnames) -> list[TeDoen]:
    """Of ``deelnames`` (``rondes_selectors.deelnames_van_gemeente``), those still to fill in, each
    with the basisfuncties that still have a scored question without an answer."""
    te_doen = []
    for d in deelnames:
        if d.is_ingediend or not d.ronde.vragenlijst.is_open:
            continue
        basisfuncties = d.ronde.vragenlijst.opbouw.basisfuncties
        meting = d.stand.meting
        antwoorden = nulmeting_services.antwoorden_van(meting) if d.ingevuld else {}
        klaar = nulmeting_selectors.ingevulde_basisfuncties(basisfuncties, antwoorden)
        open_ = [b for b, k in zip(basisfuncties, klaar, strict=True) if not k]
        stap = next((i for i, k in enumerate(klaar, start=1) if not k), 1)
        te_doen.append(TeDoen(deelname=d, open_basisfuncties=open_, eerste_open_stap=stap))
    return te_doen


def adviseur_start(user, datum: datetime.date) -> dict:
    zwak = advies_selectors.zwak_zonder_gesprek(zichtbare_gemeenten(user), datum)
    return {
        "mag_loggen": mag_gesprekken_loggen(user),
        "zwak_zonder_gesprek": zwak[:KORT],
        "aantal_zwak_zonder_gesprek": len(zwak),
        "open_trajecten": list(advies_selectors.open_trajecten_van(user)),
    }


def coordinator_start(user, datum: datetime.date) -> dict:
    rapporten = zichtbare_rapporten(user).select_related("provincie", "organisatie")
    return {
        "rapporten_bezig": list(
            rapporten.filter(status__in=[Rapport.Status.WACHTEND, Rapport.Status.BEZIG])[:KORT]
        ),
        "aandacht": _aandacht(user, datum, rapporten),
    }


def _aandacht(user, datum: datetime.date, rapporten) -> dict:
    """What a coordinator should look at: reports that failed (the newest, not tried again),
    invitations of open rounds that did not arrive, and open rounds that close within a week."""
    open_rondes = list(
        zichtbare_rondes(user).filter(pk__in=Ronde.objects.open_op(datum)).select_related("vragenlijst")
    )
    gemeenten = zichtbaar_in_ronde(user)
    return {
        "mislukte_rapporten": list(rapporten.filter(status=Rapport.Status.MISLUKT)[:KORT]),
        "niet_aangekomen": [
            (r, n) for r in open_rondes if (n := rondes_selectors.aantal_niet_aangekomen(r, gemeenten))
        ],
        "sluit_binnenkort": [r for r in open_rondes if r.sluit_op <= datum + SLUIT_BINNENKORT],
    }
