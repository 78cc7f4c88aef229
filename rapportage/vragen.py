"""The coordinator's questions in the monthly and quarterly reports, each a short table with its
base, against the period before and cumulative: who submitted and who is still missing per
province, sessions per adviser and per CMO, weak basisfuncties without a session on them,
trajecten against their budget, the response of open rounds, and sessions logged late."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

from rapportage import selectors as s
from rapportage.bouwstenen import Deel, Figuur, Tabel, nl_datum
from rapportage.periode import Periode
from toolkit import figuren


@dataclass(frozen=True)
class Deelname(Deel):
    """Participation per province at the end of this period and of the one before (table 7), the
    municipalities that submitted this period (8) and those still missing (9)."""

    periode: Periode
    per_provincie: list[list]  # province, municipalities, participants before, now, new, missing, %
    nieuw: list[list]  # municipality, province
    ontbrekend: list[list]  # province, number, names

    @classmethod
    def bereken(cls, periode: Periode) -> "Deelname":
        afbakening = periode.stand.afbakening
        nu = s.deelname_per_gemeente_met_naam(periode.tot, afbakening)
        ervoor = set(
            s.deelname_per_gemeente_met_naam(periode.vorige_tot, afbakening).query("deelnemer")["cbs_code"]
        )
        nu["was"] = nu["cbs_code"].isin(ervoor)
        per_provincie = [
            [
                provincie,
                len(groep),
                int(groep["was"].sum()),
                int(groep["deelnemer"].sum()),
                int((groep["deelnemer"] & ~groep["was"]).sum()),
                int((~groep["deelnemer"]).sum()),
                s.procent(int(groep["deelnemer"].sum()), len(groep)),
            ]
            for provincie, groep in nu.groupby("provincie", sort=True)
        ]
        nieuw = nu[nu["deelnemer"] & ~nu["was"]]
        ontbrekend = [
            [provincie, len(groep), ", ".join(groep["naam"])]
            for provincie, groep in nu[~nu["deelnemer"]].groupby("provincie", sort=True)
        ]
        return cls(periode, per_provincie, [[r.naam, r.provincie] for r in nieuw.itertuples()], ontbrekend)

    def onderdelen(self) -> list[Tabel | Figuur]:
        p = self.periode
        totaal = [sum(r[i] for r in self.per_provincie) for i in range(1, 6)]
        basis = (
            f"Basis: de gemeenten in de indeling van {nl_datum(p.tot)}; een gemeente doet mee als zij of een "
            f"gemeente die in haar is opgegaan de nulmeting indiende; {p.stand.lezing_kort}."
        )
        return [
            Tabel(
                "7",
                f"Deelname aan de nulmeting per provincie, aan het einde van {p.de} ervoor en van {p.deze}",
                [
                    "Provincie",
                    "Gemeenten",
                    f"Deelnemers {nl_datum(p.vorige_tot)}",
                    f"Deelnemers {nl_datum(p.tot)}",
                    f"Nieuw {p.deze}",
                    "Nog niet ingediend",
                    "% deelname",
                ],
                [*self.per_provincie, ["Totaal", *totaal, s.procent(totaal[2], totaal[0])]],
                basis,
                frozenset({6}),
            ),
            Tabel(
                "8",
                f"Gemeenten die {p.deze} voor het eerst meedoen",
                ["Gemeente", "Provincie"],
                self.nieuw,
                basis,
            ),
            Tabel(
                "9",
                "Gemeenten die nog niet meedoen, per provincie",
                ["Provincie", "Aantal", "Gemeenten"],
                self.ontbrekend,
                basis,
            ),
        ]

    def cijfers(self) -> dict:
        return {
            "deelname_per_provincie": {
                r[0]: {
                    "gemeenten": r[1],
                    "vorige_periode": r[2],
                    "deze_periode": r[3],
                    "nieuw": r[4],
                    "ontbrekend": r[5],
                }
                for r in self.per_provincie
            }
        }


def _vergelijk(deze: dict, vorige: dict, cumulatief: dict) -> list[list]:
    """Rows [*key, this period, the one before, difference, cumulative] for every key in any of them."""
    sleutels = sorted(set(deze) | set(vorige) | set(cumulatief))
    rijen = []
    for k in sleutels:
        nu, ervoor = deze.get(k, 0), vorige.get(k, 0)
        rijen.append([*(k if isinstance(k, tuple) else (k,)), nu, ervoor, nu - ervoor, cumulatief.get(k, 0)])
    return rijen


@dataclass(frozen=True)
class Adviseurs(Deel):
    """Sessions per adviser (table 10), against the period before and cumulative."""

    periode: Periode
    rijen: list[list]  # adviser, CMO, this period, before, difference, cumulative

    @classmethod
    def bereken(cls, periode: Periode) -> "Adviseurs":
        a, tot = periode.stand.afbakening, periode.tot
        return cls(
            periode,
            _vergelijk(
                s.gesprekken_per_adviseur(tot, a, periode.van),
                s.gesprekken_per_adviseur(periode.vorige_tot, a, periode.vorige_van),
                s.gesprekken_per_adviseur(tot, a),
            ),
        )

    def onderdelen(self) -> list[Tabel | Figuur]:
        p = self.periode
        return [
            Tabel(
                "10",
                f"Adviesgesprekken per adviseur, {p.deze} en {p.de} ervoor",
                [
                    "Adviseur",
                    "CMO",
                    p.deze.capitalize(),
                    f"{p.de.capitalize()} ervoor",
                    "Verschil",
                    "Cumulatief",
                ],
                self.rijen,
                p.stand.basis(
                    None,
                    "adviesgesprekken geteld bij de adviseur die ze vastlegde, naar de datum van het gesprek",
                ),
            ),
            Tabel(
                "10a",
                f"Adviesgesprekken per CMO, {p.deze} en {p.de} ervoor",
                ["CMO", p.deze.capitalize(), f"{p.de.capitalize()} ervoor", "Verschil", "Cumulatief"],
                self.per_cmo(),
                p.stand.basis(None, "de adviesgesprekken van tabel 10, opgeteld per CMO"),
            ),
        ]

    def per_cmo(self) -> list[list]:
        """Table 10's rows added up per CMO, so the two tables cannot disagree."""
        sommen: dict[str, list[int]] = {}
        for _, cmo, *getallen in self.rijen:
            som = sommen.get(cmo, [0, 0, 0, 0])
            sommen[cmo] = [a + b for a, b in zip(som, getallen, strict=True)]
        return [[cmo, *getallen] for cmo, getallen in sorted(sommen.items())]

    def cijfers(self) -> dict:
        return {
            "gesprekken_per_cmo": {
                r[0]: {"deze_periode": r[1], "vorige_periode": r[2], "cumulatief": r[4]}
                for r in self.per_cmo()
            }
        }


