"""A deterministic demo programme for 2009–2012 on the real municipalities.

Everything goes through the services a user's actions go through: advisers are added to the pool,
the 2009 nulmeting answers are imported and scored by the scoring service, sessions are logged by
their advisers, and a third of the participants answer the eenmeting of 2012. The data is calibrated
so that the eindrapportage as of 2012-10-01 reproduces the figures the programme's evaluation
published (``rapportage/referentie/eindrapportage_2012.json``), and spread over time as a real
programme: sessions on working days with the summer and Christmas dip, every theme's ticks spread
evenly over the months, a few municipalities with many sessions and many with one to three.
"""

import datetime
import io
import json
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from advies.demo import demo_vervolg_bouwen
from advies.models import Adviseur, Onderwerp, Thema
from advies.services import adviesgesprek_log, adviestraject_opslaan, adviseur_beeindigen, adviseur_toevoegen
from gemeenten.models import Gemeente, Herindeling, Organisatie, Provincie
from gemeenten.selectors import voortgezet_in
from nulmeting.definitie import VraagDef
from nulmeting.models import Vragenlijst
from nulmeting.selectors import ingediende_antwoorden
from nulmeting.services import eenmeting_openen, vragenlijst_sluiten
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from toolkit.datums import begin_van
from toolkit.export import csv_bytes

REFERENTIE = Path(__file__).resolve().parent / "referentie" / "eindrapportage_2012.json"
PEILDATUM = datetime.date(2012, 10, 1)
START_ADVIES = datetime.date(2009, 9, 1)
# Fewer sessions in the summer holidays and around Christmas: a weight per month (others 1).
SEIZOEN = {1: 0.8, 7: 0.45, 8: 0.35, 12: 0.6}
EENMETING_2012 = (datetime.date(2012, 3, 1), datetime.date(2012, 9, 15))  # when it was filled in
DEMO_GEMEENTEN = ["GM1900"]  # the demo official's municipality: it fills in what is open itself
EXTRA_NA_PEILDATUM = 41  # sessions held after the peildatum: about 1,400 in all, as chapter 4 says

PLAATSHOUDERS = [
    ("CMO Zuid-Holland (plaatshouder)", "Zuid-Holland"),
    ("Tweede CMO Gelderland (plaatshouder)", "Gelderland"),
    ("Tweede CMO Noord-Brabant (plaatshouder)", "Noord-Brabant"),
]
VOORNAMEN = [
    "Anne",
    "Bas",
    "Carla",
    "Dirk",
    "Els",
    "Frank",
    "Gerda",
    "Hans",
    "Ineke",
    "Jan",
    "Karin",
    "Leo",
    "Marieke",
    "Niels",
    "Olga",
    "Piet",
    "Renate",
    "Sander",
    "Tineke",
    "Wim",
    "Yvonne",
    "Ruud",
    "Ellen",
    "Mark",
]
ACHTERNAMEN = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
    "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok",
]  # fmt: skip


@dataclass
class Doelen:
    deelnemers_2009: int
    deelnemers_totaal: int
    goed_procent: dict[str, int]
    cumulatief: dict[datetime.date, int]
    onderwerp_procent: dict[str, int]
    themas: dict[tuple[str, str], int]
    adviseurs: int
    cmo: int
    pool_oktober: int

    @classmethod
    def lees(cls, pad: Path = REFERENTIE) -> "Doelen":
        ref = json.loads(pad.read_text(encoding="utf-8"))
        return cls(
            deelnemers_2009=ref["deelname"]["nulmeting_2009_deelnemers"],
            deelnemers_totaal=ref["deelname"]["nulmeting_totaal_deelnemers"],
            goed_procent={
                **ref["tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent"],
                **ref["tabel_2_2_mantelzorg_goed_voor_elkaar_procent"],
            },
            cumulatief={
                datetime.date.fromisoformat(d): n
                for d, n in ref["figuur_2_1_adviesgesprekken_cumulatief"].items()
            },
            onderwerp_procent=ref["figuur_2_2_onderwerp_procent"],
            themas={
                **{
                    ("vrijwilligerswerk", n): c
                    for n, c in ref["tabel_2_3_thema_vrijwilligerswerk_aangekruist"].items()
                },
                **{("mantelzorg", n): c for n, c in ref["tabel_2_4_thema_mantelzorg_aangekruist"].items()},
            },
            adviseurs=ref["adviseurspool"]["adviseurs_totaal"],
            cmo=ref["adviseurspool"]["cmo_organisaties"],
            pool_oktober=ref["adviseurspool"]["pool_oktober_2012"],
        )


