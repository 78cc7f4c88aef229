"""The nine steps towards a municipal policy on volunteering and informal care, after the guide's
chapter 6 (seed 003), in the product's own words. Numbers are stored in ``Beleidsstap.stap``."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Stap:
    nummer: int
    titel: str
    uitleg: str


STAPPEN = [
    Stap(
        1,
        "Visie en houding bepalen",
        "Spreek met collega's en de raad af waar de gemeente naartoe wil met vrijwillige inzet en "
        "welke rol zij zelf neemt; de typetest helpt het gesprek op gang.",
    ),
    Stap(
        2,
        "Huidig beleid in kaart brengen",
        "Zet op een rij wat er al is: regelingen, subsidies, eerder onderzoek, en hoe dat past bij de "
        "doelen van de Wmo.",
    ),
    Stap(
        3,
        "Het veld bevragen",
        "Vraag organisaties van vrijwilligers en mantelzorgers wat zij nodig hebben en waar het knelt.",
    ),
    Stap(
        4,
        "Inwoners betrekken",
        "Haal de wensen van inwoners op, bijvoorbeeld met een bijeenkomst, een panel of de Wmo-raad.",
    ),
    Stap(
        5,
        "Uitgangspunten en doelen vaststellen",
        "Vertaal wat stap 1 tot en met 4 opleverden in uitgangspunten en meetbare doelen, bestuurlijk "
        "bekrachtigd.",
    ),
    Stap(
        6,
        "Samenhangend plan van aanpak maken",
        "Werk de doelen uit in één plan dat aansluit op de andere prestatievelden en afdelingen.",
    ),
    Stap(
        7,
        "Afspraken maken met organisaties",
        "Leg vast wie wat uitvoert, met welk budget en welke resultaten, bijvoorbeeld in een "
        "subsidiebeschikking of convenant.",
    ),
    Stap(
        8,
        "Uitvoeren",
        "Voer het plan uit en houd bij of de afspraken worden nagekomen.",
    ),
    Stap(
        9,
        "Evalueren en bijstellen",
        "Kijk op vaste momenten wat het plan heeft opgeleverd en stel het bij; een nieuwe meting "
        "laat zien wat er veranderde.",
    ),
]

AANTAL = len(STAPPEN)
STAP = {s.nummer: s for s in STAPPEN}
