"""The demo's advice requests, nine-step plans and two years of meetings (issue 19), built through
the services a user's actions go through. None of it touches the numbers the evaluation published:
requests and plans are not counted there, and meetings only in the reach table of each report.
"""

import datetime
import random

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from advies import beleidsplan
from advies.models import Adviesaanvraag, Beleidsstap, Bijeenkomst, Thema
from advies.selectors import laatste_ingediende_meting
from advies.services import (
    adviesaanvraag_aannemen,
    adviesaanvraag_indienen,
    adviesgesprek_log,
    beleidsstap_bijwerken,
    beleidsstap_reageren,
    bijeenkomst_opslaan,
)
from gemeenten.models import Gemeente, Organisatie, Provincie

JAREN = (2010, 2011)
# Twice a year per province: in spring and in autumn (seed 002, §3).
SEIZOENEN = ((3, 4), (10, 11))
NOORDEN = ("Friesland", "Groningen", "Drenthe")  # the northern CMOs also met together once a year
PLANNEN = 40  # municipalities with a plan under way, besides the demo official's
BASIS_URL = "http://127.0.0.1:8000/"


def demo_vervolg_bouwen(seed: int = 2012) -> dict[str, int] | None:
    """Build the meetings, plans and requests once; None when there are meetings already or the
    demo accounts or programme are missing. Mail goes nowhere (the demo prints nothing)."""
    coordinator = User.objects.filter(rol=User.Rol.COORDINATOR, is_active=True).order_by("pk").first()
    if Bijeenkomst.objects.exists() or coordinator is None:
        return None
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        toeval = random.Random(seed)
        return {
            "bijeenkomsten": _bijeenkomsten(toeval),
            "plannen": _plannen(toeval, coordinator),
            "aanvragen": _aanvragen(),
        }


def _adviseur_van(organisatie: Organisatie) -> User | None:
    return (
        User.objects.filter(rol=User.Rol.ADVISEUR, organisatie=organisatie, is_active=True)
        .order_by("pk")
        .first()
    )


def _dag(toeval: random.Random, jaar: int, maanden: tuple[int, int]) -> datetime.date:
    return datetime.date(jaar, toeval.choice(maanden), toeval.randint(2, 27))


def _bijeenkomsten(toeval: random.Random) -> int:
    themas = list(Thema.objects.order_by("volgorde"))
    organisatoren = {
        p: Organisatie.objects.filter(provincies=p).order_by("is_placeholder", "naam").first()
        for p in Provincie.objects.order_by("naam")
    }
    aantal = 0
    for jaar in JAREN:
        for maanden in SEIZOENEN:
            for provincie, cmo in organisatoren.items():
                aantal += _regionaal(toeval, jaar, maanden, [provincie], cmo, themas)
        noorden = [p for p in organisatoren if p.naam in NOORDEN]
        aantal += _regionaal(toeval, jaar, (6,), noorden, organisatoren[noorden[0]], themas) if noorden else 0
        for cmo in sorted({c for c in organisatoren.values() if c}, key=lambda c: c.naam):
            aantal += _intern(toeval, jaar, cmo, Bijeenkomst.Soort.INTERVISIE, "Intervisie adviseurs", themas)
        landelijk = organisatoren.get(next(iter(organisatoren), None))
        for maanden in SEIZOENEN:
            if landelijk:
                aantal += _intern(
                    toeval,
                    jaar,
                    landelijk,
                    Bijeenkomst.Soort.ADVISEURS,
                    "Landelijke adviseursdag",
                    themas,
                    maanden,
                )
    return aantal


def _regionaal(toeval, jaar: int, maanden, provincies: list[Provincie], cmo, themas: list[Thema]) -> int:
    adviseur = _adviseur_van(cmo) if cmo else None
    if adviseur is None:
        return 0
    datum = _dag(toeval, jaar, maanden)
    kandidaten = list(Gemeente.objects.filter(provincie__in=provincies).bestaand_op(datum).order_by("naam"))
    gemeenten = toeval.sample(kandidaten, min(len(kandidaten), toeval.randint(8, 18)))
    bijeenkomst_opslaan(
        door=adviseur,
        datum=datum,
        soort=Bijeenkomst.Soort.REGIONAAL,
        titel=f"Regiobijeenkomst {' en '.join(p.naam for p in provincies)} {'voorjaar' if datum.month < 7 else 'najaar'} {jaar}",
        themas=toeval.sample(themas, 2),
        provincies=provincies,
        gemeenten=gemeenten,
        deelnemers=max(len(gemeenten), toeval.randint(20, 40)),
        verslag="Gemeenten wisselden ervaringen uit over de basisfuncties en de eerste stappen van hun beleidsplan.",
        gerapporteerd_op=_vastgelegd(datum),
    )
    return 1