def aantal_voor_procent(procent: int, totaal: int) -> int:
    """The count whose share of ``totaal``, rounded half up, is ``procent``."""
    kandidaat = round(procent * totaal / 100)
    for delta in (0, -1, 1, -2, 2):
        k = kandidaat + delta
        if 0 <= k <= totaal and (200 * k + totaal) // (2 * totaal) == procent:
            return k
    raise ValueError(f"{procent}% is not reachable with {totaal}")


def _verdeel(totaal: int, procenten: dict[str, int]) -> dict[str, int]:
    aantallen = {k: aantal_voor_procent(p, totaal) for k, p in procenten.items()}
    verschil = totaal - sum(aantallen.values())
    for sleutel in list(aantallen)[::-1]:
        if verschil == 0:
            break
        stap = 1 if verschil > 0 else -1
        if (200 * (aantallen[sleutel] + stap) + totaal) // (2 * totaal) == procenten[sleutel]:
            aantallen[sleutel] += stap
            verschil -= stap
    if verschil:
        raise ValueError("Percentages cannot add up to the total")
    return aantallen


class DemoProgramma:
    def __init__(self, doelen: Doelen | None = None, seed: int = 2012):
        self.doelen = doelen or Doelen.lees()
        self.rnd = random.Random(seed)
        self.nulmeting = Vragenlijst.objects.get(code="nulmeting-2009")

    # --- pool ---------------------------------------------------------------------------------
    def organisaties(self) -> list[Organisatie]:
        for naam, provincie in PLAATSHOUDERS[
            : max(0, self.doelen.cmo - Organisatie.objects.filter(is_placeholder=False).count())
        ]:
            organisatie, _ = Organisatie.objects.get_or_create(naam=naam, defaults={"is_placeholder": True})
            organisatie.provincies.set([Provincie.objects.get(naam=provincie)])
        return list(Organisatie.objects.prefetch_related("provincies").order_by("naam"))

    def pool(self, organisaties: list[Organisatie]) -> list[Adviseur]:
        namen = [f"{v} {a}" for a in ACHTERNAMEN for v in VOORNAMEN]
        self.rnd.shuffle(namen)
        demo = User.objects.filter(email="adviseur@demo.goedvoorelkaar.nl").first()
        perioden = []
        for i in range(self.doelen.adviseurs):
            organisatie = organisaties[i % len(organisaties)]
            if i == 0 and demo is not None:
                naam, email, organisatie = demo.naam, demo.email, demo.organisatie
            else:
                naam = namen[i]
                slug = organisatie.naam.split(" (")[0].lower().replace(" ", "-").replace(",", "")[:20]
                email = f"{naam.lower().replace(' ', '.')}@{slug}.demo.goedvoorelkaar.nl"
            van = datetime.date(2009, 3, 1) + datetime.timedelta(days=self.rnd.randint(0, 120))
            perioden.append(
                adviseur_toevoegen(
                    naam=naam,
                    email=email,
                    organisatie=organisatie,
                    actief_van=van,
                    door=None,
                    vastgelegd_op=begin_van(van),
                )
            )
        return perioden

    def vertrekkers(self, perioden: list[Adviseur]) -> dict[int, datetime.date]:
        """Who leaves the pool before the peildatum, and when; every CMO keeps two advisers."""
        aantal = self.doelen.adviseurs - self.doelen.pool_oktober
        per_cmo: dict[int, list[Adviseur]] = {}
        for p in perioden[1:]:  # the demo adviser stays
            per_cmo.setdefault(p.organisatie_id, []).append(p)
        kandidaten = [p for groep in per_cmo.values() for p in groep[2:]] + [
            p for groep in per_cmo.values() for p in groep[1:2]
        ]
        return {
            p.pk: datetime.date(2010, 6, 1) + datetime.timedelta(days=self.rnd.randint(0, 820))
            for p in kandidaten[:aantal]
        }

    # --- nulmeting ------------------------------------------------------------------------------
    def deelnemers(self) -> tuple[list[Gemeente], list[Gemeente]]:
        """The municipalities submitting in 2009 and those submitting later, so that participation
        is exactly the target in 2009 and, counting mergers, as of the peildatum."""
        gemeenten_2009 = list(Gemeente.objects.bestaand_op(datetime.date(2009, 1, 1)).order_by("cbs_code"))
        opgeheven = {h.opgeheven_id for h in Herindeling.objects.all()}
        opvolgers = {h.opvolger_id for h in Herindeling.objects.all()}
        verplicht = [g for g in gemeenten_2009 if g.pk in opgeheven or g.pk in opvolgers]
        overig = [g for g in gemeenten_2009 if g not in verplicht]
        self.rnd.shuffle(overig)
        aantal_overig = self.doelen.deelnemers_2009 - len(verplicht)
        in_2009 = verplicht + overig[:aantal_overig]
        niet = overig[aantal_overig:]
        gedekt = self._gedekt_op(PEILDATUM, [g.pk for g in in_2009])
        nodig = self.doelen.deelnemers_totaal - gedekt
        return in_2009, niet[:nodig]

    @staticmethod
    def _gedekt_op(datum: datetime.date, ids: list[int]) -> int:
        """How many municipalities existing on ``datum`` those of ``ids`` are or live on in."""
        return len(set().union(*voortgezet_in(Gemeente.objects.filter(pk__in=ids), datum).values()))

    def _antwoorden_voor(self, vragen: tuple[VraagDef, ...], drempel: int, goed: bool) -> dict[str, str]:
        """Answers whose points land above or below the threshold, with some variety."""
        gescoord = [v for v in vragen if v.telt_mee]
        niveaus = {v.code: 0 for v in gescoord}

        def punten(v: VraagDef, niveau: int) -> int:
            return (
                sorted(v.schijven, key=lambda s: s.vanaf)[niveau].punten
                if v.type == "getal"
                else sorted(o.punten for o in v.opties)[niveau]
            )

        def hoogste(v: VraagDef) -> int:
            return (len(v.schijven) if v.type == "getal" else len(v.opties)) - 1

        doel = (
            self.rnd.randint(drempel, sum(v.max_punten for v in gescoord))
            if goed
            else self.rnd.randint(0, drempel - 1)
        )
        totaal = 0
        for _ in range(60):
            v = self.rnd.choice(gescoord)
            if niveaus[v.code] < hoogste(v):
                extra = punten(v, niveaus[v.code] + 1) - punten(v, niveaus[v.code])
                if totaal + extra <= doel:
                    niveaus[v.code] += 1
                    totaal += extra
        while goed and totaal < drempel:
            v = next(v for v in gescoord if niveaus[v.code] < hoogste(v))
            totaal += punten(v, niveaus[v.code] + 1) - punten(v, niveaus[v.code])
            niveaus[v.code] += 1
        antwoorden = {}
        for v in gescoord:
            if v.type == "getal":
                antwoorden[v.code] = str(sorted(v.schijven, key=lambda s: s.vanaf)[niveaus[v.code]].vanaf)
            else:
                punt = sorted(o.punten for o in v.opties)[niveaus[v.code]]
                antwoorden[v.code] = next(o.waarde for o in v.opties if o.punten == punt)
        return antwoorden

    def nulmetingen(self, in_2009: list[Gemeente], later: list[Gemeente]) -> int:
        opbouw = self.nulmeting.opbouw
        alle = in_2009 + later
        totaal = len(alle)
        sterkte = {g.pk: self.rnd.random() for g in alle}
        goed: dict[str, set[int]] = {}
        for b in opbouw.basisfuncties:
            k = aantal_voor_procent(self.doelen.goed_procent[b.naam], totaal)
            volgorde = sorted(alle, key=lambda g: sterkte[g.pk] + self.rnd.random() * 0.8, reverse=True)
            goed[b.code] = {g.pk for g in volgorde[:k]}
        kolommen = antwoorden_kolommen(self.nulmeting)
        rijen = []
        for g in alle:
            if g in in_2009:
                ingediend = datetime.date(2009, 3, 2) + datetime.timedelta(
                    days=int(self.rnd.triangular(0, 303, 220))
                )
            else:
                ingediend = datetime.date(2010, 1, 15) + datetime.timedelta(days=self.rnd.randint(0, 970))
            antwoorden = {}
            for b in opbouw.basisfuncties:
                antwoorden.update(self._antwoorden_voor(b.vragen, b.drempel, g.pk in goed[b.code]))
            rijen.append([g.cbs_code, ingediend.isoformat()] + [antwoorden.get(k, "") for k in kolommen[2:]])
        return metingen_importeren(
            io.BytesIO(csv_bytes(kolommen, rijen)), vragenlijst=self.nulmeting, door=None, naam="demo.csv"
        )

    # --- advice -----------------------------------------------------------------------------------
    def gespreksdata(self) -> list[datetime.date]:
        """Dates of the sessions counted at the peildatum, matching the cumulative targets: on
        working days, fewer in the summer holidays and around Christmas."""
        data, vorige_grens, vorige_aantal = [], START_ADVIES - datetime.timedelta(days=1), 0
        for grens, aantal in sorted(self.doelen.cumulatief.items()):
            dagen = [
                vorige_grens + datetime.timedelta(days=d) for d in range(1, (grens - vorige_grens).days + 1)
            ]
            gewichten = [0 if dag.weekday() >= 5 else SEIZOEN.get(dag.month, 1.0) for dag in dagen]
            data += self.rnd.choices(dagen, weights=gewichten, k=aantal - vorige_aantal)
            vorige_grens, vorige_aantal = grens, aantal
        return sorted(data)

    def themaverdeling(self, onderwerpen: list[str]) -> list[list[Thema]]:
        """Tick every theme exactly as often as the targets say, each theme's ticks spread evenly
        over the sessions in date order (so no month holds most of a rare theme), and each
        session at least one fitting theme."""
        gekozen: list[list[Thema]] = [[] for _ in onderwerpen]
        themas = {(t.domein, t.naam): t for t in Thema.objects.all()}
        for domein in ("vrijwilligerswerk", "mantelzorg"):
            pool = [i for i, o in enumerate(onderwerpen) if o in (domein, Onderwerp.BEIDE)]
            for (d, naam), aantal in sorted(self.doelen.themas.items(), key=lambda x: -x[1]):
                if d != domein:
                    continue
                begin = self.rnd.random()
                for k in range(aantal):
                    gekozen[pool[int((k + begin) * len(pool) / aantal)]].append(themas[(d, naam)])
        for i, onderwerp in enumerate(onderwerpen):
            if not any(t.past_bij(onderwerp) for t in gekozen[i]):
                _verplaats_een_thema(gekozen, onderwerpen, naar=i)
        return gekozen

    def gemeente_per_gesprek(self, geadviseerd: list[Gemeente], n: int) -> list[Gemeente]:
        """Every advised municipality has at least one of the ``n`` sessions; the rest go unevenly,
        as in a real programme: a few municipalities in a long trajectory, many with one to three."""
        gewichten = [self.rnd.lognormvariate(0, 1.1) for _ in geadviseerd]
        per_gesprek = geadviseerd + self.rnd.choices(geadviseerd, weights=gewichten, k=n - len(geadviseerd))
        self.rnd.shuffle(per_gesprek)
        return per_gesprek

    def gesprekken(
        self, perioden: list[Adviseur], vertrek: dict[int, datetime.date], deelnemers: list[Gemeente]
    ) -> int:
        data = self.gespreksdata()
        n = len(data)
        verdeling = _verdeel(n, self.doelen.onderwerp_procent)
        onderwerpen = [o for o, c in verdeling.items() for _ in range(c)]
        self.rnd.shuffle(onderwerpen)
        themas = self.themaverdeling(onderwerpen)

        bestaand_2012 = set(
            Gemeente.objects.bestaand_op(datetime.date(2009, 1, 1))
            .bestaand_op(PEILDATUM)
            .values_list("pk", flat=True)
        )
        kandidaten = [g for g in deelnemers if g.pk in bestaand_2012]
        self.rnd.shuffle(kandidaten)
        geadviseerd = kandidaten[: round(len(deelnemers) / 2)]
        per_gesprek = self.gemeente_per_gesprek(geadviseerd, n)

        actief = lambda p, d: p.actief_van <= d and (p.pk not in vertrek or d < vertrek[p.pk])  # noqa: E731
        provincies = {
            o.pk: {p.pk for p in o.provincies.all()}
            for o in Organisatie.objects.prefetch_related("provincies")
        }
        per_provincie = {}
        for g in geadviseerd:
            per_provincie.setdefault(g.provincie_id, []).append(g)
        extra = [
            PEILDATUM + datetime.timedelta(days=self.rnd.randint(1, 90)) for _ in range(EXTRA_NA_PEILDATUM)
        ]
        for i, datum in enumerate(data + sorted(extra)):
            gemeente = per_gesprek[i % n]
            adviseurs = [
                p
                for p in perioden
                if gemeente.provincie_id in provincies[p.organisatie_id] and actief(p, datum)
            ]
            periode = adviseurs[self.rnd.randrange(len(adviseurs))]
            gemeenten = [gemeente]
            if self.rnd.random() < 0.06 and len(per_provincie[gemeente.provincie_id]) > 1:
                gemeenten.append(
                    self.rnd.choice([g for g in per_provincie[gemeente.provincie_id] if g != gemeente])
                )
            if i < n:
                onderwerp, gekozen = onderwerpen[i], themas[i]
            else:
                onderwerp = self.rnd.choice(Onderwerp.values)
                gekozen = [self.rnd.choice([t for t in Thema.objects.all() if t.past_bij(onderwerp)])]
            gelogd = timezone.make_aware(
                datetime.datetime.combine(
                    datum + datetime.timedelta(days=self.rnd.randint(0, 6)), datetime.time(16, 0)
                )
            )
            if datum <= PEILDATUM:
                gelogd = min(
                    gelogd, timezone.make_aware(datetime.datetime.combine(PEILDATUM, datetime.time(9, 0)))
                )
            adviesgesprek_log(
                adviseur=periode.user,
                datum=datum,
                gemeenten=gemeenten,
                onderwerp=onderwerp,
                themas=gekozen,
                uren=Decimal(self.rnd.choice(["1.5", "2", "2.5", "3", "3.5", "4"])),
                verslag=f"Gesprek met {', '.join(g.naam for g in gemeenten)} over {Onderwerp(onderwerp).label.lower()}.",
                gerapporteerd_op=gelogd,
                geimporteerd=True,
            )
        return len(data) + len(extra)

    @transaction.atomic
    def bouw(self) -> dict[str, int]:
        organisaties = self.organisaties()
        perioden = self.pool(organisaties)
        vertrek = self.vertrekkers(perioden)
        in_2009, later = self.deelnemers()
        metingen = self.nulmetingen(in_2009, later)
        gesprekken = self.gesprekken(perioden, vertrek, in_2009 + later)
        coordinator = User.objects.filter(rol=User.Rol.COORDINATOR).first()
        for periode in perioden:
            if periode.pk in vertrek:
                adviseur_beeindigen(
                    periode=periode,
                    per=vertrek[periode.pk],
                    door=coordinator,
                    vastgelegd_op=begin_van(vertrek[periode.pk]),
                )
        self.trajecten(perioden)
        eenmetingen = self.eenmeting_2012(coordinator) if coordinator else 0
        return {
            "adviseurs": len(perioden),
            "metingen": metingen,
            "gesprekken": gesprekken,
            "eenmetingen": eenmetingen,
        }

    def eenmeting_2012(self, coordinator: User) -> int:
        """The programme's eenmeting, spring and summer 2012, closed since: about a third of the
        municipalities that submitted the nulmeting themselves answered again, most of them a
        little further along (a few more questions answered 'ja')."""
        eenmeting = eenmeting_openen(
            basis=self.nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator
        )
        bestaand = Gemeente.objects.bestaand_op(EENMETING_2012[0]).bestaand_op(EENMETING_2012[1])
        eerder = ingediende_antwoorden(self.nulmeting, bestaand.exclude(cbs_code__in=DEMO_GEMEENTEN))
        gekozen = self.rnd.sample(sorted(eerder), k=len(eerder) // 3)
        codes = dict(Gemeente.objects.filter(pk__in=gekozen).values_list("pk", "cbs_code"))
        ja_nee = sorted(v.code for v in eenmeting.opbouw.vragen if v.type == "janee")
        dagen = (EENMETING_2012[1] - EENMETING_2012[0]).days
        kolommen = antwoorden_kolommen(eenmeting)
        rijen = []
        for gemeente_id in gekozen:
            waarden = dict(eerder[gemeente_id])
            for code in self.rnd.sample(ja_nee, k=self.rnd.choice([0, 2, 4, 6, 8, 10])):
                waarden[code] = "ja"
            dag = EENMETING_2012[0] + datetime.timedelta(days=int(self.rnd.triangular(0, dagen, dagen * 0.7)))
            rijen.append([codes[gemeente_id], dag.isoformat()] + [waarden.get(k, "") for k in kolommen[2:]])
        aantal = metingen_importeren(
            io.BytesIO(csv_bytes(kolommen, rijen)),
            vragenlijst=eenmeting,
            door=None,
            naam="demo-eenmeting-2012.csv",
        )
        vragenlijst_sluiten(vragenlijst=eenmeting, door=coordinator)
        return aantal

    def trajecten(self, perioden: list[Adviseur]) -> None:
        demo = next((p for p in perioden if p.user.email == "adviseur@demo.goedvoorelkaar.nl"), None)
        if demo is None:
            return
        gemeenten = list(
            Gemeente.objects.filter(
                provincie__organisaties=demo.organisatie, adviesgesprekken__isnull=False
            ).distinct()[:2]
        )
        if gemeenten:
            adviestraject_opslaan(
                door=demo.user,
                gemeenten=gemeenten,
                titel=f"Mantelzorgbeleid {' en '.join(g.naam for g in gemeenten)}",
                onderwerp=Onderwerp.MANTELZORG,
                status="lopend",
                doel="Een gezamenlijke visie op de ondersteuning van mantelzorgers, vastgelegd in de Wmo-nota.",
                werkwijze="Drie werksessies met ambtenaren, het steunpunt mantelzorg en een vertegenwoordiging van mantelzorgers.",
                inzet_uren=Decimal("24"),
                tijdspad="Werksessies in het voorjaar; concept-nota voor de zomer.",
                verwachte_opbrengst="Een paragraaf mantelzorg in de Wmo-nota met concrete afspraken over respijtzorg.",
                borging="Jaarlijkse evaluatie door de beleidsmedewerkers Wmo met het steunpunt.",
            )


def _verplaats_een_thema(gekozen: list[list[Thema]], onderwerpen: list[str], naar: int) -> None:
    """Give session ``naar`` a fitting theme taken from the nearest session (in date order) that
    keeps a fitting one without it: every theme's count stays the same."""
    for afstand in range(1, len(gekozen)):
        for van in (naar - afstand, naar + afstand):
            if not 0 <= van < len(gekozen) or len(gekozen[van]) < 2:
                continue
            for thema in gekozen[van]:
                rest = [t for t in gekozen[van] if t != thema]
                if (
                    thema.past_bij(onderwerpen[naar])
                    and thema not in gekozen[naar]
                    and any(t.past_bij(onderwerpen[van]) for t in rest)
                ):
                    gekozen[van].remove(thema)
                    gekozen[naar].append(thema)
                    return
    raise ValueError("Too few theme ticks for a theme per session")


def demo_data_bouwen(seed: int = 2012) -> dict[str, int] | None:
    """Build the demo programme once; returns None when the database already has a programme."""
    if Adviseur.objects.exists() or Vragenlijst.objects.filter(metingen__isnull=False).exists():
        return None
    resultaat = DemoProgramma(seed=seed).bouw()
    return {**resultaat, **(demo_vervolg_bouwen(seed) or {})}
