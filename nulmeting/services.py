"""The nulmeting: loading questionnaires, saving answers, submitting, scoring, reopening,
opening an eenmeting, and the typetest. Every write to a meting goes through here.
"""

import copy
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.audit import Actie, vastleggen
from accounts.models import User
from accounts.permissions import (
    is_coordinator,
    mag_importeren,
    mag_meting_heropenen,
    mag_vragenlijst_invullen,
)
from gemeenten.models import Gemeente
from nulmeting import definitie as definities
from nulmeting import scoring, typetest
from nulmeting.models import (
    Antwoord,
    Basisfunctie,
    Meting,
    MetingGebeurtenis,
    Score,
    TypetestUitslag,
    Vraag,
    Vragenlijst,
)
from toolkit import geschiedenis
from toolkit.datums import datum_tekst


class VragenlijstVergrendeld(Exception):
    """A questionnaire that has answers cannot change; a new version needs a new code."""


@transaction.atomic
def vragenlijst_laden(pad: Path) -> tuple[Vragenlijst, bool]:
    """Store the questionnaire defined in ``pad``; returns it and whether anything changed."""
    ruw = definities.lees_ruw(pad)
    opbouw = definities.parse(ruw)
    return _vragenlijst_opslaan(ruw, opbouw)


def _vragenlijst_opslaan(ruw: dict, opbouw: definities.VragenlijstDef, basis: Vragenlijst | None = None):
    basisfuncties = _basisfuncties_bijwerken(opbouw)
    vragenlijst = Vragenlijst.objects.filter(code=opbouw.code).first()
    if vragenlijst is not None:
        if vragenlijst.definitie == ruw:
            return vragenlijst, False
        if Antwoord.objects.filter(meting__vragenlijst=vragenlijst).exists():
            raise VragenlijstVergrendeld(
                f"Vragenlijst {opbouw.code} is al ingevuld en kan niet meer veranderen. "
                "Geef de nieuwe versie een eigen code."
            )
        vragenlijst.vragen.all().delete()
    else:
        vragenlijst = Vragenlijst(code=opbouw.code)
    vragenlijst.naam = opbouw.naam
    vragenlijst.soort = opbouw.soort
    vragenlijst.versie = opbouw.versie
    vragenlijst.inleiding = opbouw.inleiding
    vragenlijst.definitie = ruw
    vragenlijst.basis = basis
    vragenlijst.full_clean()
    vragenlijst.save()
    Vraag.objects.bulk_create(
        Vraag(
            vragenlijst=vragenlijst,
            basisfunctie=basisfuncties[v.basisfunctie],
            code=v.code,
            tekst=v.tekst,
            help=v.help,
            type=v.type,
            volgorde=i,
        )
        for i, v in enumerate(opbouw.vragen, start=1)
    )
    return vragenlijst, True


def _basisfuncties_bijwerken(opbouw: definities.VragenlijstDef) -> dict[str, Basisfunctie]:
    basisfuncties = {}
    for volgorde, b in enumerate(opbouw.basisfuncties, start=1):
        basisfunctie, _ = Basisfunctie.objects.update_or_create(
            code=b.code,
            defaults={
                "naam": b.naam,
                "domein": b.domein,
                "omschrijving": b.omschrijving,
                "volgorde": volgorde,
            },
        )
        basisfuncties[b.code] = basisfunctie
    return basisfuncties


def vragenlijsten_laden() -> list[tuple[Vragenlijst, bool]]:
    """Load every nulmeting/eenmeting definition kept in the repository."""
    return [
        vragenlijst_laden(pad)
        for pad in sorted(definities.DEFINITIES_DIR.glob("*.yaml"))
        if definities.lees_ruw(pad).get("soort") != "typetest"
    ]


@transaction.atomic
def eenmeting_openen(*, basis: Vragenlijst, code: str, naam: str, door: User) -> Vragenlijst:
    """A follow-up on the same basisfuncties and questions, compared with ``basis`` on the result page."""
    if not is_coordinator(door):
        raise PermissionDenied
    if Vragenlijst.objects.filter(code=code).exists():
        raise ValidationError({"code": "Er bestaat al een vragenlijst met deze code."})
    if basis.soort != Vragenlijst.Soort.NULMETING:
        raise ValidationError({"basis": "Een eenmeting volgt op een nulmeting."})
    ruw = copy.deepcopy(basis.definitie)
    ruw.update(code=code, naam=naam, soort=Vragenlijst.Soort.EENMETING)
    vragenlijst, _ = _vragenlijst_opslaan(ruw, definities.parse(ruw), basis=basis)
    return vragenlijst


@transaction.atomic
def vragenlijst_sluiten(*, vragenlijst: Vragenlijst, door: User) -> Vragenlijst:
    """Close a questionnaire: from now on no municipality opens, starts, saves or submits it;
    submitted results stay visible and count as they are."""
    if not is_coordinator(door):
        raise PermissionDenied
    vragenlijst.is_open = False
    vragenlijst.save(update_fields=["is_open"])
    return vragenlijst


@dataclass(frozen=True)
class Conflict:
    """A colleague changed this answer after the page was opened; theirs is kept."""

    vraag: str
    hun_waarde: str
    door: str


