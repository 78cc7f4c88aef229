"""Hand-made data for the reports: moments in Dutch time, and metingen submitted through the
import service."""

import datetime
import io

from django.utils import timezone

from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from toolkit.export import csv_bytes


def moment(jaar, maand, dag, uur=12):
    return timezone.make_aware(datetime.datetime(jaar, maand, dag, uur))


def indienen(nulmeting, rijen):
    """Submit metingen: (cbs_code, date, {question: answer}) — through the import service."""
    kolommen = antwoorden_kolommen(nulmeting)
    data = [
        [code, datum.isoformat()] + [antwoorden.get(k, "") for k in kolommen[2:]]
        for code, datum, antwoorden in rijen
    ]
    metingen_importeren(io.BytesIO(csv_bytes(kolommen, data)), vragenlijst=nulmeting, door=None, naam="t.csv")
