"""Carry the history of sessions over from ``GesprekWijziging`` into versions (django-simple-history).

``GesprekWijziging`` kept, per action, which fields changed from what to what. Walking a session's
actions backwards from its current state gives the state after each action: that is the version
the new history stores. Adviser periods get a first version as they stand, dated at their start.
"""

import datetime
from decimal import Decimal

from django.db import migrations
from django.utils import timezone

SCALAIR = ("datum", "onderwerp", "uren", "verslag", "vervolgafspraken")


def _ids(model, namen: str, huidig: set[int]) -> set[int]:
    ids = set()
    for naam in filter(None, (n.strip() for n in namen.split(";"))):
        kandidaten = list(model.objects.filter(naam=naam).values_list("pk", flat=True))
        voorkeur = [pk for pk in kandidaten if pk in huidig]
        if voorkeur or kandidaten:
            ids.add((voorkeur or kandidaten)[0])
    return ids


def _terugdraaien(apps, staat: dict, wijziging, eerdere: list) -> None:
    """Turn ``staat`` (the state after ``wijziging``) into the state before it."""
    if wijziging.soort == "verwijderd":
        staat.update(verwijderd_op=None, verwijderd_door_id=None)
    elif wijziging.soort == "hersteld":
        vorige = next((w for w in reversed(eerdere) if w.soort == "verwijderd"), None)
        staat.update(verwijderd_op=vorige.op if vorige else wijziging.op, verwijderd_door_id=vorige.door_id if vorige else None)
    for veld, (oud, _nieuw) in (wijziging.velden or {}).items():
        if veld == "datum" and oud:
            staat["datum"] = datetime.date.fromisoformat(oud)
        elif veld == "uren" and oud:
            staat["uren"] = Decimal(oud)
        elif veld in ("onderwerp", "verslag", "vervolgafspraken"):
            staat[veld] = oud
        elif veld == "gemeenten":
            staat["gemeenten"] = _ids(apps.get_model("gemeenten", "Gemeente"), oud, staat["gemeenten"])
        elif veld == "themas":
            staat["themas"] = _ids(apps.get_model("advies", "Thema"), oud, staat["themas"])
        elif veld == "traject":
            traject = apps.get_model("advies", "Adviestraject").objects.filter(titel=oud).first()
            staat["traject_id"] = traject.pk if traject else None


def _versie_opslaan(apps, gesprek, staat: dict, soort: str, door_id, op, nummer: int) -> None:
    Versie = apps.get_model("advies", "HistoricalAdviesgesprek")
    versie = Versie.objects.create(
        id=gesprek.pk,
        gerapporteerd_op=gesprek.gerapporteerd_op,
        adviseur_id=gesprek.adviseur_id,
        organisatie_id=gesprek.organisatie_id,
        gewijzigd_op=op,
        versie=nummer,
        history_date=op,
        history_type="+" if soort in ("aangemaakt", "geimporteerd") else "~",
        history_change_reason=soort,
        history_user_id=door_id,
        **{k: v for k, v in staat.items() if k not in ("gemeenten", "themas")},
    )
    for veld, doel in (("gemeenten", "gemeente_id"), ("themas", "thema_id")):
        model = apps.get_model("advies", f"HistoricalAdviesgesprek_{veld}")
        koppeling = apps.get_model("advies", "Adviesgesprek")._meta.get_field(veld).remote_field.through
        # The link's own key where the link still exists; 0 for one that was removed since.
        sleutels = dict(koppeling.objects.filter(adviesgesprek_id=gesprek.pk).values_list(doel, "pk"))
        model.objects.bulk_create(
            model(id=sleutels.get(pk, 0), history=versie, adviesgesprek_id=gesprek.pk, **{doel: pk})
            for pk in sorted(staat[veld])
        )


def sessies_overnemen(apps, schema_editor):
    Gesprek = apps.get_model("advies", "Adviesgesprek")
    Wijziging = apps.get_model("advies", "GesprekWijziging")
    for gesprek in Gesprek.objects.prefetch_related("gemeenten", "themas").order_by("pk"):
        staat = {veld: getattr(gesprek, veld) for veld in SCALAIR}
        staat.update(
            traject_id=gesprek.traject_id,
            verwijderd_op=gesprek.verwijderd_op,
            verwijderd_door_id=gesprek.verwijderd_door_id,
            gemeenten={g.pk for g in gesprek.gemeenten.all()},
            themas={t.pk for t in gesprek.themas.all()},
        )
        wijzigingen = list(Wijziging.objects.filter(gesprek_id=gesprek.pk).order_by("op", "pk"))
        if not wijzigingen:
            _versie_opslaan(apps, gesprek, staat, "aangemaakt", gesprek.adviseur_id, gesprek.gerapporteerd_op, 1)
            continue
        versies = []
        for i in range(len(wijzigingen) - 1, -1, -1):
            w = wijzigingen[i]
            versies.append((dict(staat, gemeenten=set(staat["gemeenten"]), themas=set(staat["themas"])), w))
            _terugdraaien(apps, staat, w, wijzigingen[:i])
        for toestand, w in reversed(versies):
            _versie_opslaan(apps, gesprek, toestand, w.soort, w.door_id, w.op, w.versie)


def pool_overnemen(apps, schema_editor):
    Adviseur = apps.get_model("advies", "Adviseur")
    Versie = apps.get_model("advies", "HistoricalAdviseur")
    tz = timezone.get_default_timezone()
    Versie.objects.bulk_create(
        Versie(
            id=a.pk,
            user_id=a.user_id,
            organisatie_id=a.organisatie_id,
            actief_van=a.actief_van,
            actief_tot=a.actief_tot,
            history_date=datetime.datetime.combine(a.actief_van, datetime.time(), tzinfo=tz),
            history_type="+",
            history_change_reason="overgenomen",
        )
        for a in Adviseur.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [("advies", "0003_versies")]

    operations = [
        migrations.RunPython(sessies_overnemen, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(pool_overnemen, migrations.RunPython.noop, elidable=True),
    ]