def _vereis_invulbaar(user: User, meting: Meting) -> None:
    if not mag_vragenlijst_invullen(user, meting.gemeente):
        raise PermissionDenied
    if meting.is_ingediend:
        raise ValidationError("Deze meting is al ingediend en kan niet meer worden gewijzigd.")
    if not meting.vragenlijst.is_open:
        raise ValidationError(
            f"{meting.vragenlijst} is gesloten en kan niet meer worden ingevuld of ingediend."
        )


def meting_voor(gemeente: Gemeente, vragenlijst: Vragenlijst) -> Meting | None:
    return Meting.objects.filter(gemeente=gemeente, vragenlijst=vragenlijst).first()


@transaction.atomic
def antwoorden_opslaan(
    *,
    gemeente: Gemeente,
    vragenlijst: Vragenlijst,
    waarden: dict[str, str],
    origineel: dict[str, str],
    door: User,
) -> tuple[Meting, list[Conflict]]:
    """Save one page of answers (question code → value) as concept.

    ``origineel`` holds the values the page showed when it was opened. An answer that a colleague
    changed in the meantime is not overwritten: it comes back as a ``Conflict`` so the user sees
    what changed and decides again. All other answers on the page are saved.
    """
    meting, _ = Meting.objects.get_or_create(gemeente=gemeente, vragenlijst=vragenlijst)
    meting = Meting.objects.select_for_update().select_related("gemeente", "vragenlijst").get(pk=meting.pk)
    _vereis_invulbaar(door, meting)
    vragen = {v.code: v for v in vragenlijst.vragen.filter(code__in=waarden)}
    bestaand = {
        a.vraag.code: a
        for a in meting.antwoorden.filter(vraag__code__in=waarden).select_related("vraag", "gewijzigd_door")
    }
    nu = timezone.now()
    conflicten, nieuw, gewijzigd = [], [], []
    for code, waarde in waarden.items():
        antwoord = bestaand.get(code)
        huidig = antwoord.waarde if antwoord else ""
        if huidig == waarde or waarde == origineel.get(code, ""):
            continue  # unchanged by this user: keep what is stored now, perhaps a colleague's answer
        if (
            antwoord is not None
            and huidig != origineel.get(code, "")
            and antwoord.gewijzigd_door_id != door.pk
        ):
            conflicten.append(Conflict(code, huidig, str(antwoord.gewijzigd_door or "een collega")))
            continue
        if antwoord is None:
            nieuw.append(
                Antwoord(
                    meting=meting, vraag=vragen[code], waarde=waarde, gewijzigd_op=nu, gewijzigd_door=door
                )
            )
        else:
            antwoord.waarde, antwoord.gewijzigd_op, antwoord.gewijzigd_door = waarde, nu, door
            gewijzigd.append(antwoord)
    Antwoord.objects.bulk_create(nieuw)
    Antwoord.objects.bulk_update(gewijzigd, ["waarde", "gewijzigd_op", "gewijzigd_door"])
    geschiedenis.versies_vastleggen(nieuw, soort=geschiedenis.TOEGEVOEGD, op=nu, door=door)
    geschiedenis.versies_vastleggen(gewijzigd, soort=geschiedenis.GEWIJZIGD, op=nu, door=door)
    if nieuw or gewijzigd:
        meting.gewijzigd_op = nu
        meting._history_user = door
        meting.save(update_fields=["gewijzigd_op"])
    return meting, conflicten


def antwoorden_van(meting: Meting | None) -> dict[str, str]:
    if meting is None:
        return {}
    return dict(meting.antwoorden.values_list("vraag__code", "waarde"))


def meting_scoren(
    meting: Meting, antwoorden: dict[str, str] | None = None, bekend_sinds: datetime.datetime | None = None
) -> list[Score]:
    """Compute and store the score per basisfunctie; the same answers always give the same scores.
    Their versions are dated ``bekend_sinds`` (default: when the meting was submitted)."""
    opbouw = meting.vragenlijst.opbouw
    if antwoorden is None:
        antwoorden = antwoorden_van(meting)
    uitslagen = scoring.score(opbouw.basisfuncties, antwoorden)
    basisfuncties = _basisfuncties_op_code()
    meting.scores.all().delete()
    scores = Score.objects.bulk_create(
        Score(
            meting=meting,
            basisfunctie=basisfuncties[u.basisfunctie],
            punten=u.punten,
            maximum=u.maximum,
            drempel=u.drempel,
            goed_voor_elkaar=u.goed_voor_elkaar,
        )
        for u in uitslagen
    )
    geschiedenis.versies_vastleggen(
        scores, soort=geschiedenis.TOEGEVOEGD, op=bekend_sinds or meting.ingediend_op
    )
    return scores


def _basisfuncties_op_code() -> dict[str, Basisfunctie]:
    return {b.code: b for b in Basisfunctie.objects.all()}


