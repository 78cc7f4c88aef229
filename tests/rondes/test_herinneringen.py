"""The reminder schedule over simulated days: after the invitation and after the previous reminder,
at most so many times, never in a closed round, never twice to one address on one day."""

import datetime

import pytest
from django.core import mail

from gemeenten.models import Gemeente
from nulmeting.services import antwoorden_opslaan, eenmeting_openen, meting_indienen
from rondes import services
from rondes.models import Verzending
from rondes.services import ronde_openen, ronde_uitnodigen
from rondes.verzending import herinneringen_plannen, verzendopdracht_uitvoeren
from tests.accounts.factories import GemeenteAccountFactory
from tests.nulmeting.antwoorden import alles_goed
from tests.nulmeting.factories import MetingFactory
from tests.rondes.ronde_helpers import START, contact

BASIS = "https://gve.example.nl/"


def dag(n: int) -> datetime.date:
    return START + datetime.timedelta(days=n)


def versturen(ronde, door):
    verzendopdracht_uitvoeren(ronde_uitnodigen(ronde=ronde, door=door, basis_url=BASIS).pk)


def ochtend(klok, n: int) -> list[str]:
    """Day ``n`` after START at 09:00: beat plans the reminders and the worker sends them.
    Returns the addresses that received a reminder that morning."""
    klok.naar(dag(n))
    mail.outbox.clear()
    for opdracht in herinneringen_plannen():
        verzendopdracht_uitvoeren(opdracht.pk)
    return sorted(m.to[0] for m in mail.outbox)


def schema(klok, dagen: range) -> dict[int, list[str]]:
    return {n: ontvangers for n in dagen if (ontvangers := ochtend(klok, n))}


def test_reminders_follow_the_invitation_and_each_other_at_most_twice(ronde, coordinator, klok):
    contact("GM0080")
    versturen(ronde, coordinator)
    assert schema(klok, range(1, 56)) == {
        14: ["contact@gm0080.example.nl"],
        28: ["contact@gm0080.example.nl"],
    }
    assert list(
        Verzending.objects.filter(soort="herinnering").order_by("volgnummer").values_list("volgnummer", "dag")
    ) == [(1, dag(14)), (2, dag(28))]


def test_the_interval_and_the_maximum_are_set_per_round(ronde, coordinator, klok):
    ronde.herinnering_na_dagen, ronde.max_herinneringen = 7, 3
    ronde.save()
    contact("GM0080")
    versturen(ronde, coordinator)
    assert list(schema(klok, range(1, 50))) == [7, 14, 21]


def test_a_reminder_says_how_far_a_municipality_got(ronde, coordinator, klok, nulmeting):
    contact("GM0080")
    contact("GM0090")
    ambtenaar = GemeenteAccountFactory(
        email="jan@smallingerland.example.nl", gemeente=Gemeente.objects.get(cbs_code="GM0090")
    )
    versturen(ronde, coordinator)
    goed = alles_goed(nulmeting)
    eerste_vijf = {
        v.code: goed[v.code] for b in nulmeting.opbouw.basisfuncties[:5] for v in b.vragen if v.code in goed
    }
    antwoorden_opslaan(
        gemeente=ambtenaar.gemeente, vragenlijst=nulmeting, waarden=eerste_vijf, origineel={}, door=ambtenaar
    )

    # Smallingerland has an account: its official is reminded, not its other contact.
    assert ochtend(klok, 14) == ["contact@gm0080.example.nl", "jan@smallingerland.example.nl"]
    begonnen = next(m for m in mail.outbox if m.to == ["jan@smallingerland.example.nl"])
    niet_begonnen = next(m for m in mail.outbox if m.to == ["contact@gm0080.example.nl"])
    assert "u heeft 5 van de 13 basisfuncties ingevuld" in begonnen.body
    assert "Log in om verder te gaan" in begonnen.body
    assert "nog niet van u ontvangen" in niet_begonnen.body
    assert "/account/uitnodiging/" in niet_begonnen.body  # a fresh personal link: the first has expired
    assert begonnen.subject == "Herinnering: Nulmeting 2009 voor Smallingerland"


def test_no_reminder_after_submitting(ronde, coordinator, klok, nulmeting):
    contact("GM0080")
    versturen(ronde, coordinator)
    ambtenaar = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM0080"))
    meting_indienen(meting=MetingFactory(gemeente=ambtenaar.gemeente, vragenlijst=nulmeting), door=ambtenaar)
    assert schema(klok, range(1, 56)) == {}


