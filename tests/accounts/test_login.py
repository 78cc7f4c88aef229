import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.utils import timezone

from accounts.models import Auditregel
from accounts.tasks import aanmeldpogingen_opschonen_task
from tests.accounts.factories import WACHTWOORD, CoordinatorFactory

LOGIN = "/account/inloggen/"
FOUT = "Het e-mailadres of het wachtwoord klopt niet."
NIEUW_WACHTWOORD = "Nieuw-en-sterk-wachtwoord-2012"


@pytest.fixture
def gebruiker(db):
    return CoordinatorFactory(email="coby@movisie.example.nl")


def inloggen(client, email: str, wachtwoord: str):
    return client.post(LOGIN, {"username": email, "password": wachtwoord})


def is_ingelogd(client) -> bool:
    """Past the password: the dashboard answers, or asks for the second step of logging in
    (tests/accounts/test_tweede_factor.py follows that step)."""
    response = client.get("/overzicht/")
    return response.status_code == 200 or response.url.startswith("/account/tweede-stap/")


def test_login_with_email_and_password(client, gebruiker):
    response = inloggen(client, gebruiker.email, WACHTWOORD)
    assert response.status_code == 302
    assert response.url == "/overzicht/"
    assert is_ingelogd(client)


def test_login_returns_to_the_page_asked_for(client, gebruiker):
    response = client.post(
        LOGIN, {"username": gebruiker.email, "password": WACHTWOORD, "next": "/gemeenten/"}
    )
    assert response.url == "/gemeenten/"


def test_login_ignores_case_of_the_email_address(client, gebruiker):
    response = inloggen(client, "Coby@Movisie.example.nl", WACHTWOORD)
    assert response.status_code == 302


def test_wrong_password_and_unknown_address_give_the_same_dutch_message(client, gebruiker):
    verkeerd = inloggen(client, gebruiker.email, "verkeerd-wachtwoord")
    onbekend = inloggen(client, "niemand@example.nl", WACHTWOORD)

    for response in (verkeerd, onbekend):
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [FOUT]
        assert FOUT in response.content.decode()
    assert not is_ingelogd(client)


def test_typed_address_is_kept_after_a_wrong_password(client, gebruiker):
    response = inloggen(client, gebruiker.email, "verkeerd-wachtwoord")
    assert f'value="{gebruiker.email}"' in response.content.decode()


def test_inactive_account_cannot_log_in_and_gets_the_same_message(client, db):
    user = CoordinatorFactory(is_active=False)
    response = inloggen(client, user.email, WACHTWOORD)
    assert response.context["form"].non_field_errors() == [FOUT]


def fout_wachtwoord(client, email: str, keer: int = 1) -> list[int]:
    return [inloggen(client, email, "verkeerd-wachtwoord").status_code for _ in range(keer)]


