from django.db import migrations


def eerste_versies(apps, schema_editor):
    """A first version of every contact as it stands, dated at its last change."""
    Contactpersoon = apps.get_model("gemeenten", "Contactpersoon")
    Versie = apps.get_model("gemeenten", "HistoricalContactpersoon")
    Versie.objects.bulk_create(
        Versie(
            id=c.pk,
            gemeente_id=c.gemeente_id,
            naam=c.naam,
            email=c.email,
            functie=c.functie,
            gewijzigd_op=c.gewijzigd_op,
            gewijzigd_door_id=c.gewijzigd_door_id,
            history_date=c.gewijzigd_op,
            history_type="+",
            history_change_reason="overgenomen",
        )
        for c in Contactpersoon.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [("gemeenten", "0004_versies")]

    operations = [migrations.RunPython(eerste_versies, migrations.RunPython.noop, elidable=True)]
