"""Rounds: the target group, the bulk invitation, sending in batches, and what a killed run does."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Uitnodiging
from gemeenten.models import Gemeente, Provincie
from nulmeting.services import meting_indienen
from rondes import services
from rondes.models import Deelnemer, Ronde, Verzending, Verzendopdracht
from rondes.services import ronde_openen, ronde_uitnodigen
from rondes.verzending import ONDERBROKEN, verzendopdracht_uitvoeren
from tests.accounts.factories import AdviseurFactory, GemeenteAccountFactory
from tests.nulmeting.factories import MetingFactory
from tests.rondes.ronde_helpers import START, contact, verzendingen

BASIS = "https://gve.example.nl/"


def uitnodigen_en_versturen(ronde, door, **kwargs) -> Verzendopdracht:
    opdracht = ronde_uitnodigen(ronde=ronde, door=door, basis_url=BASIS)
    return verzendopdracht_uitvoeren(opdracht.pk, **kwargs)


# --- The target group -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opent_op", "provincies", "aantal"),
    [
        (datetime.date(2009, 6, 1), [], 441),
        (datetime.date(2012, 6, 1), [], 415),
        (datetime.date(2010, 6, 1), ["Friesland"], 31),
        (datetime.date(2012, 6, 1), ["Friesland"], 27),
        (datetime.date(2012, 6, 1), ["Friesland", "Zeeland"], 40),
    ],
)
def test_the_target_group_is_every_municipality_existing_on_the_opening_date(
    coordinator, nulmeting, referentiedata, opent_op, provincies, aantal
):
    ronde = ronde_openen(
        vragenlijst=nulmeting,
        naam="Ronde",
        opent_op=opent_op,
        sluit_op=opent_op + datetime.timedelta(days=60),
        provincies=list(Provincie.objects.filter(naam__in=provincies)),
        door=coordinator,
    )
    assert ronde.deelnemers.count() == aantal
    assert all(d.gemeente.bestaat_op(opent_op) for d in ronde.deelnemers.select_related("gemeente"))


def test_only_a_coordinator_opens_a_round(nulmeting, adviseur_friesland):
    with pytest.raises(PermissionDenied):
        ronde_openen(
            vragenlijst=nulmeting,
            naam="x",
            opent_op=START,
            sluit_op=START,
            provincies=[],
            door=adviseur_friesland,
        )


def test_a_round_cannot_close_before_it_opens(coordinator, nulmeting):
    with pytest.raises(ValidationError) as fout:
        ronde_openen(
            vragenlijst=nulmeting,
            naam="Verkeerd om",
            opent_op=START,
            sluit_op=START - datetime.timedelta(days=1),
            door=coordinator,
        )
    assert "vóór ze opent" in str(fout.value)
    assert not Ronde.objects.exists()


def test_a_municipality_is_in_one_round_per_questionnaire(ronde, coordinator, nulmeting, friesland):
    with pytest.raises(ValidationError) as fout:
        ronde_openen(
            vragenlijst=nulmeting,
            naam="Nog eens",
            opent_op=START,
            sluit_op=START,
            provincies=[],
            door=coordinator,
        )
    assert "27 gemeente(n) zitten voor deze vragenlijst al in ronde 'Nulmeting Friesland 2013'" in str(
        fout.value
    )
    assert Ronde.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Deelnemer.objects.create(
            ronde=ronde, gemeente=Gemeente.objects.get(cbs_code="GM0080"), vragenlijst=nulmeting
        )


# --- The bulk invitation --------------------------------------------------------------------------


def test_bulk_invitation_sends_each_contact_of_a_municipality_without_account_a_personal_link(
    ronde, coordinator, client
):
    contact("GM0080", "a@leeuwarden.example.nl", naam="Anke de Vries")
    contact("GM0080", "b@leeuwarden.example.nl")
    contact("GM0090", "c@smallingerland.example.nl")
    opdracht = uitnodigen_en_versturen(ronde, coordinator)

    assert opdracht.status == Verzendopdracht.Status.KLAAR
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@leeuwarden.example.nl",
        "b@leeuwarden.example.nl",
        "c@smallingerland.example.nl",
    ]
    rijen = verzendingen(ronde=ronde)
    assert {(r.soort, r.status) for r in rijen} == {("uitnodiging", "verzonden")}
    bericht = next(m for m in mail.outbox if m.to == ["a@leeuwarden.example.nl"])
    assert bericht.subject == "Uitnodiging: Nulmeting 2009 voor Leeuwarden"
    assert "Beste Anke de Vries" in bericht.body
    assert bericht.alternatives and "Account aanmaken" in bericht.alternatives[0][0]
    link = re.search(r"https://gve\.example\.nl(/account/uitnodiging/\S+/)", bericht.body).group(1)
    assert (
        Uitnodiging.objects.filter(email="a@leeuwarden.example.nl", gemeente__cbs_code="GM0080").count() == 1
    )
    assert client.get(link).status_code == 200  # the personal link works


@pytest.mark.parametrize("antwoordadres", ["", "Goed voor Elkaar <vragen@programma.example.nl>"])
def test_an_invitation_asks_for_a_reply_only_when_a_reply_reaches_someone(
    ronde, coordinator, settings, antwoordadres
):
    """Issue 17: "Beantwoord dan deze e-mail" came from a no-reply address without a Reply-To."""
    settings.EMAIL_REPLY_TO = antwoordadres
    contact("GM0080", "a@leeuwarden.example.nl")
    uitnodigen_en_versturen(ronde, coordinator)
    (bericht,) = mail.outbox
    html = bericht.alternatives[0][0]
    if antwoordadres:
        assert bericht.reply_to == [antwoordadres]
        assert "Beantwoord dan deze e-mail" in bericht.body and "Beantwoord dan deze e-mail" in html
    else:
        assert bericht.reply_to == []
        assert "Beantwoord" not in bericht.body and "Beantwoord" not in html
        assert "Op deze e-mail kunt u niet antwoorden." in bericht.body
        assert "adviseur van uw CMO" in bericht.body and "adviseur van uw CMO" in html


def test_a_municipality_with_an_account_gets_an_announcement_to_its_officials_only(ronde, coordinator):
    GemeenteAccountFactory(
        email="sietske@sudwest.example.nl", gemeente=Gemeente.objects.get(cbs_code="GM1900")
    )
    contact("GM1900", "andere@sudwest.example.nl")
    uitnodigen_en_versturen(ronde, coordinator)
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("sietske@sudwest.example.nl", "Nulmeting 2009 staat voor u klaar (Súdwest-Fryslân)")
    ]
    assert "/nulmeting/" in mail.outbox[0].body
    assert not Uitnodiging.objects.exists()


def test_municipalities_that_submitted_already_are_not_invited(ronde, coordinator, nulmeting):
    ambtenaar = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM0080"))
    meting = MetingFactory(gemeente=ambtenaar.gemeente, vragenlijst=nulmeting)
    meting_indienen(meting=meting, door=ambtenaar)
    contact("GM0080")
    contact("GM0090")
    uitnodigen_en_versturen(ronde, coordinator)
    assert [m.to[0] for m in mail.outbox] == ["contact@gm0090.example.nl"]


def test_running_the_invitation_again_reaches_only_new_contacts(ronde, coordinator):
    contact("GM0080")
    uitnodigen_en_versturen(ronde, coordinator)
    with pytest.raises(ValidationError) as fout:
        ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    assert "niemand (meer) om uit te nodigen" in str(fout.value)
    contact("GM0090")
    mail.outbox.clear()
    uitnodigen_en_versturen(ronde, coordinator)
    assert [m.to[0] for m in mail.outbox] == ["contact@gm0090.example.nl"]


def test_a_reopened_round_does_not_invite_again(ronde, coordinator, klok):
    contact("GM0080")
    uitnodigen_en_versturen(ronde, coordinator)
    services.ronde_sluiten(ronde=ronde, door=coordinator)
    with pytest.raises(ValidationError, match="gesloten"):
        ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    services.ronde_heropenen(ronde=ronde, door=coordinator, sluit_op=START + datetime.timedelta(weeks=12))
    with pytest.raises(ValidationError, match="niemand"):
        ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    assert len(mail.outbox) == 1


def test_a_round_is_invited_from_its_opening_date_and_by_a_coordinator_only(
    coordinator, nulmeting, friesland, adviseur_friesland, klok
):
    later = ronde_openen(
        vragenlijst=nulmeting,
        naam="Later",
        opent_op=START + datetime.timedelta(days=7),
        sluit_op=START + datetime.timedelta(days=30),
        provincies=[friesland],
        door=coordinator,
    )
    contact("GM0080")
    with pytest.raises(ValidationError, match="opent pas op 11 maart 2013"):
        ronde_uitnodigen(ronde=later, door=coordinator, basis_url=BASIS)
    klok.naar(START + datetime.timedelta(days=7))
    with pytest.raises(PermissionDenied):
        ronde_uitnodigen(ronde=later, door=adviseur_friesland, basis_url=BASIS)
    assert not Verzending.objects.exists()


def test_the_database_holds_one_invitation_per_address_and_round(ronde, coordinator):
    contact("GM0080")
    opdracht = uitnodigen_en_versturen(ronde, coordinator)
    rij = Verzending.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Verzending.objects.create(
            ronde=ronde,
            deelnemer=rij.deelnemer,
            opdracht=opdracht,
            soort=Verzending.Soort.AANKONDIGING,
            email=rij.email,
            dag=START,
        )


def test_a_used_link_shows_as_such(ronde, coordinator, client):
    from accounts.services import uitnodiging_accepteren

    contact("GM0080")
    uitnodigen_en_versturen(ronde, coordinator)
    token = re.search(r"/account/uitnodiging/(\S+)/", mail.outbox[0].body).group(1)
    uitnodiging_accepteren(token=token, naam="Anke", wachtwoord="Een-lang-wachtwoord-42")
    rij = Verzending.objects.select_related("uitnodiging").get()
    assert rij.status == "verzonden" and rij.status_label == "Link gebruikt"


# --- Sending in batches ---------------------------------------------------------------------------


def test_a_run_killed_while_sending_leaves_one_mail_in_doubt_and_sends_the_rest_once(ronde, coordinator):
    """A dead worker leaves only the row it was sending ``bezig``: that one is in doubt and not sent
    again by itself; the rows it never tried are still waiting and go out once."""
    for code in ["GM0080", "GM0090", "GM0074", "GM0059", "GM0060"]:
        contact(code)
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    bezig = opdracht.verzendingen.order_by("pk").first()
    # What a worker leaves that claimed one row, committed, and died while sending it:
    Verzending.objects.filter(pk=bezig.pk).update(status="bezig")

    verzendopdracht_uitvoeren(opdracht.pk, batch=2)  # the task is delivered again
    verzendopdracht_uitvoeren(opdracht.pk, batch=2)  # and once more: it is done, nothing happens

    rijen = verzendingen(ronde=ronde)
    assert sorted(r.status for r in rijen) == ["onzeker", "verzonden", "verzonden", "verzonden", "verzonden"]
    assert Verzending.objects.get(pk=bezig.pk).reden == ONDERBROKEN
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in rijen if r.status == "verzonden")


def test_the_queries_are_constant_per_batch_plus_two_short_updates_per_mail(ronde, coordinator):
    """The ledger costs a claim and a record per mail (each committed on its own); nothing else
    grows with the number of recipients."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_voor(codes: list[str]) -> int:
        for code in codes:
            contact(code)
        opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
        with CaptureQueriesContext(connection) as vastgelegd:
            verzendopdracht_uitvoeren(opdracht.pk, batch=50)
        return len(vastgelegd)

    friesland = list(
        Gemeente.objects.filter(provincie__naam="Friesland")
        .bestaand_op(START)
        .values_list("cbs_code", flat=True)
    )
    weinig = queries_voor(friesland[:3])
    veel = queries_voor(friesland[3:23])
    assert veel - weinig == 2 * (20 - 3)


def test_sending_cancels_what_should_no_longer_go(ronde, coordinator, nulmeting):
    contact("GM0080")
    contact("GM0090")
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    ambtenaar = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM0090"))
    meting_indienen(meting=MetingFactory(gemeente=ambtenaar.gemeente, vragenlijst=nulmeting), door=ambtenaar)
    verzendopdracht_uitvoeren(opdracht.pk)
    assert [m.to[0] for m in mail.outbox] == ["contact@gm0080.example.nl"]
    geannuleerd = Verzending.objects.get(email="contact@gm0090.example.nl")
    assert geannuleerd.status == "geannuleerd" and "intussen ingediend" in geannuleerd.reden


def test_an_adviser_of_another_cmo_cannot_pause_reminders(ronde):
    anderen = AdviseurFactory(email="adviseur@elders.example.nl")
    with pytest.raises(PermissionDenied):
        services.herinneringen_pauzeren(deelnemer=ronde.deelnemers.first(), door=anderen, pauzeren=True)
