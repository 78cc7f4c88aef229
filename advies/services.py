"""Advice: the adviser pool, logging and changing adviesgesprekken (with history, soft delete and
conflict detection), adviestrajecten with a plan van aanpak, advice requests (asked by an official,
accepted by an adviser, closed by a session), the nine-step policy plan and meetings. Every write
goes through here.
"""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.audit import Actie, vastleggen
from accounts.models import User
from accounts.permissions import is_coordinator, mag_importeren
from advies import beleidsplan, meldingen
from advies.models import (
    Adviesaanvraag,
    Adviesgesprek,
    Adviestraject,
    Adviseur,
    Beleidsstap,
    Bijeenkomst,
    Onderwerp,
    Thema,
    VersieWeergave,
    Wijzigingssoort,
)
from advies.permissions import (
    aanvragen_om_te_beantwoorden,
    cmo_op,
    mag_aanvraag_aannemen,
    mag_advies_aanvragen,
    mag_beleidsplan_bijhouden,
    mag_bijeenkomst_wijzigen,
    mag_bijeenkomsten_loggen,
    mag_gesprek_wijzigen,
    mag_gesprekken_loggen,
    mag_loggen_voor_gemeente,
    mag_loggen_voor_gemeente_op,
    mag_op_beleidsplan_reageren,
    mag_traject_wijzigen,
    pool_vooraf_laden,
)
from gemeenten.models import Gemeente, Organisatie, Provincie
from nulmeting.models import Basisfunctie, Meting
from toolkit import geschiedenis
from toolkit.datums import datum_tekst
from toolkit.wachtrij import na_commit_in_wachtrij

GESPREK_VELDEN = [
    "datum",
    "gemeenten",
    "onderwerp",
    "themas",
    "uren",
    "verslag",
    "vervolgafspraken",
    "traject",
]


class GewijzigdDoorAnder(Exception):
    """Someone saved the session after this user opened it; nothing was overwritten."""

    def __init__(self, versies: list[VersieWeergave]):
        self.versies = versies
        door = ", ".join(sorted({str(v.history_user) for v in versies if v.history_user})) or "iemand anders"
        velden = sorted({veld for v in versies for veld, _, _ in v.weergave()})
        self.bericht = (
            f"{door} heeft dit gesprek gewijzigd nadat u het opende"
            + (f" ({', '.join(velden)})" if velden else "")
            + ". Uw wijzigingen zijn niet opgeslagen; bekijk de nieuwe versie en breng ze opnieuw aan."
        )
        super().__init__(self.bericht)


def controleer_gesprek(
    *,
    adviseur: User,
    datum: datetime.date | None,
    gemeenten: Iterable[Gemeente],
    onderwerp: str,
    themas: Iterable[Thema],
    uren: Decimal | None,
    traject: Adviestraject | None = None,
    vandaag: datetime.date | None = None,
    controleer_bereik: bool = True,
    historisch: bool = False,
    gerapporteerd_op: datetime.datetime | None = None,
) -> dict[str, list[str]]:
    """Every rule a session must meet, as Dutch messages per field (empty when all is well).

    A ``historisch`` session (imported from before the product) is held to the scope of the CMO the
    adviser worked for on ``datum``, not to their scope today."""
    fouten: dict[str, list[str]] = {}
    vandaag = vandaag or timezone.localdate()
    gemeenten, themas = list(gemeenten), list(themas)
    if datum is None:
        fouten.setdefault("datum", []).append("Vul de datum van het gesprek in.")
    elif datum > vandaag:
        fouten.setdefault("datum", []).append(
            "De datum ligt in de toekomst; leg een gesprek vast nadat het is gehouden."
        )
    if not gemeenten:
        fouten.setdefault("gemeenten", []).append("Kies ten minste één gemeente.")
    for gemeente in gemeenten:
        if controleer_bereik and not historisch and not mag_loggen_voor_gemeente(adviseur, gemeente):
            fouten.setdefault("gemeenten", []).append(f"{gemeente} ligt buiten de provincie(s) van uw CMO.")
        elif datum and not gemeente.bestaat_op(datum):
            fouten.setdefault("gemeenten", []).append(f"{gemeente} bestond niet op {datum_tekst(datum)}.")
    if historisch and datum:
        _samenvoegen(fouten, _bereik_op(adviseur, datum, gemeenten))
    _samenvoegen(fouten, _inhoudfouten(onderwerp, themas, uren))
    if traject is not None and traject.organisatie_id != adviseur.organisatie_id:
        fouten.setdefault("traject", []).append("Dit traject hoort bij een andere CMO.")
    if gerapporteerd_op is not None:
        _samenvoegen(fouten, _vastleggingsfouten(datum, gerapporteerd_op))
    return fouten


