"""The rules about a CMO's municipalities and sessions live once in the permissions modules; the
forms, the session list and the reports about a CMO ask them (issue 14)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.permissions import (
    gemeenten_van_organisatie,
    zichtbare_gemeente,
    zichtbare_gemeenten,
    zichtbare_organisaties,
)
from advies.filters import GesprekkenFilter
from advies.forms import GesprekForm
from advies.models import Thema
from advies.permissions import (
    adviseurs_van,
    gemeenten_om_voor_te_loggen,
    mag_gesprekken_exporteren,
    mag_verwijderde_gesprekken_zien,
    zichtbare_gesprekken,
)
from advies.services import adviesgesprek_log
from gemeenten.models import Gemeente, Organisatie
from rapportage.forms import RapportAanvraagForm
from rapportage.selectors import Afbakening
from tests.accounts.factories import AdviseurFactory

SUDWEST, LEEUWARDEN, BOLSWARD, UTRECHT = "GM1900", "GM0080", "GM0064", "GM0344"


def gemeente(code: str) -> Gemeente:
    return Gemeente.objects.get(cbs_code=code)


def test_each_role_sees_its_own_cmos(coordinator, adviseur_friesland, ambtenaar_sudwest):
    assert zichtbare_organisaties(coordinator).count() == Organisatie.objects.count()
    assert [o.naam for o in zichtbare_organisaties(adviseur_friesland)] == ["Partoer"]
    assert not zichtbare_organisaties(ambtenaar_sudwest).exists()
    assert not zichtbare_organisaties(AnonymousUser()).exists()


def test_a_cmo_report_counts_the_municipalities_its_advisers_see(adviseur_friesland):
    partoer = adviseur_friesland.organisatie
    assert set(Afbakening.maak(organisatie=partoer).gemeenten()) == set(
        zichtbare_gemeenten(adviseur_friesland)
    )
    assert set(gemeenten_van_organisatie(partoer.pk)) == set(zichtbare_gemeenten(adviseur_friesland))


def test_a_cmo_report_counts_the_active_sessions_its_advisers_see(adviseur_friesland):
    gesprek = adviesgesprek_log(
        adviseur=adviseur_friesland,
        datum=datetime.date(2012, 3, 1),
        gemeenten=[gemeente(SUDWEST)],
        onderwerp="vrijwilligerswerk",
        themas=[Thema.objects.get(code="VW-VERTALEN")],
        uren=2,
        verslag="Over de vacaturebank.",
    )
    # A CMO report counts the versions of the sessions its advisers see, as known now.
    afbakening = Afbakening.maak(organisatie=adviseur_friesland.organisatie, bekend_op=timezone.now())
    geteld = list(afbakening.gesprekken(timezone.localdate()).values_list("id", flat=True))
    assert geteld == [g.pk for g in zichtbare_gesprekken(adviseur_friesland)] == [gesprek.pk]


def test_an_adviser_logs_for_existing_municipalities_and_keeps_those_on_the_session(adviseur_friesland):
    kan = set(gemeenten_om_voor_te_loggen(adviseur_friesland).values_list("cbs_code", flat=True))
    assert {SUDWEST, LEEUWARDEN} <= kan
    assert BOLSWARD not in kan  # merged into Súdwest-Fryslân in 2011
    assert UTRECHT not in kan  # another CMO's province
    met_bolsward = gemeenten_om_voor_te_loggen(adviseur_friesland, [gemeente(BOLSWARD)])
    assert met_bolsward.filter(cbs_code=BOLSWARD).exists()


def test_only_coordinators_list_deleted_sessions_and_officials_export_none(
    coordinator, adviseur_friesland, ambtenaar_sudwest
):
    assert mag_verwijderde_gesprekken_zien(coordinator)
    assert not mag_verwijderde_gesprekken_zien(adviseur_friesland)
    assert mag_gesprekken_exporteren(coordinator) and mag_gesprekken_exporteren(adviseur_friesland)
    assert not mag_gesprekken_exporteren(ambtenaar_sudwest)
    assert "verwijderd" in GesprekkenFilter({}, user=coordinator).form.fields
    assert "verwijderd" not in GesprekkenFilter({}, user=adviseur_friesland).form.fields


def test_the_filter_offers_the_advisers_of_the_cmos_the_user_sees(adviseur_friesland):
    adviseur_utrecht = AdviseurFactory(organisatie=Organisatie.objects.get(naam="Alleato"))
    keuzes = set(GesprekkenFilter({}, user=adviseur_friesland).form.fields["adviseur"].queryset)
    assert keuzes == set(adviseurs_van(zichtbare_organisaties(adviseur_friesland)))
    assert adviseur_friesland in keuzes and adviseur_utrecht not in keuzes


def test_an_adviser_requests_reports_for_their_own_cmo_only(coordinator, adviseur_friesland):
    assert "provincie" in RapportAanvraagForm(user=coordinator).fields
    form = RapportAanvraagForm(user=adviseur_friesland)
    assert "provincie" not in form.fields
    assert list(form.fields["organisatie"].queryset) == [adviseur_friesland.organisatie]


def test_the_session_form_shows_the_services_rules_beside_its_own_at_once(adviseur_friesland):
    morgen = datetime.date.today() + datetime.timedelta(days=1)
    form = GesprekForm(
        {
            "datum": morgen.isoformat(),
            "gemeenten": [gemeente(SUDWEST).pk],
            "onderwerp": "vrijwilligerswerk",
            "themas": [Thema.objects.get(code="MZ-RESPIJT").pk],
            "uren": "2",
            "verslag": "",
        },
        user=adviseur_friesland,
    )
    assert not form.is_valid()
    assert form.errors["datum"] == [
        "De datum ligt in de toekomst; leg een gesprek vast nadat het is gehouden."
    ]
    assert form.errors["themas"] == ["Respijtzorg past niet bij het onderwerp vrijwilligerswerk."]
    assert form.errors["verslag"] == ["Vul ‘Kort verslag’ in."]


def test_opening_one_municipality_asks_the_same_rule_as_the_list(adviseur_friesland):
    assert zichtbare_gemeente(adviseur_friesland, SUDWEST.lower()).cbs_code == SUDWEST
    with pytest.raises(PermissionDenied):
        zichtbare_gemeente(adviseur_friesland, UTRECHT)
    with pytest.raises(Http404):
        zichtbare_gemeente(adviseur_friesland, "GM9999")
