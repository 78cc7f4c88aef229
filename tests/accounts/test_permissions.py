import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.permissions import (
    mag_gemeente_zien,
    mag_uitnodigen,
    mag_vragenlijst_invullen,
    provincies_van,
    zichtbare_gemeenten,
)
from gemeenten.models import Gemeente, Organisatie, Provincie
from tests.accounts.factories import AdviseurFactory, CoordinatorFactory, GemeenteAccountFactory

NU = datetime.date(2012, 1, 1)
SUDWEST, UTRECHT, BOLSWARD = "GM1900", "GM0344", "GM0064"


@pytest.fixture
def g(referentiedata):
    """Municipalities by CBS code."""
    return {g.cbs_code: g for g in Gemeente.objects.select_related("provincie")}


def test_coordinator_may_do_everything(coordinator, g):
    assert zichtbare_gemeenten(coordinator).count() == Gemeente.objects.count()
    for code in (SUDWEST, UTRECHT, BOLSWARD):
        assert mag_gemeente_zien(coordinator, g[code])
        assert mag_vragenlijst_invullen(coordinator, g[code])
        assert mag_uitnodigen(coordinator, g[code])


def test_adviser_sees_the_provinces_of_their_cmo_only(adviseur_friesland, g):
    zichtbaar = zichtbare_gemeenten(adviseur_friesland)

    assert {gem.provincie.naam for gem in zichtbaar.select_related("provincie")} == {"Friesland"}
    assert zichtbaar.bestaand_op(NU).count() == 27
    assert [p.naam for p in provincies_van(adviseur_friesland)] == ["Friesland"]
    assert mag_gemeente_zien(adviseur_friesland, g[SUDWEST])
    assert mag_gemeente_zien(adviseur_friesland, g[BOLSWARD])  # dissolved in 2011, still Friesland
    assert not mag_gemeente_zien(adviseur_friesland, g[UTRECHT])


def test_adviser_invites_in_their_provinces_but_fills_in_nothing(adviseur_friesland, g):
    assert mag_uitnodigen(adviseur_friesland, g[SUDWEST])
    assert not mag_uitnodigen(adviseur_friesland, g[UTRECHT])
    assert not mag_vragenlijst_invullen(adviseur_friesland, g[SUDWEST])


def test_adviser_of_a_cmo_with_two_provinces_sees_both(g):
    cmo = Organisatie.objects.create(naam="CMO Noord")
    cmo.provincies.set(Provincie.objects.filter(naam__in=["Friesland", "Utrecht"]))
    adviseur = AdviseurFactory(organisatie=cmo)

    assert mag_gemeente_zien(adviseur, g[UTRECHT]) and mag_gemeente_zien(adviseur, g[SUDWEST])
    assert zichtbare_gemeenten(adviseur).bestaand_op(NU).count() == 27 + 26


def test_official_sees_and_fills_in_only_their_own_municipality(ambtenaar_sudwest, g):
    assert list(zichtbare_gemeenten(ambtenaar_sudwest)) == [g[SUDWEST]]
    assert mag_gemeente_zien(ambtenaar_sudwest, g[SUDWEST])
    assert mag_vragenlijst_invullen(ambtenaar_sudwest, g[SUDWEST])
    assert not mag_gemeente_zien(ambtenaar_sudwest, g[UTRECHT])
    assert not mag_vragenlijst_invullen(ambtenaar_sudwest, g[UTRECHT])
    # A predecessor of their municipality is another municipality.
    assert not mag_gemeente_zien(ambtenaar_sudwest, g[BOLSWARD])


def test_official_may_not_invite_even_for_their_own_municipality(ambtenaar_sudwest, g):
    assert not mag_uitnodigen(ambtenaar_sudwest, g[SUDWEST])


def inactief(factory, **kwargs):
    return factory(is_active=False, **kwargs)


@pytest.mark.parametrize("soort", ["anoniem", "coordinator", "adviseur", "gemeente"])
def test_anonymous_and_inactive_users_see_nothing(soort, g):
    user = {
        "anoniem": lambda: AnonymousUser(),
        "coordinator": lambda: inactief(CoordinatorFactory),
        "adviseur": lambda: inactief(AdviseurFactory, organisatie=Organisatie.objects.get(naam="Partoer")),
        "gemeente": lambda: inactief(GemeenteAccountFactory, gemeente=g[SUDWEST]),
    }[soort]()

    assert not zichtbare_gemeenten(user).exists()
    assert not provincies_van(user).exists()
    assert not mag_gemeente_zien(user, g[SUDWEST])
    assert not mag_vragenlijst_invullen(user, g[SUDWEST])
    assert not mag_uitnodigen(user, g[SUDWEST])
