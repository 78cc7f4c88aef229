"""Changes that django-simple-history does not see, in the audit trail (issue 16, decision 0021):
invitations made and accepted, and every write in the technical admin (accounts, invitations,
rounds, anything registered there). Each entry says what, which object and who, and holds no
token, password or e-mail address. The rounds' own entries are in tests/rondes/test_auditregels.py,
the API tokens' in tests/api/test_sleutels.py."""

import datetime
import re

import pytest
from axes.models import AccessLog
from django.core import mail

from accounts.models import Auditregel, Uitnodiging, User
from gemeenten.models import Gemeente
from nulmeting.models import Vragenlijst
from rondes.services import ronde_openen
from tests.accounts.factories import WACHTWOORD, CoordinatorFactory, GemeenteAccountFactory
from tests.gemeenten.factories import ContactpersoonFactory
from tests.tweede_factor import geverifieerd_inloggen

Actie = Auditregel.Actie
EMAIL = "nieuw@sudwest.example.nl"


def alles() -> str:
    """Every value of every entry, as one text to search for what must not be in it."""
    return " ".join(str(v) for v in Auditregel.objects.values_list())


def sudwest() -> Gemeente:
    return Gemeente.objects.get(cbs_code="GM1900")


@pytest.fixture
def staf(referentiedata, client):
    """A coordinator with access to the technical admin, logged in with the second factor."""
    user = CoordinatorFactory(email="staf@movisie.example.nl", is_staff=True, is_superuser=True)
    geverifieerd_inloggen(client, user)
    return user


# --- invitations --------------------------------------------------------------------------------


