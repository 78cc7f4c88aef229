import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Uitnodiging, User
from accounts.services import uitnodiging_maken
from gemeenten.models import Gemeente
from tests.tweede_factor import code_voor

UITNODIGEN = "/account/uitnodigen/"
WACHTWOORD = "Vrijwilligers-en-mantelzorg-2012"
EMAIL = "nieuw@sneek.example.nl"


def gemeente(cbs_code: str) -> Gemeente:
    return Gemeente.objects.get(cbs_code=cbs_code)


def link_uit(bericht) -> str:
    return re.search(r"http://testserver(/account/uitnodiging/[\w-]+/)", bericht).group(1)


@pytest.fixture
def uitnodiging(referentiedata, coordinator, django_capture_on_commit_callbacks) -> str:
    """An open invitation for Súdwest-Fryslân; returns the path of its link."""
    with django_capture_on_commit_callbacks(execute=True):
        _, token = uitnodiging_maken(
            email=EMAIL, gemeente=gemeente("GM1900"), door=coordinator, basis_url="http://testserver/"
        )
    return f"/account/uitnodiging/{token}/"


def accepteren(client, link: str, naam: str = "Sjoerd de Vries", w1: str = WACHTWOORD, w2: str = WACHTWOORD):
    return client.post(link, {"naam": naam, "wachtwoord1": w1, "wachtwoord2": w2})


def test_coordinator_invites_an_official_who_creates_an_account(
    referentiedata, coordinator, login, client, django_capture_on_commit_callbacks
):
    login(coordinator)
    sudwest = gemeente("GM1900")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UITNODIGEN, {"email": EMAIL, "gemeente": sudwest.pk})
    assert response.status_code == 302
    assert "De uitnodiging voor Súdwest-Fryslân is verstuurd" in client.get(UITNODIGEN).content.decode()

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [EMAIL]
    link = link_uit(bericht.body)
    html, soort = bericht.alternatives[0]
    assert soort == "text/html"
    assert link in html

    client.post("/account/uitloggen/")
    formulier = client.get(link)
    assert formulier.status_code == 200
    assert "Account aanmaken voor Súdwest-Fryslân" in formulier.content.decode()

    response = accepteren(client, link)

    # Accepting leads to setting up the second step; until it is set up nothing else answers.
    assert response.status_code == 302
    assert response.url == "/account/tweede-stap/instellen/"
    user = User.objects.get(email=EMAIL)
    assert (user.rol, user.gemeente, user.naam) == (User.Rol.GEMEENTE, sudwest, "Sjoerd de Vries")
    assert user.check_password(WACHTWOORD)
    assert client.get("/overzicht/").url == "/account/tweede-stap/instellen/?next=%2Foverzicht%2F"
    instellen = client.get("/account/tweede-stap/instellen/")
    assert "<svg" in instellen.content.decode()
    apparaat = TOTPDevice.objects.get(user=user, confirmed=False)
    herstel = client.post("/account/tweede-stap/instellen/", {"code": code_voor(apparaat)})
    assert len(herstel.context["codes"]) == 10
    overzicht = client.get("/overzicht/")
    assert overzicht.status_code == 200
    assert overzicht.context["user"] == user
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.is_gebruikt
    assert uitnodiging.account == user


def test_token_is_not_stored_in_plain_text(uitnodiging):
    token = uitnodiging.split("/")[-2]
    assert not Uitnodiging.objects.filter(token_hash=token).exists()
    assert Uitnodiging.objects.get().token_hash != token


def test_used_link_shows_already_used_and_changes_nothing(uitnodiging, client):
    accepteren(client, uitnodiging)
    client.post("/account/uitloggen/")
    user = User.objects.get(email=EMAIL)

    for response in (
        client.get(uitnodiging),
        accepteren(client, uitnodiging, "Iemand Anders", *["Ander-wachtwoord-99"] * 2),
    ):
        assert response.status_code == 410
        assert "Deze uitnodigingslink is al gebruikt." in response.content.decode()

    user.refresh_from_db()
    assert user.naam == "Sjoerd de Vries"
    assert user.check_password(WACHTWOORD)
    assert User.objects.filter(rol=User.Rol.GEMEENTE).count() == 1


def test_link_expires_after_14_days(uitnodiging, client):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=13, hours=23)):
        assert client.get(uitnodiging).status_code == 200

    with time_machine.travel(timezone.now() + datetime.timedelta(days=14, minutes=1)):
        for response in (client.get(uitnodiging), accepteren(client, uitnodiging)):
            assert response.status_code == 410
            assert "Deze uitnodigingslink is verlopen." in response.content.decode()

    assert not User.objects.filter(email=EMAIL).exists()