def test_paused_reminders_wait_until_they_are_resumed(ronde, coordinator, klok, adviseur_friesland):
    contact("GM0080")
    versturen(ronde, coordinator)
    deelnemer = ronde.deelnemers.get(gemeente__cbs_code="GM0080")
    services.herinneringen_pauzeren(deelnemer=deelnemer, door=adviseur_friesland, pauzeren=True)
    assert schema(klok, range(1, 20)) == {}
    services.herinneringen_pauzeren(deelnemer=deelnemer, door=adviseur_friesland, pauzeren=False)
    assert schema(klok, range(20, 40)) == {
        20: ["contact@gm0080.example.nl"],
        34: ["contact@gm0080.example.nl"],
    }


def test_closing_a_round_stops_its_reminders_at_once(ronde, coordinator, klok):
    contact("GM0080")
    versturen(ronde, coordinator)
    klok.naar(dag(14))
    [opdracht] = herinneringen_plannen()  # planned and queued, not yet sent
    services.ronde_sluiten(ronde=ronde, door=coordinator)
    verzendopdracht_uitvoeren(opdracht.pk)
    assert not [m for m in mail.outbox if m.subject.startswith("Herinnering")]
    assert Verzending.objects.get(soort="herinnering").status == "geannuleerd"
    assert schema(klok, range(15, 60)) == {}


def test_never_a_reminder_after_the_closing_date(coordinator, nulmeting, friesland, klok):
    kort = ronde_openen(
        vragenlijst=nulmeting,
        naam="Kort",
        opent_op=START,
        sluit_op=dag(20),
        provincies=[friesland],
        door=coordinator,
    )
    contact("GM0080")
    versturen(kort, coordinator)
    assert schema(klok, range(1, 60)) == {14: ["contact@gm0080.example.nl"]}


def test_one_address_gets_at_most_one_reminder_a_day_over_all_rounds(
    ronde, coordinator, klok, nulmeting, friesland
):
    eenmeting = eenmeting_openen(
        basis=nulmeting, code="eenmeting-2013", naam="Eenmeting 2013", door=coordinator
    )
    tweede = ronde_openen(
        vragenlijst=eenmeting,
        naam="Eenmeting Friesland",
        opent_op=START,
        sluit_op=dag(56),
        provincies=[friesland],
        door=coordinator,
    )
    contact("GM0080")
    versturen(ronde, coordinator)
    versturen(tweede, coordinator)
    assert ochtend(klok, 14) == ["contact@gm0080.example.nl"]
    assert ochtend(klok, 15) == ["contact@gm0080.example.nl"]  # the other round's reminder, a day later
    herinneringen = Verzending.objects.filter(soort="herinnering").order_by("dag")
    assert [(h.ronde_id, h.dag) for h in herinneringen] == [(ronde.pk, dag(14)), (tweede.pk, dag(15))]


def test_planning_twice_on_one_day_mails_once(ronde, coordinator, klok):
    contact("GM0080")
    versturen(ronde, coordinator)
    assert ochtend(klok, 14) == ["contact@gm0080.example.nl"]
    mail.outbox.clear()
    for opdracht in herinneringen_plannen():  # beat runs again that day, or a coordinator by hand
        verzendopdracht_uitvoeren(opdracht.pk)
    assert mail.outbox == []


@pytest.mark.parametrize("mislukt", [True, False])
def test_a_municipality_no_mail_reached_is_not_reminded(ronde, coordinator, klok, mislukt):
    contact("GM0080")
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    if mislukt:
        Verzending.objects.update(status="mislukt", reden="550 Mailbox bestaat niet")
    verzendopdracht_uitvoeren(opdracht.pk)
    assert bool(schema(klok, range(1, 30))) is not mislukt


def test_a_municipality_whose_invitation_failed_is_reminded_once_a_resend_reached_it(
    ronde, coordinator, klok
):
    """No reminders while the invitation failed (nothing reached it); after the resend on day 20
    they follow it as they follow any invitation."""
    contact("GM0080")
    versturen(ronde, coordinator)
    Verzending.objects.update(status="mislukt", reden="550 5.1.1 Mailbox bestaat niet")
    assert schema(klok, range(1, 20)) == {}
    klok.naar(dag(20))
    verzendopdracht_uitvoeren(
        services.uitnodigingen_opnieuw_versturen(ronde=ronde, door=coordinator, basis_url=BASIS).pk
    )
    assert Verzending.objects.get().status == "verzonden"
    assert schema(klok, range(21, 56)) == {
        34: ["contact@gm0080.example.nl"],
        48: ["contact@gm0080.example.nl"],
    }