def _samenvoegen(fouten: dict[str, list[str]], meer: dict[str, list[str]]) -> None:
    for veld, berichten in meer.items():
        fouten.setdefault(veld, []).extend(berichten)


def _inhoudfouten(onderwerp: str, themas: list[Thema], uren: Decimal | None) -> dict[str, list[str]]:
    fouten: dict[str, list[str]] = {}
    if onderwerp not in Onderwerp.values:
        fouten["onderwerp"] = ["Kies vrijwilligerswerk, mantelzorg of beide."]
    if not themas:
        fouten["themas"] = ["Kruis ten minste één thema aan."]
    elif onderwerp in Onderwerp.values:
        niet_passend = [t.naam for t in themas if not t.past_bij(onderwerp)]
        if niet_passend:
            fouten["themas"] = [
                f"{', '.join(niet_passend)} past niet bij het onderwerp {Onderwerp(onderwerp).label.lower()}."
            ]
    if uren is None or uren <= 0:
        fouten["uren"] = ["Vul het aantal uren in (groter dan 0)."]
    elif uren > 99:
        fouten["uren"] = ["Meer dan 99 uur voor één gesprek is niet mogelijk."]
    return fouten


def _bereik_op(adviseur: User, datum: datetime.date, gemeenten: list[Gemeente]) -> dict[str, list[str]]:
    """A session from the past: the adviser was in the pool that day, and the municipalities lie in
    the provinces of the CMO they worked for then."""
    cmo = cmo_op(adviseur, datum)
    if cmo is None:
        return {"adviseur": [f"{adviseur} was op {datum_tekst(datum)} geen actieve adviseur in de pool."]}
    buiten = [g.naam for g in gemeenten if not mag_loggen_voor_gemeente_op(adviseur, g, datum)]
    if not buiten:
        return {}
    naam = Organisatie.objects.filter(pk=cmo).values_list("naam", flat=True).first() or "de CMO"
    return {"gemeenten": [f"{', '.join(buiten)} ligt buiten de provincie(s) van {naam}."]}


def _vastleggingsfouten(
    datum: datetime.date | None, gerapporteerd_op: datetime.datetime
) -> dict[str, list[str]]:
    fouten = []
    if datum and timezone.localtime(gerapporteerd_op).date() < datum:
        fouten.append("Het gesprek is vastgelegd vóór de datum waarop het is gehouden.")
    if gerapporteerd_op > timezone.now():
        fouten.append("De datum van vastleggen ligt in de toekomst.")
    return {"gerapporteerd_op": fouten} if fouten else {}


def _middag(datum: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time(12, 0)))


def _momentopname(gesprek: Adviesgesprek) -> dict:
    """The session's fields in a stable form for its history (shown in Dutch by the model)."""
    return {
        "datum": gesprek.datum.isoformat(),
        "gemeenten": "; ".join(sorted(g.naam for g in gesprek.gemeenten.all())),
        "onderwerp": gesprek.onderwerp,
        "themas": "; ".join(sorted(t.naam for t in gesprek.themas.all())),
        "uren": str(gesprek.uren),
        "verslag": gesprek.verslag,
        "vervolgafspraken": gesprek.vervolgafspraken,
        "traject": str(gesprek.traject) if gesprek.traject_id else "",
    }


class GesprekkenGeweigerd(Exception):
    """Sessions of a batch broke the rules; nothing of the batch was stored. ``fouten`` holds the
    refusal of each refused session by its position in the batch."""

    def __init__(self, fouten: dict[int, ValidationError]):
        self.fouten = fouten
        super().__init__(f"{len(fouten)} gesprek(ken) geweigerd")


@transaction.atomic
def adviesgesprek_log(
    *,
    adviseur: User,
    datum: datetime.date,
    gemeenten: Iterable[Gemeente],
    onderwerp: str,
    themas: Iterable[Thema],
    uren: Decimal,
    verslag: str,
    vervolgafspraken: str = "",
    traject: Adviestraject | None = None,
    gerapporteerd_op: datetime.datetime | None = None,
    geimporteerd: bool = False,
    door: User | None = None,
    aanvraag: Adviesaanvraag | None = None,
) -> Adviesgesprek:
    """Log a session held by ``adviseur``; ``gerapporteerd_op`` is now unless imported. A session
    logged for an advice request (``aanvraag``) closes it.

    An imported session, from before the product, is logged by ``door`` (a coordinator; None for a
    management command or the demo) on the adviser's behalf. It belongs to the CMO the adviser worked
    for on ``datum`` and, without ``gerapporteerd_op``, counts as logged at noon on that day.
    """
    gesprek = {
        "adviseur": adviseur,
        "datum": datum,
        "gemeenten": list(gemeenten),
        "onderwerp": onderwerp,
        "themas": themas,
        "uren": uren,
        "verslag": verslag,
        "vervolgafspraken": vervolgafspraken,
        "traject": traject,
        "gerapporteerd_op": gerapporteerd_op,
    }
    if aanvraag is not None:
        _controleer_aanvraag_van_gesprek(aanvraag, adviseur, gesprek["gemeenten"])
    try:
        gelogd = adviesgesprekken_loggen([gesprek], geimporteerd=geimporteerd, door=door)[0]
    except GesprekkenGeweigerd as exc:
        raise exc.fouten[0] from None
    if aanvraag is not None:
        _aanvraag_afsluiten(aanvraag, gelogd, adviseur)
    return gelogd


