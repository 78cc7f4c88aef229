"""The mail ledger against a real SMTP server: each mail is ``verzonden`` the moment the server
accepted it; a worker that dies leaves one mail in doubt and the rest waiting; a coordinator sends
failed and in-doubt invitations again (the latter only when confirmed), to a corrected address."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.smtp import EmailBackend
from django.test import override_settings

from gemeenten.models import Contactpersoon
from gemeenten.services import contactpersoon_opslaan
from rondes.models import Verzending
from rondes.services import ronde_sluiten, ronde_uitnodigen, uitnodigingen_opnieuw_versturen
from rondes.verzending import ONDERBROKEN, MailserverOnbereikbaar, verzendopdracht_uitvoeren
from tests.accounts.factories import AdviseurFactory
from tests.rondes.ronde_helpers import contact
from tests.rondes.sterfelijke_mail import Sterfelijk, sterven_bij

pytestmark = pytest.mark.django_db
BASIS = "http://gve.example.nl/"
CODES = ["GM0080", "GM0090", "GM0074", "GM0059", "GM0060"]


def stand() -> dict[str, str]:
    return dict(Verzending.objects.values_list("email", "status"))


def bezorgd(smtp) -> Counter:
    return Counter(adres for adres, _ in smtp.berichten)


def test_each_mail_is_marked_sent_the_moment_the_server_accepted_it(smtp, settings, ronde, coordinator):
    for code in CODES:
        contact(code)
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    sterven_bij(settings, 0)  # never dies; notes the ledger before each mail
    verzendopdracht_uitvoeren(opdracht.pk)
    assert Sterfelijk.geboekt_voor == [0, 1, 2, 3, 4]
    assert set(stand().values()) == {"verzonden"} and len(smtp.berichten) == 5


def test_a_worker_dying_after_k_mails_leaves_k_sent_one_in_doubt_and_the_rest_waiting(
    smtp, settings, ronde, coordinator
):
    for code in CODES:
        contact(code)
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    sterven_bij(settings, 3)  # the server accepts the third mail, then the worker dies
    with pytest.raises(SystemExit):
        verzendopdracht_uitvoeren(opdracht.pk)

    assert sorted(stand().values()) == ["bezig", "verzonden", "verzonden", "wachtend", "wachtend"]
    assert len(smtp.berichten) == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    verzendopdracht_uitvoeren(opdracht.pk)  # the task delivered again
    assert sorted(stand().values()) == ["onzeker", "verzonden", "verzonden", "verzonden", "verzonden"]
    assert Verzending.objects.get(status="onzeker").reden == ONDERBROKEN
    assert set(bezorgd(smtp).values()) == {1} and len(bezorgd(smtp)) == 5  # the doubtful one did arrive


def test_a_connection_cut_before_the_servers_answer_leaves_that_mail_in_doubt(smtp, ronde, coordinator):
    contact("GM0080", "anke@leeuwarden.example.nl")
    contact("GM0090", "verbreek@smallingerland.example.nl")
    contact("GM1900", "bram@sudwest.example.nl")  # sent in name order: Súdwest-Fryslân last
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    with pytest.raises(MailserverOnbereikbaar):
        verzendopdracht_uitvoeren(opdracht.pk)
    assert stand() == {
        "anke@leeuwarden.example.nl": "verzonden",
        "verbreek@smallingerland.example.nl": "onzeker",
        "bram@sudwest.example.nl": "wachtend",
    }
    verzendopdracht_uitvoeren(opdracht.pk)  # the task's retry
    assert stand()["bram@sudwest.example.nl"] == "verzonden"
    assert Verzending.objects.get(status="onzeker").reden.startswith(ONDERBROKEN)
    assert bezorgd(smtp) == Counter(stand().keys())  # each once, the one in doubt too


def test_a_refused_address_corrected_on_the_contact_is_resent_and_delivered(smtp, ronde, coordinator):
    contact("GM0080", "anke@leeuwarden.example.nl")
    fout = contact("GM0090", "weiger@smallingerland.example.nl", naam="Sanne Bos")
    verzendopdracht_uitvoeren(ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS).pk)
    assert stand()["weiger@smallingerland.example.nl"] == "mislukt"

    contactpersoon_opslaan(
        gemeente=fout.gemeente,
        contactpersoon=fout,
        naam="Sanne Bos",
        email="sanne@smallingerland.example.nl",
        door=coordinator,
    )
    opdracht = uitnodigingen_opnieuw_versturen(ronde=ronde, door=coordinator, basis_url=BASIS)
    verzendopdracht_uitvoeren(opdracht.pk)

    assert stand() == {
        "anke@leeuwarden.example.nl": "verzonden",
        "weiger@smallingerland.example.nl": "geannuleerd",
        "sanne@smallingerland.example.nl": "verzonden",
    }
    assert bezorgd(smtp) == Counter({"anke@leeuwarden.example.nl": 1, "sanne@smallingerland.example.nl": 1})
    [bericht] = smtp.aan("sanne@smallingerland.example.nl")
    assert "Sanne Bos" in bericht.get_body(preferencelist=("plain",)).get_content()


def test_a_refused_address_resent_unchanged_is_refused_again_with_the_reason(smtp, ronde, coordinator):
    contact("GM0090", "weiger@smallingerland.example.nl")
    verzendopdracht_uitvoeren(ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS).pk)
    opdracht = uitnodigingen_opnieuw_versturen(ronde=ronde, door=coordinator, basis_url=BASIS)
    verzendopdracht_uitvoeren(opdracht.pk)
    rij = Verzending.objects.get()
    assert (rij.status, rij.opdracht_id, rij.reden) == (
        "mislukt",
        opdracht.pk,
        "550 5.1.1 Mailbox bestaat niet",
    )


def test_an_in_doubt_invitation_is_resent_only_when_the_coordinator_confirms(
    smtp, settings, ronde, coordinator
):
    for code in CODES[:3]:
        contact(code)
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    sterven_bij(settings, 2)
    with pytest.raises(SystemExit):
        verzendopdracht_uitvoeren(opdracht.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    verzendopdracht_uitvoeren(opdracht.pk)
    [onzeker] = [e for e, s in stand().items() if s == "onzeker"]

    with pytest.raises(ValidationError, match="twee keer mogen aankomen"):
        uitnodigingen_opnieuw_versturen(ronde=ronde, door=coordinator, basis_url=BASIS)
    assert stand()[onzeker] == "onzeker"

    opnieuw = uitnodigingen_opnieuw_versturen(
        ronde=ronde, door=coordinator, basis_url=BASIS, ook_onzeker=True
    )
    assert list(opnieuw.verzendingen.values_list("email", flat=True)) == [onzeker]
    verzendopdracht_uitvoeren(opnieuw.pk)
    assert set(stand().values()) == {"verzonden"}
    assert bezorgd(smtp)[onzeker] == 2  # the warning was right: it had arrived before
    assert [n for e, n in bezorgd(smtp).items() if e != onzeker] == [1, 1]


def test_a_resend_for_chosen_municipalities_leaves_the_others_failed(smtp, ronde, coordinator):
    contact("GM0080", "weiger-1@leeuwarden.example.nl")
    contact("GM0090", "weiger-2@smallingerland.example.nl")
    verzendopdracht_uitvoeren(ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS).pk)
    leeuwarden = ronde.deelnemers.get(gemeente__cbs_code="GM0080")
    Contactpersoon.objects.filter(email="weiger-1@leeuwarden.example.nl").update(
        email="anke@leeuwarden.example.nl"
    )

    opdracht = uitnodigingen_opnieuw_versturen(
        ronde=ronde, door=coordinator, basis_url=BASIS, deelnemers=[leeuwarden]
    )
    verzendopdracht_uitvoeren(opdracht.pk)
    assert stand() == {
        "weiger-1@leeuwarden.example.nl": "geannuleerd",
        "anke@leeuwarden.example.nl": "verzonden",
        "weiger-2@smallingerland.example.nl": "mislukt",
    }


def test_only_a_coordinator_resends_and_only_in_an_open_round(ronde, coordinator, adviseur_friesland):
    contact("GM0080")
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    Verzending.objects.update(status="mislukt", reden="550 weg")
    for wie in (adviseur_friesland, AdviseurFactory(email="elders@example.nl")):
        with pytest.raises(PermissionDenied):
            uitnodigingen_opnieuw_versturen(ronde=ronde, door=wie, basis_url=BASIS)
    ronde_sluiten(ronde=ronde, door=coordinator)
    with pytest.raises(ValidationError, match="gesloten"):
        uitnodigingen_opnieuw_versturen(ronde=ronde, door=coordinator, basis_url=BASIS)
    assert Verzending.objects.get().opdracht_id == opdracht.pk


def test_a_bulk_invitation_includes_failed_addresses_but_not_reached_waiting_or_in_doubt_ones(
    ronde, coordinator
):
    for code in CODES[:4]:
        contact(code)
    eerste = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    adressen = sorted(eerste.verzendingen.values_list("email", flat=True))
    for adres, status in zip(adressen, ["mislukt", "onzeker", "verzonden", "wachtend"], strict=True):
        Verzending.objects.filter(email=adres).update(status=status)

    tweede = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    assert list(tweede.verzendingen.values_list("email", "status")) == [(adressen[0], "wachtend")]
    assert Verzending.objects.count() == 4


class Ingehaald(EmailBackend):
    """Mail from a worker that is overtaken: before its first mail goes, a second attempt at the
    same run (a redelivered task on another worker) sends everything it can."""

    opdracht_id = None

    def send_messages(self, email_messages):
        if (opdracht_id := type(self).opdracht_id) is not None:
            type(self).opdracht_id = None
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
                verzendopdracht_uitvoeren(opdracht_id)
        return super().send_messages(email_messages)


def test_two_attempts_at_one_run_never_send_a_mail_twice(smtp, settings, ronde, coordinator):
    """The first attempt has its batch in hand when the second sends all of it: the first sends
    only the mail it had claimed before, no other."""
    for code in CODES:
        contact(code)
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    Ingehaald.opdracht_id = opdracht.pk
    settings.EMAIL_BACKEND = "tests.rondes.test_grootboek.Ingehaald"
    verzendopdracht_uitvoeren(opdracht.pk)
    opdracht.refresh_from_db()
    assert opdracht.pogingen == 2  # the second attempt did run, inside the first
    assert set(bezorgd(smtp).values()) == {1} and len(bezorgd(smtp)) == 5
    assert set(stand().values()) == {"verzonden"}