@dataclass(frozen=True)
class Laat(Deel):
    """Sessions logged in the period more than 30 days after they were held, per CMO (table 11)."""

    periode: Periode
    rijen: list[list]  # CMO, this period, before, difference, cumulative

    @classmethod
    def bereken(cls, periode: Periode) -> "Laat":
        a, tot = periode.stand.afbakening, periode.tot
        return cls(
            periode,
            _vergelijk(
                s.laat_vastgelegd(tot, a, periode.van),
                s.laat_vastgelegd(periode.vorige_tot, a, periode.vorige_van),
                s.laat_vastgelegd(tot, a),
            ),
        )

    def onderdelen(self) -> list[Tabel | Figuur]:
        p, dagen = self.periode, s.LAAT_VASTGELEGD_DAGEN
        totaal = [sum(r[i] for r in self.rijen) for i in range(1, 5)]
        return [
            Tabel(
                "11",
                f"Adviesgesprekken die meer dan {dagen} dagen na het gesprek werden vastgelegd, per CMO",
                ["CMO", p.deze.capitalize(), f"{p.de.capitalize()} ervoor", "Verschil", "Cumulatief"],
                [*self.rijen, ["Totaal", *totaal]] if self.rijen else [],
                p.stand.basis(
                    None,
                    f"adviesgesprekken naar de dag waarop ze werden vastgelegd, meer dan {dagen} dagen na het gesprek; "
                    "zolang zo'n gesprek niet is vastgelegd, ontbreekt het in elke telling",
                ),
            )
        ]

    def cijfers(self) -> dict:
        return {"laat_vastgelegd": {r[0]: {"deze_periode": r[1], "cumulatief": r[4]} for r in self.rijen}}


@dataclass(frozen=True)
class ZwakZonderGesprek(Deel):
    """Per basisfunctie: municipalities weak on it in their nulmeting, and of those how many had
    no session on it yet, at the end of this period and of the one before (table 12)."""

    periode: Periode
    rijen: list[list]  # basisfunctie, domain, weak, without session before, without session now

    @classmethod
    def bereken(cls, periode: Periode) -> "ZwakZonderGesprek":
        a = periode.stand.afbakening
        nu = s.zwak_zonder_gesprek(periode.tot, a)
        vorige = s.zwak_zonder_gesprek(periode.vorige_tot, a)
        ervoor = dict(zip(vorige["basisfunctie"], vorige["zonder_gesprek"], strict=True))
        rijen = [
            [r.basisfunctie, r.domein, int(r.zwak), int(ervoor.get(r.basisfunctie, 0)), int(r.zonder_gesprek)]
            for r in nu.itertuples()
        ]
        return cls(periode, rijen)

    def onderdelen(self) -> list[Tabel | Figuur]:
        p = self.periode
        return [
            Tabel(
                "12",
                "Gemeenten met een zwakke basisfunctie waarover nog geen adviesgesprek is gevoerd",
                [
                    "Basisfunctie",
                    "Domein",
                    "Gemeenten zwak in de nulmeting",
                    f"Zonder gesprek erover {nl_datum(p.vorige_tot)}",
                    f"Zonder gesprek erover {nl_datum(p.tot)}",
                ],
                self.rijen,
                p.stand.basis(
                    None,
                    "ingediende nulmetingen waarin de basisfunctie niet 'goed voor elkaar' is; een gesprek gaat "
                    "over de basisfunctie als een aangekruist thema erbij hoort, met de gemeente of de gemeente "
                    "waarin zij is opgegaan",
                ),
            )
        ]

    def cijfers(self) -> dict:
        return {"zwak_zonder_gesprek": {r[0]: {"zwak": r[2], "zonder_gesprek": r[4]} for r in self.rijen}}