@transaction.atomic
def adviesgesprekken_loggen(
    gesprekken: Sequence[dict],
    *,
    geimporteerd: bool = False,
    door: User | None = None,
    bekend_sinds: datetime.datetime | None = None,
) -> list[Adviesgesprek]:
    """Log several sessions at once, each given by the keyword arguments of ``adviesgesprek_log``
    (without ``geimporteerd`` and ``door``), under the same rules, with the same history.

    Every session is checked before any is stored: if one breaks a rule, ``GesprekkenGeweigerd``
    lists the refusal of every refused one and nothing is stored. The checks ask no query per
    session (the advisers' pool periods are asked once); the sessions, their municipalities and
    themes and their history are written with one insert each (in batches), so an import of
    thousands of rows takes seconds. Their first versions are dated ``bekend_sinds`` (an upload:
    its moment) or else when each session was logged (decision 0013).
    """
    if geimporteerd:
        toegestaan = mag_importeren(door)
    else:
        toegestaan = all(mag_gesprekken_loggen(g["adviseur"]) for g in gesprekken)
    if not toegestaan:
        raise PermissionDenied
    gesprekken = [{**g, "gemeenten": list(g["gemeenten"]), "themas": list(g["themas"])} for g in gesprekken]
    if geimporteerd:
        pool_vooraf_laden(list({id(g["adviseur"]): g["adviseur"] for g in gesprekken}.values()))
    nieuw, fouten = [], {}
    for i, gegevens in enumerate(gesprekken):
        try:
            nieuw.append(_nieuw_gesprek(gegevens, geimporteerd=geimporteerd))
        except ValidationError as exc:
            fouten[i] = exc
    if fouten:
        raise GesprekkenGeweigerd(fouten)
    Adviesgesprek.objects.bulk_create(nieuw)
    for veld in ("gemeenten", "themas"):
        _koppelen(nieuw, veld, [g[veld] for g in gesprekken])
    soort = Wijzigingssoort.GEIMPORTEERD if geimporteerd else Wijzigingssoort.AANGEMAAKT
    versies_vastleggen(nieuw, soort=soort, door=None, op=bekend_sinds)
    return nieuw


def versies_vastleggen(
    gesprekken: Sequence[Adviesgesprek], *, soort: str, door: User | None, op: datetime.datetime | None = None
) -> None:
    """Store one version of each session as it now stands — fields, municipalities and themes —
    with what was done, by whom (default: the session's adviser) and when (default: for a new
    session the moment it was logged, else now). Reports read these back "as known on" a date.

    Written here rather than by the library's signals, which would store a version for the save and
    one more for each many-to-many change, and none at all for a batch."""
    nieuw = soort in (Wijzigingssoort.AANGEMAAKT, Wijzigingssoort.GEIMPORTEERD)
    for gesprek in gesprekken:
        gesprek._history_user = door or gesprek.adviseur
        gesprek._history_date = op or (gesprek.gerapporteerd_op if nieuw else timezone.now())
    geschiedenis.versies_vastleggen(
        gesprekken, soort=geschiedenis.TOEGEVOEGD if nieuw else geschiedenis.GEWIJZIGD, reden=soort
    )


def _nieuw_gesprek(gegevens: dict, *, geimporteerd: bool) -> Adviesgesprek:
    """One session of a batch, checked by ``controleer_gesprek`` and ``full_clean`` but not saved."""
    adviseur, datum = gegevens["adviseur"], gegevens["datum"]
    traject, gerapporteerd_op = gegevens.get("traject"), gegevens.get("gerapporteerd_op")
    if fouten := controleer_gesprek(
        adviseur=adviseur,
        datum=datum,
        gemeenten=gegevens["gemeenten"],
        onderwerp=gegevens["onderwerp"],
        themas=gegevens["themas"],
        uren=gegevens["uren"],
        traject=traject,
        historisch=geimporteerd,
        gerapporteerd_op=gerapporteerd_op,
    ):
        raise ValidationError(fouten)
    if geimporteerd:
        moment, organisatie_id = gerapporteerd_op or _middag(datum), cmo_op(adviseur, datum)
    else:
        moment, organisatie_id = gerapporteerd_op or timezone.now(), adviseur.organisatie_id
    gesprek = Adviesgesprek(
        datum=datum,
        gerapporteerd_op=moment,
        adviseur=adviseur,
        organisatie_id=organisatie_id,
        onderwerp=gegevens["onderwerp"],
        uren=gegevens["uren"],
        verslag=gegevens["verslag"].strip(),
        vervolgafspraken=gegevens.get("vervolgafspraken", "").strip(),
        traject=traject,
        gewijzigd_op=moment,
    )
    # The adviser, their CMO (from their account or pool period, never None once the rules are met)
    # and the traject are rows read from the database: asking again whether each exists would cost
    # three queries a session.
    gesprek.full_clean(exclude=["adviseur", "organisatie", "traject"])
    return gesprek


