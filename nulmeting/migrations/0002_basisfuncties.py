from django.db import migrations

# The 13 basisfuncties of the programme, with the names it used. Questionnaire definitions refer
# to them by code; advice themes link to them (advies.Thema).
BASISFUNCTIES = [
    ("VW-VERTALEN", "Vertalen maatschappelijke ontwikkeling", "vrijwilligerswerk"),
    ("VW-VERBINDEN", "Verbinden en makelen", "vrijwilligerswerk"),
    ("VW-VERSTERKEN", "Versterken", "vrijwilligerswerk"),
    ("VW-VERBREIDEN", "Verbreiden", "vrijwilligerswerk"),
    ("VW-VERANKEREN", "Verankeren", "vrijwilligerswerk"),
    ("MZ-INFORMATIE", "Informatie", "mantelzorg"),
    ("MZ-ADVIES", "Advies en begeleiding", "mantelzorg"),
    ("MZ-EMOTIONEEL", "Emotionele steun", "mantelzorg"),
    ("MZ-PRAKTISCH", "Praktische hulp", "mantelzorg"),
    ("MZ-EDUCATIE", "Educatie", "mantelzorg"),
    ("MZ-RESPIJT", "Respijtzorg", "mantelzorg"),
    ("MZ-MATERIEEL", "Materiële hulp", "mantelzorg"),
    ("MZ-FINANCIEEL", "Financiële tegemoetkoming", "mantelzorg"),
]


def aanmaken(apps, schema_editor):
    Basisfunctie = apps.get_model("nulmeting", "Basisfunctie")
    for volgorde, (code, naam, domein) in enumerate(BASISFUNCTIES, start=1):
        Basisfunctie.objects.update_or_create(code=code, defaults={"naam": naam, "domein": domein, "volgorde": volgorde})


class Migration(migrations.Migration):
    dependencies = [("nulmeting", "0001_initial")]
    operations = [migrations.RunPython(aanmaken, migrations.RunPython.noop)]