@dataclass(frozen=True)
class Trajecten(Deel):
    """Every adviestraject's hours: budget, this period, in all, and the share used (table 13)."""

    periode: Periode
    rijen: list[dict]

    @classmethod
    def bereken(cls, periode: Periode) -> "Trajecten":
        return cls(periode, s.trajecten_uren(periode.tot, periode.stand.afbakening, periode.van))

    def onderdelen(self) -> list[Tabel | Figuur]:
        p = self.periode
        return [
            Tabel(
                "13",
                "Adviestrajecten: uren besteed tegen de begrote inzet",
                ["Traject", "CMO", "Begroot", f"Besteed {p.deze}", "Besteed totaal", "% van begroot"],
                [
                    [
                        r["traject"],
                        r["cmo"],
                        r["budget"],
                        r["periode"],
                        r["totaal"],
                        s.procent(r["totaal"], r["budget"]),
                    ]
                    for r in self.rijen
                ],
                p.stand.basis(
                    len(self.rijen),
                    "adviestrajecten begonnen tot de einddatum; uren van hun vastgelegde gesprekken",
                ),
                frozenset({5}),
            )
        ]


@dataclass(frozen=True)
class Rondes(Deel):
    """The response of the rounds open during the period (table 14)."""

    periode: Periode
    rijen: list[dict]

    @classmethod
    def bereken(cls, periode: Periode) -> "Rondes":
        return cls(periode, s.rondes_respons(periode.van, periode.tot, periode.stand.afbakening))

    def onderdelen(self) -> list[Tabel | Figuur]:
        p = self.periode
        return [
            Tabel(
                "14",
                f"Respons van de rondes die {p.deze} open waren",
                [
                    "Ronde",
                    "Uitgenodigde gemeenten",
                    "Eerder ingediend",
                    f"Ingediend {p.deze}",
                    "Ingediend totaal",
                    "Respons",
                ],
                [
                    [
                        r["ronde"],
                        r["uitgenodigd"],
                        r["voor"],
                        r["periode"],
                        r["totaal"],
                        s.procent(r["totaal"], r["uitgenodigd"]),
                    ]
                    for r in self.rijen
                ],
                f"Basis: de gemeenten die voor de ronde zijn uitgenodigd; een gemeente telt als ingediend als zij "
                f"of een gemeente die in haar is opgegaan indiende; stand per {nl_datum(p.tot)}.",
                frozenset({5}),
            )
        ]

    def cijfers(self) -> dict:
        return {"rondes": {r["ronde"]: {k: v for k, v in r.items() if k != "ronde"} for r in self.rijen}}


@dataclass(frozen=True)
class Maandverloop(Deel):
    """The sessions per month over the last twelve months up to this month (figure 1, monthly)."""

    periode: Periode
    maanden: list[datetime.date]
    per_maand: list[int]
    cumulatief: list[int]

    @classmethod
    def bereken(cls, periode: Periode) -> "Maandverloop":
        jaar, maand = divmod(periode.van.year * 12 + periode.van.month - 1 - 11, 12)
        per_maand = s.gesprekken_per_maand(periode.tot, periode.stand.afbakening)
        begin = datetime.date(jaar, maand + 1, 1)
        rijen = [
            (m.date(), int(a), int(c))
            for m, a, c in per_maand[["maand", "aantal", "cumulatief"]].itertuples(index=False)
            if m.date() >= begin
        ]
        return cls(periode, [r[0] for r in rijen], [r[1] for r in rijen], [r[2] for r in rijen])

    def onderdelen(self) -> list[Tabel | Figuur]:
        svg = figuren.maandverloop(
            self.maanden,
            self.per_maand,
            self.cumulatief,
            {self.periode.tot: self.cumulatief[-1]} if self.cumulatief else {},
            titel="Adviesgesprekken, de laatste twaalf maanden",
            namen=("Gesprekken (cumulatief)", "Gesprekken per maand"),
            ylabel="Aantal gesprekken",
            leeg="Nog geen gesprekken",
        )
        return [
            Figuur("1", "Adviesgesprekken per maand en opgeteld", svg),
            Tabel(
                "6",
                "Adviesgesprekken per maand (de cijfers bij figuur 1)",
                ["Maand", "Gesprekken", "Cumulatief"],
                [
                    [date_format(m, "F Y"), a, c]
                    for m, a, c in zip(self.maanden, self.per_maand, self.cumulatief, strict=True)
                ],
                self.periode.stand.basis(
                    None, "adviesgesprekken geteld naar de maand waarin ze zijn gehouden"
                ),
            ),
        ]