def _koppelen(gesprekken: list[Adviesgesprek], veld: str, per_gesprek: list[list]) -> None:
    """Link each saved session to its objects of the many-to-many ``veld``, each once."""
    m2m = Adviesgesprek._meta.get_field(veld)
    koppeling = m2m.remote_field.through
    eigen, ander = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    koppeling.objects.bulk_create(
        koppeling(**{eigen: gesprek.pk, ander: pk})
        for gesprek, objecten in zip(gesprekken, per_gesprek, strict=True)
        for pk in dict.fromkeys(o.pk for o in objecten)
    )


@transaction.atomic
def adviesgesprek_wijzigen(*, gesprek: Adviesgesprek, door: User, versie: int, **velden) -> Adviesgesprek:
    """Change a session. ``versie`` is the version the user opened; if someone saved in between,
    ``GewijzigdDoorAnder`` says who changed what, and nothing is written."""
    gesprek = Adviesgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if not mag_gesprek_wijzigen(door, gesprek) or gesprek.is_verwijderd:
        raise PermissionDenied
    if gesprek.versie != versie:
        raise GewijzigdDoorAnder(
            list(
                gesprek.history.filter(versie__gt=versie)
                .select_related("history_user")
                .order_by("history_date")
            )
        )
    nieuw = {
        veld: velden.get(veld, getattr(gesprek, veld)) for veld in ("datum", "onderwerp", "uren", "traject")
    }
    gemeenten = list(velden.get("gemeenten", gesprek.gemeenten.all()))
    themas = list(velden.get("themas", gesprek.themas.all()))
    # A coordinator may correct a session of an adviser who has since left or moved CMO: the
    # content rules apply, the adviser's current scope does not.
    if fouten := controleer_gesprek(
        adviseur=gesprek.adviseur,
        gemeenten=gemeenten,
        themas=themas,
        controleer_bereik=not is_coordinator(door),
        **nieuw,
    ):
        raise ValidationError(fouten)
    gesprek.skip_history_when_saving = True
    voor = _momentopname(gesprek)
    for veld in ("datum", "onderwerp", "uren", "traject", "verslag", "vervolgafspraken"):
        if veld in velden:
            setattr(gesprek, veld, velden[veld].strip() if isinstance(velden[veld], str) else velden[veld])
    gesprek.versie += 1
    gesprek.gewijzigd_op = timezone.now()
    gesprek.full_clean()
    gesprek.save()
    gesprek.gemeenten.set(gemeenten)
    gesprek.themas.set(themas)
    na = _momentopname(gesprek)
    verschil = {veld: [voor[veld], na[veld]] for veld in na if voor[veld] != na[veld]}
    if verschil:
        versies_vastleggen([gesprek], soort=Wijzigingssoort.GEWIJZIGD, door=door, op=gesprek.gewijzigd_op)
    return gesprek


@transaction.atomic
def adviesgesprek_verwijderen(*, gesprek: Adviesgesprek, door: User) -> Adviesgesprek:
    """Soft delete: the session disappears from lists and reports; a coordinator can restore it."""
    gesprek = Adviesgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if not mag_gesprek_wijzigen(door, gesprek):
        raise PermissionDenied
    if gesprek.is_verwijderd:
        return gesprek
    gesprek.skip_history_when_saving = True
    gesprek.verwijderd_op = timezone.now()
    gesprek.verwijderd_door = door
    gesprek.versie += 1
    gesprek.save(update_fields=["verwijderd_op", "verwijderd_door", "versie"])
    versies_vastleggen([gesprek], soort=Wijzigingssoort.VERWIJDERD, door=door, op=gesprek.verwijderd_op)
    return gesprek


@transaction.atomic
def adviesgesprek_herstellen(*, gesprek: Adviesgesprek, door: User) -> Adviesgesprek:
    if not is_coordinator(door):
        raise PermissionDenied
    gesprek = Adviesgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if not gesprek.is_verwijderd:
        return gesprek
    gesprek.skip_history_when_saving = True
    gesprek.verwijderd_op = None
    gesprek.verwijderd_door = None
    gesprek.versie += 1
    gesprek.save(update_fields=["verwijderd_op", "verwijderd_door", "versie"])
    versies_vastleggen([gesprek], soort=Wijzigingssoort.HERSTELD, door=door)
    return gesprek


