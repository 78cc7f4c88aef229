from django.db import migrations

# The themes of the programme's session form. A theme that is a basisfunctie links to it.
THEMAS = [
    ("VW-ALGEMEEN", "Basisfuncties vrijwilligerswerk algemeen", "vrijwilligerswerk", None),
    ("VW-VERTALEN", "Vertalen", "vrijwilligerswerk", "VW-VERTALEN"),
    ("VW-VERBINDEN", "Verbinden", "vrijwilligerswerk", "VW-VERBINDEN"),
    ("VW-VERSTERKEN", "Versterken", "vrijwilligerswerk", "VW-VERSTERKEN"),
    ("VW-VERANKEREN", "Verankeren", "vrijwilligerswerk", "VW-VERANKEREN"),
    ("VW-VERBREIDEN", "Verbreiden", "vrijwilligerswerk", "VW-VERBREIDEN"),
    ("MZ-VISIE", "Visie en beleid", "mantelzorg", None),
    ("MZ-ALGEMEEN", "Basisfuncties mantelzorg algemeen", "mantelzorg", None),
    ("MZ-INFORMATIE", "Informatie", "mantelzorg", "MZ-INFORMATIE"),
    ("MZ-ADVIES", "Advies en begeleiding", "mantelzorg", "MZ-ADVIES"),
    ("MZ-EMOTIONEEL", "Emotionele steun", "mantelzorg", "MZ-EMOTIONEEL"),
    ("MZ-PRAKTISCH", "Praktische hulp", "mantelzorg", "MZ-PRAKTISCH"),
    ("MZ-EDUCATIE", "Educatie", "mantelzorg", "MZ-EDUCATIE"),
    ("MZ-RESPIJT", "Respijtzorg", "mantelzorg", "MZ-RESPIJT"),
    ("MZ-MATERIEEL", "Materiële hulp", "mantelzorg", "MZ-MATERIEEL"),
    ("MZ-FINANCIEEL", "Financiële tegemoetkoming", "mantelzorg", "MZ-FINANCIEEL"),
]


def aanmaken(apps, schema_editor):
    Thema = apps.get_model("advies", "Thema")
    Basisfunctie = apps.get_model("nulmeting", "Basisfunctie")
    for volgorde, (code, naam, domein, basisfunctie) in enumerate(THEMAS, start=1):
        Thema.objects.update_or_create(
            code=code,
            defaults={
                "naam": naam,
                "domein": domein,
                "volgorde": volgorde,
                "basisfunctie": Basisfunctie.objects.get(code=basisfunctie) if basisfunctie else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("advies", "0001_initial"), ("nulmeting", "0002_basisfuncties")]
    operations = [migrations.RunPython(aanmaken, migrations.RunPython.noop)]