def _intern(toeval, jaar: int, cmo, soort: str, titel: str, themas: list[Thema], maanden=(5, 9)) -> int:
    adviseur = _adviseur_van(cmo)
    if adviseur is None:
        return 0
    datum = _dag(toeval, jaar, maanden)
    bijeenkomst_opslaan(
        door=adviseur,
        datum=datum,
        soort=soort,
        titel=f"{titel} {jaar}",
        themas=toeval.sample(themas, 1),
        provincies=[],
        gemeenten=[],
        deelnemers=toeval.randint(6, 30),
        gerapporteerd_op=_vastgelegd(datum),
    )
    return 1


def _vastgelegd(datum: datetime.date) -> datetime.datetime:
    """Logged two days after the meeting, at noon."""
    dag = datum + datetime.timedelta(days=2)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12, 0)))


def _plannen(toeval: random.Random, coordinator: User) -> int:
    """The demo official's plan, a few steps along with the adviser's reactions, and progress for
    other municipalities (entered for them by the coordinator)."""
    official = User.objects.filter(email="gemeente@demo.goedvoorelkaar.nl", is_active=True).first()
    vandaag = timezone.localdate()
    aantal = 0
    if official and official.gemeente_id:
        gemeente = official.gemeente
        for stap, status in [(1, "klaar"), (2, "klaar"), (3, "bezig")]:
            beleidsstap_bijwerken(
                gemeente=gemeente,
                stap=stap,
                door=official,
                status=status,
                notitie=f"{beleidsplan.STAP[stap].titel}: besproken in het team Wmo.",
                datum=vandaag - datetime.timedelta(days=60 - 20 * stap),
            )
        adviseur = User.objects.filter(email="adviseur@demo.goedvoorelkaar.nl", is_active=True).first()
        if adviseur:
            beleidsstap_reageren(
                gemeente=gemeente,
                stap=3,
                door=adviseur,
                reactie="Nodig ook het steunpunt mantelzorg uit; zij kennen de vragen van mantelzorgers.",
            )
        aantal += 1
    andere = list(Gemeente.objects.bestaand_op(vandaag).exclude(pk=getattr(official, "gemeente_id", None)))
    for gemeente in toeval.sample(andere, min(PLANNEN, len(andere))):
        klaar = toeval.randint(0, 6)
        for stap in range(1, klaar + 2):
            beleidsstap_bijwerken(
                gemeente=gemeente,
                stap=stap,
                door=coordinator,
                status=Beleidsstap.Status.KLAAR if stap <= klaar else Beleidsstap.Status.BEZIG,
            )
        aantal += 1
    return aantal


def _aanvragen() -> int:
    """Three requests of the demo official: one answered by a session, one accepted, one waiting."""
    official = User.objects.filter(email="gemeente@demo.goedvoorelkaar.nl", is_active=True).first()
    if official is None or not official.gemeente_id:
        return 0
    gemeente = official.gemeente
    meting = laatste_ingediende_meting(gemeente)
    zwak = list(meting.scores.filter(goed_voor_elkaar=False).select_related("basisfunctie")) if meting else []
    vragen = [
        ("Hoe zetten we een vrijwilligerssteunpunt op dat ook kleine dorpen bereikt?", "voor de zomer"),
        ("Wat kost respijtzorg en hoe organiseren andere gemeenten het?", "in het najaar"),
        ("Kunt u meedenken over onze nota vrijwillige inzet?", ""),
    ]
    aanvragen = [
        adviesaanvraag_indienen(
            gemeente=gemeente,
            door=official,
            vraag=vraag,
            voorkeursperiode=periode,
            basisfuncties=[zwak[i].basisfunctie] if i < len(zwak) else [],
            meting=meting,
            basis_url=BASIS_URL,
        )
        for i, (vraag, periode) in enumerate(vragen)
    ]
    adviseur = next(
        (
            u
            for u in User.objects.filter(
                rol=User.Rol.ADVISEUR, is_active=True, organisatie=aanvragen[0].organisatie
            ).order_by("email")
        ),
        None,
    )
    if adviseur is None:
        return len(aanvragen)
    adviesaanvraag_aannemen(aanvraag=aanvragen[1], door=adviseur)
    beantwoord = aanvragen[0]
    themas = list(Thema.objects.filter(basisfunctie__in=beantwoord.basisfuncties.all())) or list(
        Thema.objects.filter(domein="vrijwilligerswerk").order_by("volgorde")[:1]
    )
    adviesgesprek_log(
        adviseur=adviseur,
        datum=timezone.localdate(),
        gemeenten=[gemeente],
        onderwerp="beide" if len({t.domein for t in themas}) > 1 else themas[0].domein,
        themas=themas,
        uren=2,
        verslag="Gesprek over de aanvraag: mogelijkheden op een rij gezet en een vervolgafspraak gemaakt.",
        aanvraag=beantwoord,
    )
    return Adviesaanvraag.objects.filter(gemeente=gemeente).count()