TRAJECT_VELDEN = [
    "titel",
    "onderwerp",
    "status",
    "doel",
    "werkwijze",
    "inzet_uren",
    "tijdspad",
    "verwachte_opbrengst",
    "borging",
]


@transaction.atomic
def adviestraject_opslaan(
    *, door: User, gemeenten: Iterable[Gemeente], traject: Adviestraject | None = None, **velden
) -> Adviestraject:
    """Create a traject led by ``door``, or change one ``door`` may change."""
    gemeenten = list(gemeenten)
    if traject is None:
        if not mag_gesprekken_loggen(door):
            raise PermissionDenied
        traject = Adviestraject(leider=door, organisatie_id=door.organisatie_id)
    elif not mag_traject_wijzigen(door, traject):
        raise PermissionDenied
    fouten: dict[str, list[str]] = {}
    if not gemeenten:
        fouten["gemeenten"] = ["Kies ten minste één gemeente."]
    buiten = [g.naam for g in gemeenten if not mag_loggen_voor_gemeente(traject.leider, g)]
    if buiten:
        fouten["gemeenten"] = [f"{', '.join(buiten)} ligt buiten de provincie(s) van de CMO."]
    if fouten:
        raise ValidationError(fouten)
    nieuw = traject.pk is None
    for veld in TRAJECT_VELDEN:
        if veld in velden:
            setattr(traject, veld, velden[veld])
    traject.gewijzigd_op = timezone.now()
    traject.full_clean()
    traject.skip_history_when_saving = True
    traject.save()
    traject.gemeenten.set(gemeenten)
    _versie_vastleggen(
        traject, nieuw=nieuw, door=door, op=traject.aangemaakt_op if nieuw else traject.gewijzigd_op
    )
    return traject


def _versie_vastleggen(object_, *, nieuw: bool, door: User, op: datetime.datetime) -> None:
    """One version of a traject or meeting as it now stands, with its links: reports read them back
    "as known on" a date. Written here rather than by the library's signals, which would store one
    for the save and one more for each many-to-many change."""
    soort = geschiedenis.TOEGEVOEGD if nieuw else geschiedenis.GEWIJZIGD
    geschiedenis.versies_vastleggen([object_], soort=soort, op=op, door=door)


@transaction.atomic
def adviseur_toevoegen(
    *,
    naam: str,
    email: str,
    organisatie: Organisatie,
    actief_van: datetime.date,
    door: User | None,
    actief_tot=None,
    vastgelegd_op: datetime.datetime | None = None,
) -> Adviseur:
    """Add a person to the pool: an adviser account (they choose a password via 'wachtwoord vergeten')
    and an active period at ``organisatie``. ``vastgelegd_op`` dates the period's first version when
    it is known from before the product (an import, the demo programme); default now."""
    if door is not None and not is_coordinator(door):
        raise PermissionDenied
    if actief_tot is not None and actief_tot <= actief_van:
        raise ValidationError({"actief_tot": "actief_tot moet na actief_van liggen."})
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, naam=naam, rol=User.Rol.ADVISEUR, organisatie=organisatie)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    elif user.rol != User.Rol.ADVISEUR:
        raise ValidationError({"email": "Dit e-mailadres hoort bij een account dat geen adviseur is."})
    elif Adviseur.objects.filter(user=user, actief_tot__isnull=True).exists() and actief_tot is None:
        raise ValidationError(
            {"email": "Deze adviseur is al actief; verplaats of beëindig de huidige periode eerst."}
        )
    elif Adviseur.objects.filter(user=user, actief_van=actief_van).exists():
        raise ValidationError({"actief_van": "Deze periode van deze adviseur bestaat al."})
    periode = Adviseur(user=user, organisatie=organisatie, actief_van=actief_van, actief_tot=actief_tot)
    periode.full_clean()
    _versie_dateren(periode, door, vastgelegd_op)
    periode.save()
    account_bijwerken(user)
    return periode


def account_bijwerken(user: User, vandaag: datetime.date | None = None) -> User:
    """An adviser's account follows the pool: it belongs to the CMO of the period active today and
    cannot log in without one. Called after every pool change and daily by Celery beat, so a move
    or an end planned for a later date takes effect on that date."""
    vandaag = vandaag or timezone.localdate()
    periode = Adviseur.objects.actief_op(vandaag).filter(user=user).first()
    if periode is not None:
        user.organisatie_id, user.is_active = periode.organisatie_id, True
    else:
        user.is_active = False
    user.save(update_fields=["organisatie", "is_active"])
    return user