def test_five_wrong_passwords_lock_the_account_out_even_for_the_right_password(client, gebruiker, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert fout_wachtwoord(client, gebruiker.email, 4) == [200] * 4
    fout_wachtwoord(client, gebruiker.email)

    response = inloggen(client, gebruiker.email, WACHTWOORD)

    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert not is_ingelogd(client)


def test_after_five_wrong_passwords_the_lockout_page_is_shown(client, gebruiker):
    assert fout_wachtwoord(client, gebruiker.email, 4) == [200] * 4

    response = inloggen(client, gebruiker.email, "verkeerd-wachtwoord")

    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert FOUT not in response.content.decode()


def test_lockout_cannot_be_dodged_by_changing_the_case_of_the_address(client, gebruiker):
    fout_wachtwoord(client, gebruiker.email, 5)
    assert inloggen(client, gebruiker.email.upper(), WACHTWOORD).status_code == 429


def test_lockout_of_one_account_leaves_another_alone(client, gebruiker):
    ander = CoordinatorFactory(email="ander@movisie.example.nl")
    fout_wachtwoord(client, gebruiker.email, 5)

    assert fout_wachtwoord(client, ander.email) == [200]
    assert inloggen(client, ander.email, WACHTWOORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, gebruiker):
    fout_wachtwoord(client, gebruiker.email, 4)
    assert inloggen(client, gebruiker.email, WACHTWOORD).status_code == 302
    client.post("/account/uitloggen/")

    assert fout_wachtwoord(client, gebruiker.email, 4) == [200] * 4


def test_logout_is_a_post(client, gebruiker):
    inloggen(client, gebruiker.email, WACHTWOORD)

    assert client.get("/account/uitloggen/").status_code == 405
    assert is_ingelogd(client)

    response = client.post("/account/uitloggen/")
    assert response.status_code == 302
    assert response.url == LOGIN
    assert not is_ingelogd(client)


# --- password reset -------------------------------------------------------------------------------


def test_password_reset_by_email(client, gebruiker):
    response = client.post("/account/wachtwoord-vergeten/", {"email": gebruiker.email})
    assert response.status_code == 302
    assert response.url == "/account/wachtwoord-vergeten/verstuurd/"

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [gebruiker.email]
    assert bericht.subject == "Nieuw wachtwoord voor Goed voor Elkaar"
    link = re.search(r"http://testserver(/account/wachtwoord/[^/\s]+/[^/\s]+/)", bericht.body).group(1)

    naar_formulier = client.get(link)
    assert naar_formulier.status_code == 302
    assert naar_formulier.url.endswith("/set-password/")
    formulier = client.get(naar_formulier.url)
    assert "Kies een nieuw wachtwoord" in formulier.content.decode()

    opgeslagen = client.post(
        naar_formulier.url, {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD}
    )
    assert opgeslagen.url == "/account/wachtwoord/gewijzigd/"

    assert inloggen(client, gebruiker.email, WACHTWOORD).status_code == 200
    assert inloggen(client, gebruiker.email, NIEUW_WACHTWOORD).status_code == 302

    # The link works once.
    client.post("/account/uitloggen/")
    assert "Deze link werkt niet meer" in client.get(link, follow=True).content.decode()


def test_password_reset_for_unknown_address_sends_nothing_but_looks_the_same(client, gebruiker):
    bekend = client.post("/account/wachtwoord-vergeten/", {"email": gebruiker.email}, follow=True)
    mail.outbox.clear()
    onbekend = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.nl"}, follow=True)

    assert mail.outbox == []
    assert onbekend.redirect_chain == bekend.redirect_chain
    assert onbekend.content == bekend.content
    assert "Kijk in uw mailbox" in onbekend.content.decode()


def test_a_browser_set_to_english_still_gets_dutch(client, db):
    response = client.post(LOGIN, {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Vul ‘E-mailadres’ in." in response.content.decode()


def test_a_wrong_password_is_told_without_pointing_at_fields_marked_below(client, gebruiker):
    """Issue 17: the summary said "verbeter wat hieronder staat" with nothing marked below."""
    html = inloggen(client, gebruiker.email, "fout").content.decode()
    kop = re.search(r'<h2[^>]*id="foutoverzicht-kop">([^<]*)</h2>', html).group(1)
    assert kop == "Dat is niet gelukt." and FOUT in html
    assert "is-invalid" not in html  # no field is marked, the heading does not say there is

    html = inloggen(client, "", "").content.decode()  # empty fields are marked, and it says so
    kop = re.search(r'<h2[^>]*id="foutoverzicht-kop">([^<]*)</h2>', html).group(1)
    assert kop == "Nog niet verwerkt: verbeter wat hieronder staat." and "is-invalid" in html


# --- lockout abuse (issue 16) ---------------------------------------------------------------------


def test_attempts_during_a_lockout_do_not_restart_it(client, gebruiker, settings):
    """Whoever shares the address cannot keep an account locked by trying on: the lockout ends
    a cool-off after the failure that caused it, whatever was tried meanwhile."""
    assert settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is False
    with time_machine.travel(datetime.datetime(2012, 3, 1, 10, 0, tzinfo=datetime.UTC), tick=False) as reis:
        fout_wachtwoord(client, gebruiker.email, 5)
        for _ in range(5):
            reis.shift(datetime.timedelta(minutes=2))
            assert inloggen(client, gebruiker.email, "verkeerd-wachtwoord").status_code == 429
            assert inloggen(client, gebruiker.email, WACHTWOORD).status_code == 429
        reis.shift(datetime.timedelta(minutes=5, seconds=1))  # 15 minutes after the fifth failure
        assert inloggen(client, gebruiker.email, WACHTWOORD).status_code == 302


def test_one_address_trying_many_accounts_is_locked_out(client, gebruiker, settings):
    assert settings.AXES_ADRES_LIMIET == 20
    for i in range(19):  # four at most per account: never an account's own limit
        assert inloggen(client, f"iemand{i // 4}@example.nl", "raden").status_code == 200
    assert inloggen(client, "nog-iemand@example.nl", "raden").status_code == 429
    # now any account from that address, even with the right password
    assert inloggen(client, gebruiker.email, WACHTWOORD).status_code == 429
    # from another address the account is untouched
    response = client.post(
        LOGIN, {"username": gebruiker.email, "password": WACHTWOORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302


def test_logging_in_to_ones_own_account_does_not_clear_an_addresss_failures(client, gebruiker):
    for i in range(16):
        inloggen(client, f"slachtoffer{i // 4}@example.nl", "raden")
    assert inloggen(client, gebruiker.email, WACHTWOORD).status_code == 302
    client.post("/account/uitloggen/")
    for i in range(3):
        assert inloggen(client, f"ander{i}@example.nl", "raden").status_code == 200
    assert inloggen(client, "laatste@example.nl", "raden").status_code == 429


def test_colleagues_behind_one_address_are_not_locked_out_by_a_few_typing_errors(client, gebruiker):
    for i in range(4):
        collega = CoordinatorFactory(email=f"collega{i}@movisie.example.nl")
        fout_wachtwoord(client, collega.email, 2)
        assert inloggen(client, collega.email, WACHTWOORD).status_code == 302
        client.post("/account/uitloggen/")
    assert inloggen(client, gebruiker.email, WACHTWOORD).status_code == 302


# --- what django-axes keeps (decision 0021) --------------------------------------------------------


def test_login_attempts_are_kept_until_their_lockout_is_over(
    client, gebruiker, settings, taken_in_dit_proces
):
    """The privacy register keeps login attempts no longer than their lockout; the hourly task
    removes the older ones, recent ones stay and still lock out."""
    settings.AXES_COOLOFF_TIME = 0.25
    for _ in range(5):
        inloggen(client, gebruiker.email, "fout-2")
    # Twenty minutes earlier (axes clears what is older at every attempt, so nothing happens after)
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=20)):
        inloggen(client, "oud@example.nl", "fout-1")
        AccessLog.objects.create(username="oud@example.nl", ip_address="192.0.2.1", user_agent="t")
        AccessFailureLog.objects.create(username="oud@example.nl", ip_address="192.0.2.1", user_agent="t")
    assert AccessAttempt.objects.count() == 2

    assert aanmeldpogingen_opschonen_task.delay().get() == 3
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [gebruiker.email]
    assert not AccessLog.objects.exists() and not AccessFailureLog.objects.exists()
    assert inloggen(client, gebruiker.email, WACHTWOORD).status_code == 429  # still locked out
    assert "aanmeldpogingen-opschonen" in settings.CELERY_BEAT_SCHEDULE


def test_axes_keeps_no_log_of_its_own_beside_the_audit_trail(client, gebruiker):
    inloggen(client, gebruiker.email, "fout")
    inloggen(client, gebruiker.email, WACHTWOORD)
    client.post("/account/uitloggen/")
    assert not AccessLog.objects.exists() and not AccessFailureLog.objects.exists()
    assert Auditregel.objects.filter(actie__in=["inloggen", "inloggen_mislukt", "uitloggen"]).count() == 3