def test_an_invitation_made_is_recorded_by_number_with_who_and_from_where(
    referentiedata, coordinator, client, django_capture_on_commit_callbacks
):
    geverifieerd_inloggen(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/uitnodigen/", {"email": EMAIL, "gemeente": sudwest().pk})
    uitnodiging = Uitnodiging.objects.get()
    regel = Auditregel.objects.get(actie=Actie.AANGEMAAKT)
    assert (regel.object_soort, regel.object_id) == ("accounts.uitnodiging", str(uitnodiging.pk))
    assert (regel.gebruiker, regel.adres) == (coordinator, "127.0.0.1")
    token = re.search(r"/account/uitnodiging/([\w-]+)/", mail.outbox[0].body).group(1)
    assert token not in alles() and EMAIL not in alles()


def test_accepting_an_invitation_records_the_account_it_creates(
    referentiedata, coordinator, client, django_capture_on_commit_callbacks
):
    geverifieerd_inloggen(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/uitnodigen/", {"email": EMAIL, "gemeente": sudwest().pk})
    client.logout()
    link = re.search(r"http://testserver(/account/uitnodiging/[\w-]+/)", mail.outbox[0].body).group(1)
    client.post(link, {"naam": "Nieuw", "wachtwoord1": WACHTWOORD, "wachtwoord2": WACHTWOORD})
    user = User.objects.get(email=EMAIL)
    regel = Auditregel.objects.get(actie=Actie.AANGEMAAKT, object_soort="accounts.user")
    assert (regel.object_id, regel.gebruiker, regel.rol) == (str(user.pk), user, "gemeente")
    assert regel.toelichting == f"met uitnodiging #{Uitnodiging.objects.get().pk}"
    assert EMAIL not in alles() and WACHTWOORD not in alles() and link.split("/")[-2] not in alles()


# --- the technical admin ------------------------------------------------------------------------


def test_an_account_changed_in_the_admin_names_the_fields_not_their_values(staf, client):
    ambtenaar = GemeenteAccountFactory(email="oud@sudwest.example.nl", gemeente=sudwest())
    gegevens = {
        "email": "nieuw-adres@sudwest.example.nl",
        "naam": "Andere Naam",
        "rol": "gemeente",
        "gemeente": sudwest().pk,
        "is_active": "on",
        "date_joined_0": "01-01-2012",
        "date_joined_1": "12:00:00",
    }
    response = client.post(f"/beheer/accounts/user/{ambtenaar.pk}/change/", gegevens)
    assert response.status_code == 302, response.context["adminform"].form.errors
    regel = Auditregel.objects.get(actie=Actie.GEWIJZIGD)
    assert (regel.object_soort, regel.object_id, regel.gebruiker) == (
        "accounts.user",
        str(ambtenaar.pk),
        staf,
    )
    assert regel.object_omschrijving == f"account #{ambtenaar.pk}"
    assert regel.toelichting.startswith("beheer: ") and "naam" in regel.toelichting.lower()
    assert "oud@" not in alles() and "nieuw-adres@" not in alles() and "Andere Naam" not in alles()


def test_a_password_set_in_the_admin_is_recorded_without_the_password(staf, client):
    ambtenaar = GemeenteAccountFactory(gemeente=sudwest())
    nieuw = "Een-ander-geheim-wachtwoord-2012"
    response = client.post(
        f"/beheer/accounts/user/{ambtenaar.pk}/password/", {"password1": nieuw, "password2": nieuw}
    )
    assert response.status_code == 302
    regel = Auditregel.objects.get(actie=Actie.GEWIJZIGD)
    assert (regel.object_id, regel.gebruiker, regel.adres) == (str(ambtenaar.pk), staf, "127.0.0.1")
    assert nieuw not in alles() and ambtenaar.email not in alles()


def test_an_account_added_in_the_admin_is_recorded(staf, client):
    response = client.post(
        "/beheer/accounts/user/add/",
        {
            "email": "toegevoegd@movisie.example.nl",
            "naam": "Toegevoegd",
            "rol": "coordinator",
            "password1": "Een-nieuw-beheerwachtwoord-2012",
            "password2": "Een-nieuw-beheerwachtwoord-2012",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="toegevoegd@movisie.example.nl")
    regel = Auditregel.objects.get(actie=Actie.AANGEMAAKT)
    assert (regel.object_soort, regel.object_id, regel.gebruiker) == ("accounts.user", str(user.pk), staf)
    assert "toegevoegd@" not in alles() and "beheerwachtwoord" not in alles()


def test_invitations_withdrawn_together_in_the_admin_each_get_an_entry(staf, client):
    uitnodigingen = [
        Uitnodiging.objects.create(
            email=f"ingetrokken{i}@sudwest.example.nl",
            gemeente=sudwest(),
            token_hash=f"{i:064d}",
            verloopt_op=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
        )
        for i in range(3)
    ]
    response = client.post(
        "/beheer/accounts/uitnodiging/",
        {"action": "delete_selected", "_selected_action": [u.pk for u in uitnodigingen], "post": "yes"},
    )
    assert response.status_code == 302 and not Uitnodiging.objects.exists()
    regels = Auditregel.objects.filter(actie=Actie.VERWIJDERD).order_by("object_id")
    assert [(r.object_soort, r.object_id, r.gebruiker) for r in regels] == [
        ("accounts.uitnodiging", str(u.pk), staf) for u in sorted(uitnodigingen, key=lambda u: str(u.pk))
    ]
    assert regels[0].object_omschrijving.startswith("uitnodiging #")
    assert "ingetrokken" not in alles()


def test_a_round_changed_in_the_admin_is_recorded(staf, client, nulmeting):
    ronde = ronde_openen(
        vragenlijst=Vragenlijst.objects.get(code="nulmeting-2009"),
        naam="Ronde Friesland",
        opent_op=datetime.date.today(),
        sluit_op=datetime.date.today() + datetime.timedelta(days=30),
        door=staf,
    )
    nieuw_einde = datetime.date.today() + datetime.timedelta(days=40)
    response = client.post(
        f"/beheer/rondes/ronde/{ronde.pk}/change/",
        {
            "vragenlijst": ronde.vragenlijst_id,
            "naam": ronde.naam,
            "opent_op": ronde.opent_op.strftime("%d-%m-%Y"),
            "sluit_op": nieuw_einde.strftime("%d-%m-%Y"),
            "herinnering_na_dagen": 14,
            "max_herinneringen": 2,
            "aangemaakt_op_0": "01-01-2013",
            "aangemaakt_op_1": "09:00:00",
            "aangemaakt_door": staf.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    regel = Auditregel.objects.get(actie=Actie.GEWIJZIGD)
    assert (regel.object_soort, regel.object_id, regel.gebruiker) == ("rondes.ronde", str(ronde.pk), staf)
    assert regel.toelichting.lower() == "beheer: sluit op, aangemaakt op"  # the labels, not the dates


def test_a_record_with_versions_changed_in_the_admin_gets_one_entry_not_two(staf, client):
    contact = ContactpersoonFactory(gemeente=sudwest(), email="contact@sudwest.example.nl")
    tot_nu = Auditregel.objects.order_by("pk").values_list("pk", flat=True).last() or 0
    response = client.post(f"/beheer/gemeenten/contactpersoon/{contact.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    regels = Auditregel.objects.filter(pk__gt=tot_nu)
    assert [(r.actie, r.object_soort, r.object_id, r.gebruiker) for r in regels] == [
        (Actie.VERWIJDERD, "gemeenten.contactpersoon", str(contact.pk), staf)
    ]
    assert "contact@" not in alles()


def test_an_object_of_another_library_is_named_by_kind_and_number_only(staf, client):
    """django-axes' log names the account by its address; the entry does not."""
    log = AccessLog.objects.create(
        username="iemand@sudwest.example.nl", ip_address="192.0.2.1", user_agent="test"
    )
    response = client.post(f"/beheer/axes/accesslog/{log.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    regel = Auditregel.objects.get(actie=Actie.VERWIJDERD)
    assert (regel.object_soort, regel.object_id, regel.gebruiker) == ("axes.accesslog", str(log.pk), staf)
    assert regel.object_omschrijving.endswith(f"#{log.pk}")
    assert "iemand@" not in alles()