def adviseur_accounts_bijwerken(vandaag: datetime.date | None = None) -> int:
    """Bring every adviser account in line with the pool (the daily beat task)."""
    gebruikers = User.objects.filter(rol=User.Rol.ADVISEUR, adviseurschappen__isnull=False).distinct()
    return sum(1 for user in gebruikers if account_bijwerken(user, vandaag))


@transaction.atomic
def adviseur_beeindigen(
    *, periode: Adviseur, per: datetime.date, door: User, vastgelegd_op: datetime.datetime | None = None
) -> Adviseur:
    """End an adviser's active period on ``per`` (the first day they are no longer active)."""
    if not is_coordinator(door):
        raise PermissionDenied
    if per <= periode.actief_van:
        raise ValidationError({"per": "De einddatum moet na de begindatum liggen."})
    periode.actief_tot = per
    periode.full_clean()
    _versie_dateren(periode, door, vastgelegd_op)
    periode.save(update_fields=["actief_tot"])
    account_bijwerken(periode.user)
    return periode


def _versie_dateren(periode: Adviseur, door: User | None, vastgelegd_op: datetime.datetime | None) -> None:
    """Who stored this change of a pool period and, for one known from before the product, when."""
    periode._history_user = door
    if vastgelegd_op is not None:
        periode._history_date = vastgelegd_op
    else:
        periode.__dict__.pop("_history_date", None)


@transaction.atomic
def adviseur_verplaatsen(*, periode: Adviseur, naar: Organisatie, per: datetime.date, door: User) -> Adviseur:
    """Move an adviser to another CMO from ``per``: the old period ends, a new one starts."""
    if naar == periode.organisatie:
        raise ValidationError({"naar": "De adviseur werkt al bij deze CMO."})
    adviseur_beeindigen(periode=periode, per=per, door=door)
    nieuw = Adviseur(user=periode.user, organisatie=naar, actief_van=per)
    nieuw.full_clean()
    _versie_dateren(nieuw, door, None)
    nieuw.save()
    account_bijwerken(periode.user)
    return nieuw


# --- Advice requests -------------------------------------------------------------------------


def cmo_van_gemeente(gemeente: Gemeente) -> Organisatie | None:
    """The CMO whose advisers work for ``gemeente``: the one of its province (a named CMO before a
    placeholder, should a province have two)."""
    return (
        Organisatie.objects.filter(provincies=gemeente.provincie_id)
        .order_by("is_placeholder", "naam")
        .first()
    )


def controleer_aanvraag(
    *, gemeente: Gemeente, meting: Meting | None, basisfuncties: Iterable[Basisfunctie], vraag: str
) -> dict[str, list[str]]:
    """Every rule a request must meet, as Dutch messages per field: a question, and basisfuncties
    that the municipality's submitted result found not yet 'goed voor elkaar'."""
    fouten: dict[str, list[str]] = {}
    if not (vraag or "").strip():
        fouten["vraag"] = ["Schrijf kort op waarover u advies wilt."]
    basisfuncties = list(basisfuncties)
    if meting is not None and (meting.gemeente_id != gemeente.pk or not meting.is_ingediend):
        fouten["__all__"] = ["Advies vraagt u aan bij een ingediende meting van uw eigen gemeente."]
    elif basisfuncties:
        if meting is None:
            fouten["basisfuncties"] = ["Kies basisfuncties bij een ingediende meting."]
        else:
            zwak = set(meting.scores.filter(goed_voor_elkaar=False).values_list("basisfunctie_id", flat=True))
            sterk = [b.naam for b in basisfuncties if b.pk not in zwak]
            if sterk:
                fouten["basisfuncties"] = [
                    f"{', '.join(sterk)} is volgens deze meting al 'goed voor elkaar'; "
                    "kies alleen basisfuncties die dat nog niet zijn."
                ]
    return fouten


@transaction.atomic
def adviesaanvraag_indienen(
    *,
    gemeente: Gemeente,
    door: User,
    vraag: str,
    voorkeursperiode: str,
    basisfuncties: Iterable[Basisfunctie] = (),
    meting: Meting | None = None,
    basis_url: str,
) -> Adviesaanvraag:
    """An official asks the municipality's CMO for advice; its advisers hear by mail."""
    if not mag_advies_aanvragen(door, gemeente):
        raise PermissionDenied
    basisfuncties = list(basisfuncties)
    if fouten := controleer_aanvraag(
        gemeente=gemeente, meting=meting, basisfuncties=basisfuncties, vraag=vraag
    ):
        raise ValidationError(fouten)
    cmo = cmo_van_gemeente(gemeente)
    if cmo is None:
        raise ValidationError(
            f"Voor de provincie van {gemeente} is geen CMO bekend; neem contact op met MOVISIE."
        )
    aanvraag = Adviesaanvraag(
        gemeente=gemeente,
        organisatie=cmo,
        meting=meting,
        vraag=vraag.strip(),
        voorkeursperiode=voorkeursperiode.strip(),
        ingediend_door=door,
    )
    aanvraag.full_clean()
    aanvraag.save()
    aanvraag.basisfuncties.set(basisfuncties)
    vastleggen(Actie.AANGEMAAKT, gebruiker=door, object=aanvraag)
    # Broker away: the request stands on the advisers' start page; only the mail is missed (logged).
    na_commit_in_wachtrij(meldingen.adviesaanvraag_mailen_task, aanvraag.pk, basis_url)
    return aanvraag


