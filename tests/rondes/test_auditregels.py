"""What is done to a round is in the audit trail (issue 16, decision 0021): opened, closed,
reopened, its invitations put out (and each invitation made), sent again, reminders paused. Each
entry names the object and who did it, never a contact's address or an invitation's token."""

import datetime

from django.core import mail

from accounts.models import Auditregel, Uitnodiging
from gemeenten.models import Gemeente
from rondes.models import Verzending, Verzendopdracht
from rondes.services import (
    herinneringen_pauzeren,
    ronde_heropenen,
    ronde_uitnodigen,
    uitnodigingen_opnieuw_versturen,
)
from rondes.verzending import verzendopdracht_uitvoeren
from tests.rondes.ronde_helpers import START, contact

Actie = Auditregel.Actie
BASIS = "https://gve.example.nl/"


def alles() -> str:
    return " ".join(str(v) for v in Auditregel.objects.values_list())


def regels(actie: str, soort: str) -> list[Auditregel]:
    return list(Auditregel.objects.filter(actie=actie, object_soort=soort).order_by("pk"))


def test_opening_a_round_is_recorded_with_its_dates(ronde, coordinator):
    [regel] = regels(Actie.AANGEMAAKT, "rondes.ronde")
    assert (regel.object_id, regel.object_omschrijving, regel.gebruiker) == (
        str(ronde.pk),
        f"ronde {ronde.pk}",  # named like every version: kind and number
        coordinator,
    )
    assert regel.toelichting == "open van 4 maart 2013 tot en met 29 april 2013"


def test_closing_a_round_on_its_page_is_recorded_with_who_and_from_where(ronde, coordinator, login):
    client = login(coordinator)
    assert client.post(f"/rondes/{ronde.pk}/sluiten/").status_code == 302
    [regel] = regels(Actie.GEWIJZIGD, "rondes.ronde")
    assert (regel.object_id, regel.toelichting, regel.gebruiker, regel.adres) == (
        str(ronde.pk),
        "gesloten",
        coordinator,
        "127.0.0.1",
    )


def test_reopening_a_round_is_recorded_with_its_new_end(ronde, coordinator, klok):
    klok.naar(START + datetime.timedelta(weeks=9))
    ronde_heropenen(ronde=ronde, door=coordinator, sluit_op=START + datetime.timedelta(weeks=12))
    [regel] = regels(Actie.GEWIJZIGD, "rondes.ronde")
    assert (regel.object_id, regel.toelichting, regel.gebruiker) == (
        str(ronde.pk),
        "heropend tot en met 27 mei 2013",
        coordinator,
    )


def test_inviting_a_round_records_the_run_and_each_invitation_made(ronde, coordinator):
    contact("GM0080", "anke@leeuwarden.example.nl")
    contact("GM0090", "sanne@smallingerland.example.nl")
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS)
    verzendopdracht_uitvoeren(opdracht.pk)
    [run] = regels(Actie.AANGEMAAKT, "rondes.verzendopdracht")
    assert (run.object_id, run.toelichting, run.gebruiker) == (
        str(opdracht.pk),
        f"uitnodigingen voor ronde #{ronde.pk}",
        coordinator,
    )
    gemaakt = regels(Actie.AANGEMAAKT, "accounts.uitnodiging")
    assert sorted(r.object_id for r in gemaakt) == sorted(
        str(pk) for pk in Uitnodiging.objects.values_list("pk", flat=True)
    )
    assert len(gemaakt) == 2 and {r.gebruiker for r in gemaakt} == {coordinator}
    tokens = [b.body.split("/account/uitnodiging/")[1].split("/")[0] for b in mail.outbox]
    assert len(tokens) == 2
    assert not any(t in alles() for t in tokens) and "@" not in alles()


def test_sending_failed_invitations_again_is_recorded(ronde, coordinator):
    contact("GM0080", "anke@leeuwarden.example.nl")
    verzendopdracht_uitvoeren(ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url=BASIS).pk)
    Verzending.objects.update(status="mislukt", reden="550 weg")
    opdracht = uitnodigingen_opnieuw_versturen(ronde=ronde, door=coordinator, basis_url=BASIS)
    laatste = regels(Actie.AANGEMAAKT, "rondes.verzendopdracht")[-1]
    assert (laatste.object_id, laatste.toelichting, laatste.gebruiker) == (
        str(opdracht.pk),
        f"uitnodigingen opnieuw versturen voor ronde #{ronde.pk}",
        coordinator,
    )
    assert Verzendopdracht.objects.count() == 2 and "anke@" not in alles()


def test_pausing_and_resuming_reminders_is_recorded(ronde, coordinator):
    deelnemer = ronde.deelnemers.get(gemeente=Gemeente.objects.get(cbs_code="GM0080"))
    herinneringen_pauzeren(deelnemer=deelnemer, door=coordinator, pauzeren=True)
    herinneringen_pauzeren(deelnemer=deelnemer, door=coordinator, pauzeren=False)
    gepauzeerd, weer_aan = regels(Actie.GEWIJZIGD, "rondes.deelnemer")
    assert (gepauzeerd.object_id, gepauzeerd.toelichting, gepauzeerd.gebruiker) == (
        str(deelnemer.pk),
        "herinneringen gepauzeerd",
        coordinator,
    )
    assert weer_aan.toelichting == "herinneringen weer aan"