@transaction.atomic
def meting_indienen(*, meting: Meting, door: User, op=None) -> Meting:
    """Submit and score a meting. Submitting twice (double click, two tabs) submits once."""
    meting = Meting.objects.select_for_update().select_related("gemeente", "vragenlijst").get(pk=meting.pk)
    if meting.is_ingediend:
        return meting
    _vereis_invulbaar(door, meting)
    meting.status = Meting.Status.INGEDIEND
    meting.ingediend_op = op or timezone.now()
    meting.ingediend_door = door
    meting._history_date, meting._history_user = meting.ingediend_op, door
    meting.save(update_fields=["status", "ingediend_op", "ingediend_door"])
    meting_scoren(meting)
    MetingGebeurtenis.objects.create(meting=meting, soort=MetingGebeurtenis.Soort.INGEDIEND, door=door)
    return meting


@transaction.atomic
def meting_importeren(
    *,
    gemeente: Gemeente,
    vragenlijst: Vragenlijst,
    ingediend_op: datetime.datetime,
    antwoorden: dict[str, str],
    door: User | None,
    bekend_sinds: datetime.datetime | None = None,
) -> Meting:
    """Store a meting submitted before the product existed (from a spreadsheet): submitted at
    ``ingediend_op`` and scored as an online submission is. Its versions are dated
    ``bekend_sinds``: the moment of an upload, so a report as known on an earlier date stays as it
    was and lists it among the later corrections (decision 0013); without it (loading the
    programme's archive: the demo, the management command), at ``ingediend_op``."""
    bekend_sinds = bekend_sinds or ingediend_op
    if not mag_importeren(door):
        raise PermissionDenied
    if fouten := _importfouten(gemeente, vragenlijst, ingediend_op):
        raise ValidationError(fouten)
    meting = Meting(
        gemeente=gemeente,
        vragenlijst=vragenlijst,
        status=Meting.Status.INGEDIEND,
        aangemaakt_op=ingediend_op,
        gewijzigd_op=ingediend_op,
        ingediend_op=ingediend_op,
        ingediend_door=door,
        is_geimporteerd=True,
    )
    meting._history_date, meting._history_user = bekend_sinds, door
    meting.save()
    vragen = {v.code: v for v in vragenlijst.vragen.filter(code__in=antwoorden)}
    opgeslagen = Antwoord.objects.bulk_create(
        Antwoord(
            meting=meting, vraag=vragen[code], waarde=waarde, gewijzigd_op=ingediend_op, gewijzigd_door=door
        )
        for code, waarde in antwoorden.items()
        if waarde != ""
    )
    geschiedenis.versies_vastleggen(opgeslagen, soort=geschiedenis.TOEGEVOEGD, op=bekend_sinds, door=door)
    meting_scoren(meting, antwoorden, bekend_sinds)
    MetingGebeurtenis.objects.create(meting=meting, soort=MetingGebeurtenis.Soort.GEIMPORTEERD, door=door)
    return meting


def _importfouten(gemeente: Gemeente, vragenlijst: Vragenlijst, ingediend_op: datetime.datetime) -> dict:
    fouten = {}
    dag = timezone.localtime(ingediend_op).date()
    if ingediend_op > timezone.now():
        fouten["ingediend_op"] = ["De datum van indienen ligt in de toekomst."]
    elif not gemeente.bestaat_op(dag):
        fouten["ingediend_op"] = [f"{gemeente} bestond niet op {datum_tekst(dag)}."]
    if meting_voor(gemeente, vragenlijst) is not None:
        fouten["gemeente"] = [f"{gemeente} heeft al een meting voor {vragenlijst}."]
    return fouten


@transaction.atomic
def meting_heropenen(*, meting: Meting, door: User, reden: str) -> Meting:
    """A coordinator reopens a submitted meting so the municipality can correct it; the reason is kept."""
    if not mag_meting_heropenen(door):
        raise PermissionDenied
    if not reden.strip():
        raise ValidationError({"reden": "Geef een reden op; de gemeente en de rapportage zien die terug."})
    meting = Meting.objects.select_for_update().get(pk=meting.pk)
    if not meting.is_ingediend:
        raise ValidationError("Deze meting is niet ingediend.")
    meting.status = Meting.Status.CONCEPT
    meting.ingediend_op = None
    meting.ingediend_door = None
    meting._history_user = door
    meting.save(update_fields=["status", "ingediend_op", "ingediend_door"])
    meting.scores.all().delete()
    MetingGebeurtenis.objects.create(
        meting=meting, soort=MetingGebeurtenis.Soort.HEROPEND, door=door, reden=reden.strip()
    )
    return meting


@transaction.atomic
def typetest_invullen(*, gemeente: Gemeente, door: User, antwoorden: dict[int, str]) -> TypetestUitslag:
    if not mag_vragenlijst_invullen(door, gemeente):
        raise PermissionDenied
    resultaat = typetest.bereken(antwoorden)
    uitslag = TypetestUitslag.objects.create(
        gemeente=gemeente,
        ingevuld_door=door,
        antwoorden={str(n): a for n, a in sorted(antwoorden.items())},
        a_even=resultaat.a_even,
        a_oneven=resultaat.a_oneven,
        type=resultaat.type,
    )
    vastleggen(Actie.AANGEMAAKT, gebruiker=door, object=uitslag)
    return uitslag