@transaction.atomic
def adviesaanvraag_aannemen(*, aanvraag: Adviesaanvraag, door: User) -> Adviesaanvraag:
    """An adviser of the CMO takes the request on; a request already taken on is refused, with who."""
    if not mag_aanvraag_aannemen(door, aanvraag):
        raise PermissionDenied
    nu = timezone.now()
    genomen = Adviesaanvraag.objects.filter(pk=aanvraag.pk, status=Adviesaanvraag.Status.INGEDIEND).update(
        status=Adviesaanvraag.Status.AANGENOMEN, aangenomen_door=door, aangenomen_op=nu
    )
    aanvraag.refresh_from_db()
    if not genomen:
        wie = f" door {aanvraag.aangenomen_door}" if aanvraag.aangenomen_door else ""
        raise ValidationError(f"Deze aanvraag is al aangenomen{wie}.")
    vastleggen(Actie.GEWIJZIGD, gebruiker=door, object=aanvraag, toelichting="aangenomen")
    return aanvraag


def _controleer_aanvraag_van_gesprek(aanvraag: Adviesaanvraag, adviseur: User, gemeenten: list) -> None:
    if not aanvragen_om_te_beantwoorden(adviseur).filter(pk=aanvraag.pk).exists():
        raise ValidationError({"aanvraag": ["Deze aanvraag is al afgesloten of hoort bij een andere CMO."]})
    if aanvraag.gemeente_id not in {g.pk for g in gemeenten}:
        raise ValidationError(
            {"gemeenten": [f"Een gesprek voor deze aanvraag is met {aanvraag.gemeente}; kies die gemeente."]}
        )


def _aanvraag_afsluiten(aanvraag: Adviesaanvraag, gesprek: Adviesgesprek, adviseur: User) -> None:
    nu = timezone.now()
    if aanvraag.aangenomen_op is None:
        aanvraag.aangenomen_door, aanvraag.aangenomen_op = adviseur, nu
    aanvraag.gesprek, aanvraag.afgesloten_op = gesprek, nu
    aanvraag.status = Adviesaanvraag.Status.AFGESLOTEN
    aanvraag.save()
    vastleggen(
        Actie.GEWIJZIGD,
        gebruiker=adviseur,
        object=aanvraag,
        toelichting=f"afgesloten met gesprek #{gesprek.pk}",
    )


# --- The nine-step plan --------------------------------------------------------------------


def _stap(gemeente: Gemeente, stap: int) -> Beleidsstap:
    if stap not in beleidsplan.STAP:
        raise ValidationError(f"Het plan kent de stappen 1 tot en met {beleidsplan.AANTAL}.")
    return Beleidsstap.objects.filter(gemeente=gemeente, stap=stap).first() or Beleidsstap(
        gemeente=gemeente, stap=stap
    )


@transaction.atomic
def beleidsstap_bijwerken(
    *,
    gemeente: Gemeente,
    stap: int,
    door: User,
    status: str,
    notitie: str = "",
    datum: datetime.date | None = None,
    document: str = "",
    gesprekken: Iterable[Adviesgesprek] = (),
) -> Beleidsstap:
    """The official records where a step of the plan stands, optionally with the sessions it
    drew on (sessions held with the municipality) and a link to a document."""
    if not mag_beleidsplan_bijhouden(door, gemeente):
        raise PermissionDenied
    gesprekken = list(gesprekken)
    eigen = set(
        Adviesgesprek.objects.actief()
        .filter(gemeenten=gemeente, pk__in=[g.pk for g in gesprekken])
        .values_list("pk", flat=True)
    )
    if any(g.pk not in eigen for g in gesprekken):
        raise ValidationError({"gesprekken": [f"Koppel alleen gesprekken die met {gemeente} zijn gehouden."]})
    rij = _stap(gemeente, stap)
    rij.status, rij.notitie, rij.datum, rij.document = status, notitie.strip(), datum, document.strip()
    nieuw = rij.pk is None
    rij.gewijzigd_door, rij.gewijzigd_op = door, timezone.now()
    rij.full_clean()
    rij.save()
    rij.gesprekken.set(gesprekken)
    vastleggen(
        Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD,
        gebruiker=door,
        object=rij,
        toelichting=f"status: {rij.get_status_display().lower()}",
    )
    return rij


