"""A first version of every meting, score and answer as it stands, dated when it came to be:
a submitted meting and its scores at their submission, a concept at its creation, an answer at
its last change. What happened before (a reopen) is in ``MetingGebeurtenis``, not in versions."""

from django.db import migrations


def eerste_versies(apps, schema_editor):
    Meting = apps.get_model("nulmeting", "Meting")
    Score = apps.get_model("nulmeting", "Score")
    Antwoord = apps.get_model("nulmeting", "Antwoord")
    kopieer = [
        (Meting, ["gemeente_id", "vragenlijst_id", "status", "aangemaakt_op", "gewijzigd_op", "ingediend_op",
                  "ingediend_door_id", "is_geimporteerd"], lambda m: m.ingediend_op or m.aangemaakt_op),
        (Score, ["meting_id", "basisfunctie_id", "punten", "maximum", "drempel", "goed_voor_elkaar"],
         lambda s: s.meting.ingediend_op or s.meting.aangemaakt_op),
        (Antwoord, ["meting_id", "vraag_id", "waarde", "gewijzigd_op", "gewijzigd_door_id"], lambda a: a.gewijzigd_op),
    ]
    for model, velden, datum in kopieer:
        Versie = apps.get_model("nulmeting", f"Historical{model.__name__}")
        rijen = model.objects.select_related("meting") if model is Score else model.objects.all()
        Versie.objects.bulk_create(
            (
                Versie(id=o.pk, history_date=datum(o), history_type="+", history_change_reason="overgenomen",
                       **{v: getattr(o, v) for v in velden})
                for o in rijen.iterator(chunk_size=2000)
            ),
            batch_size=2000,
        )


class Migration(migrations.Migration):
    dependencies = [("nulmeting", "0003_versies")]

    operations = [migrations.RunPython(eerste_versies, migrations.RunPython.noop, elidable=True)]
