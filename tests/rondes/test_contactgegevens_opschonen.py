"""After the programme (AVG, docs/privacy.md): once contacts are removed, the rounds' mail log and
the invitations nobody used no longer hold the addresses they were mailed at; the ledger keeps its
lines and counts, and an account made from an invitation keeps it."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import Uitnodiging
from accounts.services import uitnodiging_accepteren
from gemeenten.models import Contactpersoon
from goedvoorelkaar.celery import app
from portaal.persoonsgegevens import contactgegevens_opschonen
from rondes.models import Verzending
from tests.rondes.ronde_helpers import contact
from tests.rondes.test_rondes import uitnodigen_en_versturen

pytestmark = pytest.mark.django_db

ADRESSEN = ["a@gm0080.example.nl", "b@gm0080.example.nl", "weiger@gm0086.example.nl"]


@pytest.fixture
def programma_einde(settings):
    settings.PROGRAMMA_EINDE, settings.CONTACTEN_BEWAREN_DAGEN = "2013-12-31", 365


def test_after_the_programme_no_address_is_left_in_the_mail_log_or_unused_invitations(
    ronde, coordinator, programma_einde
):
    for adres, cbs in zip(ADRESSEN, ["GM0080", "GM0080", "GM0086"], strict=True):
        contact(cbs, adres)
    uitnodigen_en_versturen(ronde, coordinator)
    Verzending.objects.filter(email=ADRESSEN[2]).update(
        status="mislukt", reden=f"550 <{ADRESSEN[2]}>: Recipient address rejected"
    )
    token = re.search(r"/account/uitnodiging/(\S+)/", mail.outbox[0].body).group(1)
    account = uitnodiging_accepteren(token=token, naam="Anke", wachtwoord="Een-lang-wachtwoord-42")
    statussen = sorted(Verzending.objects.values_list("status", flat=True))

    assert contactgegevens_opschonen(vandaag=datetime.date(2014, 12, 30)) == 0
    assert set(Verzending.objects.values_list("email", flat=True)) == set(ADRESSEN)

    assert contactgegevens_opschonen(vandaag=datetime.date(2014, 12, 31)) == 3
    assert not Contactpersoon.objects.exists()
    bewaard = list(Verzending.objects.values_list("email", "naam", "reden"))
    assert sorted(Verzending.objects.values_list("status", flat=True)) == statussen, (
        "the ledger keeps its lines"
    )
    for adres in ADRESSEN:
        assert not any(adres in str(veld) for rij in bewaard for veld in rij), adres
    assert len({email for email, _, _ in bewaard}) == len(bewaard), "one pseudonym per line"
    assert "550 <[adres gewist]>: Recipient address rejected" in {reden for _, _, reden in bewaard}
    ongebruikt = Uitnodiging.objects.filter(gebruikt_op__isnull=True)
    assert ongebruikt.count() == 2 and not ongebruikt.filter(email__in=ADRESSEN).exists()
    gebruikt = Uitnodiging.objects.get(gebruikt_op__isnull=False)
    assert gebruikt.email == account.email, "the account's own invitation says who was invited"


def test_the_command_says_until_when_addresses_are_kept(ronde, coordinator, programma_einde, klok):
    contact("GM0080", ADRESSEN[0])
    uitnodigen_en_versturen(ronde, coordinator)
    uit = io.StringIO()
    call_command("contactpersonen_opschonen", stdout=uit)
    assert "bewaard tot 31-12-2014" in uit.getvalue()
    assert Verzending.objects.get().email == ADRESSEN[0]
    klok.naar(datetime.date(2015, 1, 2))
    call_command("contactpersonen_opschonen", stdout=uit)
    assert "1 contactpersonen verwijderd" in uit.getvalue()
    assert Verzending.objects.get().email.endswith("@gewist.invalid")


def test_every_housekeeping_task_the_beat_plans_is_a_task_the_worker_knows(settings):
    app.loader.import_default_modules()
    onbekend = {
        naam: taak["task"]
        for naam, taak in settings.CELERY_BEAT_SCHEDULE.items()
        if taak["task"] not in app.tasks
    }
    assert not onbekend
    assert (
        settings.CELERY_BEAT_SCHEDULE["contactgegevens-opschonen"]["task"]
        == "portaal.tasks.contactgegevens_opschonen_task"
    )