def test_link_past_its_expiry_date_is_refused(uitnodiging, client):
    Uitnodiging.objects.update(verloopt_op=timezone.now() - datetime.timedelta(seconds=1))
    response = accepteren(client, uitnodiging)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not User.objects.filter(email=EMAIL).exists()


def test_unknown_token_is_gone(db, client):
    response = client.get("/account/uitnodiging/bestaat-niet/")
    assert response.status_code == 410
    assert "Deze uitnodigingslink bestaat niet." in response.content.decode()


def test_mismatched_passwords_keep_the_name_and_show_the_error_at_the_field(uitnodiging, client):
    response = accepteren(client, uitnodiging, w2="Iets-anders-2012")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"wachtwoord2": ["De twee wachtwoorden zijn niet gelijk."]}
    assert 'value="Sjoerd de Vries"' in response.content.decode()
    assert 'id="error_1_id_wachtwoord2"' in response.content.decode()
    assert not User.objects.filter(email=EMAIL).exists()
    assert not Uitnodiging.objects.get().is_gebruikt


@pytest.mark.parametrize("zwak", ["kort12", "wachtwoord", "12345678901234", "nieuw@sneek.example.nl"])
def test_weak_password_is_refused_at_the_field(uitnodiging, client, zwak):
    response = accepteren(client, uitnodiging, w1=zwak, w2=zwak)
    assert response.status_code == 200
    assert response.context["form"].errors["wachtwoord1"]
    assert not User.objects.filter(email=EMAIL).exists()


# --- who may invite whom --------------------------------------------------------------------------


def test_adviser_invites_in_their_own_province(adviseur_friesland, login, django_capture_on_commit_callbacks):
    client = login(adviseur_friesland)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UITNODIGEN, {"email": EMAIL, "gemeente": gemeente("GM1900").pk})
    assert response.status_code == 302
    assert Uitnodiging.objects.get().uitgenodigd_door == adviseur_friesland
    assert len(mail.outbox) == 1


def test_adviser_form_refuses_a_municipality_outside_their_provinces(adviseur_friesland, login):
    client = login(adviseur_friesland)
    utrecht = gemeente("GM0344")

    formulier = client.get(UITNODIGEN).context["form"]
    assert utrecht not in formulier.fields["gemeente"].queryset
    assert gemeente("GM1900") in formulier.fields["gemeente"].queryset

    response = client.post(UITNODIGEN, {"email": EMAIL, "gemeente": utrecht.pk})
    assert response.status_code == 200
    assert "gemeente" in response.context["form"].errors
    assert not Uitnodiging.objects.exists()
    assert mail.outbox == []


def test_service_refuses_an_adviser_outside_their_provinces(adviseur_friesland):
    with pytest.raises(ValidationError, match="U mag voor deze gemeente geen uitnodiging versturen."):
        uitnodiging_maken(
            email=EMAIL, gemeente=gemeente("GM0344"), door=adviseur_friesland, basis_url="http://testserver/"
        )
    assert not Uitnodiging.objects.exists()


def test_dissolved_municipality_cannot_be_chosen(coordinator, referentiedata, login):
    queryset = login(coordinator).get(UITNODIGEN).context["form"].fields["gemeente"].queryset
    assert not queryset.filter(cbs_code="GM0064").exists()  # Bolsward, merged in 2011
    assert queryset.count() == 415


def test_official_may_not_invite(ambtenaar_sudwest, login):
    client = login(ambtenaar_sudwest)
    assert client.get(UITNODIGEN).status_code == 403
    assert (
        client.post(UITNODIGEN, {"email": EMAIL, "gemeente": ambtenaar_sudwest.gemeente_id}).status_code
        == 403
    )
    assert not Uitnodiging.objects.exists()


@pytest.mark.parametrize("adres", ["ambtenaar@utrecht.example.nl", "Ambtenaar@Utrecht.example.nl"])
def test_address_that_already_has_an_account_gives_a_field_error(
    coordinator, ambtenaar_utrecht, login, adres
):
    response = login(coordinator).post(UITNODIGEN, {"email": adres, "gemeente": gemeente("GM0344").pk})

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Voor dit e-mailadres bestaat al een account."]
    assert not Uitnodiging.objects.exists()


def test_list_of_invitations_is_scoped_to_the_adviser(
    adviseur_friesland, coordinator, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for adres, code in [("a@sneek.example.nl", "GM1900"), ("b@utrecht.example.nl", "GM0344")]:
            uitnodiging_maken(email=adres, gemeente=gemeente(code), door=coordinator, basis_url="http://x/")

    pagina = login(adviseur_friesland).get(UITNODIGEN).content.decode()
    assert "a@sneek.example.nl" in pagina
    assert "b@utrecht.example.nl" not in pagina