@transaction.atomic
def beleidsstap_reageren(*, gemeente: Gemeente, stap: int, door: User, reactie: str) -> Beleidsstap:
    """An adviser reacts on a step of the municipality's plan (an empty reaction removes it)."""
    if not mag_op_beleidsplan_reageren(door, gemeente):
        raise PermissionDenied
    rij = _stap(gemeente, stap)
    rij.reactie = reactie.strip()
    rij.reactie_door, rij.reactie_op = (door, timezone.now()) if rij.reactie else (None, None)
    rij.full_clean()
    rij.save()
    vastleggen(
        Actie.GEWIJZIGD,
        gebruiker=door,
        object=rij,
        toelichting="reactie" if rij.reactie else "reactie verwijderd",
    )
    return rij


# --- Meetings ------------------------------------------------------------------------------


def controleer_bijeenkomst(
    *,
    datum: datetime.date | None,
    soort: str,
    provincies: Iterable[Provincie],
    gemeenten: Iterable[Gemeente],
    deelnemers: int | None,
    vandaag: datetime.date | None = None,
) -> dict[str, list[str]]:
    """Every rule a meeting must meet, as Dutch messages per field."""
    fouten: dict[str, list[str]] = {}
    vandaag = vandaag or timezone.localdate()
    provincies, gemeenten = list(provincies), list(gemeenten)
    if datum is not None and datum > vandaag:
        fouten["datum"] = ["De datum ligt in de toekomst; leg een bijeenkomst vast nadat hij is gehouden."]
    if soort == Bijeenkomst.Soort.REGIONAAL and not provincies:
        fouten["provincies"] = ["Kies de provincie(s) waarvoor de regionale bijeenkomst was."]
    buiten = [g.naam for g in gemeenten if provincies and g.provincie_id not in {p.pk for p in provincies}]
    if buiten:
        fouten["gemeenten"] = [f"{', '.join(buiten)} ligt niet in de gekozen provincie(s)."]
    elif datum is not None and (weg := [g.naam for g in gemeenten if not g.bestaat_op(datum)]):
        fouten["gemeenten"] = [f"{', '.join(weg)} bestond niet op {datum_tekst(datum)}."]
    if deelnemers is not None and deelnemers < len(gemeenten):
        fouten["deelnemers"] = [
            f"Er waren {len(gemeenten)} gemeenten aanwezig; vul minstens zoveel deelnemers in."
        ]
    return fouten


@transaction.atomic
def bijeenkomst_opslaan(
    *,
    door: User,
    bijeenkomst: Bijeenkomst | None = None,
    datum: datetime.date,
    soort: str,
    titel: str,
    themas: Iterable[Thema],
    provincies: Iterable[Provincie],
    gemeenten: Iterable[Gemeente],
    deelnemers: int,
    verslag: str = "",
    gerapporteerd_op: datetime.datetime | None = None,
) -> Bijeenkomst:
    """Log a meeting of the adviser's CMO, or change one (its logger or a coordinator)."""
    toegestaan = (
        mag_bijeenkomst_wijzigen(door, bijeenkomst) if bijeenkomst else mag_bijeenkomsten_loggen(door)
    )
    if not toegestaan:
        raise PermissionDenied
    provincies, gemeenten, themas = list(provincies), list(gemeenten), list(themas)
    if fouten := controleer_bijeenkomst(
        datum=datum, soort=soort, provincies=provincies, gemeenten=gemeenten, deelnemers=deelnemers
    ):
        raise ValidationError(fouten)
    if bijeenkomst is None:
        bijeenkomst = Bijeenkomst(organisatie_id=door.organisatie_id, vastgelegd_door=door)
        if gerapporteerd_op is not None:
            bijeenkomst.gerapporteerd_op = gerapporteerd_op
    bijeenkomst.datum, bijeenkomst.soort, bijeenkomst.titel = datum, soort, titel.strip()
    bijeenkomst.deelnemers, bijeenkomst.verslag = deelnemers, verslag.strip()
    bijeenkomst.gewijzigd_op = timezone.now()
    bijeenkomst.full_clean()
    nieuw = bijeenkomst.pk is None
    bijeenkomst.skip_history_when_saving = True
    bijeenkomst.save()
    bijeenkomst.themas.set(themas)
    bijeenkomst.provincies.set(provincies)
    bijeenkomst.gemeenten.set(gemeenten)
    _versie_vastleggen(
        bijeenkomst,
        nieuw=nieuw,
        door=door,
        op=bijeenkomst.gerapporteerd_op if nieuw else bijeenkomst.gewijzigd_op,
    )
    return bijeenkomst
