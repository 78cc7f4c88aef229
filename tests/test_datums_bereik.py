"""Dates within the programme's span (issue 16): a date before 2009, or further ahead than the
planning horizon, is refused next to its field in Dutch — one rule (toolkit.invoer.DatumBereik)
with the programme's bounds in one place (gemeenten/programma.py)."""

import datetime

import pytest
from django.utils import timezone

from advies.forms import AdviseurForm, GesprekForm, PeriodeEindeForm, VerplaatsForm
from advies.uitwisseling import ADVISEUR_KOLOMMEN, adviseurs_importeren
from gemeenten.programma import PROGRAMMA_START, TOT_HORIZON, VANAF_BEGIN
from rapportage.forms import RapportAanvraagForm
from rapportage.models import Rapport
from rondes.forms import HeropenForm, RondeForm
from toolkit.export import csv_bytes
from toolkit.invoer import DatumBereik
from toolkit.tabular import ImportFout

TE_VROEG = "Deze datum ligt te ver terug: kies een datum vanaf 1-1-2009 (het begin van het programma)."


def te_laat(settings) -> str:
    grens = timezone.localdate() + datetime.timedelta(days=settings.DATUM_HORIZON_DAGEN)
    return (
        f"Deze datum ligt te ver vooruit: kies een datum tot en met {grens.day}-{grens.month}-{grens.year}"
        " (verder vooruit wordt niet gepland)."
    )


def test_the_range_takes_dates_or_functions_and_may_be_open_ended():
    bereik = DatumBereik(
        datetime.date(2010, 1, 1), lambda: datetime.date(2010, 12, 31), waarom_tot="het jaar"
    )
    bereik(datetime.date(2010, 6, 1))
    bereik(datetime.datetime(2010, 12, 31, 23, 59))
    bereik(None)
    with pytest.raises(Exception, match="te ver terug: kies een datum vanaf 1-1-2010."):
        bereik(datetime.date(2009, 12, 31))
    with pytest.raises(Exception, match=r"tot en met 31-12-2010 \(het jaar\)"):
        bereik(datetime.date(2011, 1, 1))
    DatumBereik(None, None)(datetime.date(1, 1, 1))
    assert VANAF_BEGIN.grenzen() == (PROGRAMMA_START, None) == (datetime.date(2009, 1, 1), None)


def fout(form, veld: str) -> list[str]:
    assert not form.is_valid()
    return form.errors.get(veld, [])


@pytest.mark.django_db
def test_a_rounds_dates_lie_between_the_programmes_start_and_the_horizon(settings):
    vandaag = timezone.localdate()
    form = RondeForm({"opent_op": "0001-01-01", "sluit_op": "31-12-9999"})
    assert fout(form, "opent_op") == [TE_VROEG]
    assert fout(form, "sluit_op") == [te_laat(settings)]
    assert fout(HeropenForm({"sluit_op": "9999-12-31"}), "sluit_op") == [te_laat(settings)]
    op_de_grens = vandaag + datetime.timedelta(days=settings.DATUM_HORIZON_DAGEN)
    assert HeropenForm({"sluit_op": op_de_grens.isoformat()}).is_valid()


@pytest.mark.django_db
def test_the_pool_dates_lie_between_the_programmes_start_and_the_horizon(settings):
    assert fout(AdviseurForm({"actief_van": "1-1-1900"}), "actief_van") == [TE_VROEG]
    assert fout(PeriodeEindeForm({"per": "31-12-9999"}), "per") == [te_laat(settings)]
    assert fout(VerplaatsForm({"per": "0001-01-01"}), "per") == [TE_VROEG]
    assert PeriodeEindeForm({"per": "2012-10-01"}).is_valid()


def test_the_pool_import_holds_its_dates_to_the_same_range(referentiedata, settings):
    rijen = [["Bas", "bas@example.nl", "Partoer", "0001-01-01", "31-12-9999"]]
    with pytest.raises(ImportFout) as exc:
        adviseurs_importeren(csv_bytes(ADVISEUR_KOLOMMEN, rijen), "pool.csv")
    assert [(f.kolom, f.bericht) for f in exc.value.fouten] == [
        ("actief_van", TE_VROEG),
        ("actief_tot", te_laat(settings)),
    ]


def test_a_sessions_date_is_not_before_the_programme(referentiedata, adviseur_friesland):
    form = GesprekForm({"datum": "0001-01-01"}, user=adviseur_friesland)
    assert fout(form, "datum") == [TE_VROEG]


def test_a_report_with_a_peildatum_before_the_programme_is_refused_and_not_built(login, coordinator):
    response = login(coordinator).post("/rapportage/", {"soort": "eind", "peildatum": "0001-01-01"})
    assert response.status_code == 200
    assert TE_VROEG in response.content.decode()
    assert not Rapport.objects.exists()
    form = RapportAanvraagForm({"soort": "eind", "peildatum": "2008-12-31"}, user=coordinator)
    assert fout(form, "peildatum") == [TE_VROEG]


def test_the_horizon_is_a_setting(settings):
    settings.DATUM_HORIZON_DAGEN = 10
    assert TOT_HORIZON.grenzen()[1] == timezone.localdate() + datetime.timedelta(days=10)
