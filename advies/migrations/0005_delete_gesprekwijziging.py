from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("advies", "0004_versies_overnemen")]

    operations = [migrations.DeleteModel(name="GesprekWijziging")]
