"""The round pages as coordinators and advisers use them, and the contacts of a municipality."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from gemeenten.models import Contactpersoon, Gemeente, Organisatie, Provincie
from nulmeting.services import meting_indienen
from rondes.models import Ronde, Verzending
from rondes.services import ronde_openen, ronde_sluiten, ronde_uitnodigen
from rondes.verzending import onderbroken_opdrachten, verzendopdracht_uitvoeren
from tests.accounts.factories import AdviseurFactory, GemeenteAccountFactory
from tests.nulmeting.factories import MetingFactory
from tests.rondes.ronde_helpers import START, contact

pytestmark = pytest.mark.django_db


def test_a_coordinator_opens_a_round_and_a_wrong_form_keeps_what_was_typed(
    login, coordinator, nulmeting, referentiedata
):
    client = login(coordinator)
    friesland = Provincie.objects.get(naam="Friesland")
    fout = client.post(
        "/rondes/nieuw/",
        {
            "vragenlijst": nulmeting.pk,
            "naam": "Nulmeting Friesland",
            "opent_op": "2013-03-04",
            "sluit_op": "1-3-2013",
            "provincies": [friesland.pk],
            "herinnering_na_dagen": "14",
            "max_herinneringen": "2",
        },
    )
    html = fout.content.decode()
    assert "De ronde kan niet sluiten vóór ze opent." in html
    assert 'value="Nulmeting Friesland"' in html
    assert re.search(rf'value="{friesland.pk}"[^>]*checked', html)
    assert not Ronde.objects.exists()

    goed = client.post(
        "/rondes/nieuw/",
        {
            "vragenlijst": nulmeting.pk,
            "naam": "Nulmeting Friesland",
            "opent_op": "4-3-2013",
            "sluit_op": "2013-04-30",
            "provincies": [friesland.pk],
            "herinnering_na_dagen": "14",
            "max_herinneringen": "2",
        },
        follow=True,
    )
    ronde = Ronde.objects.get()
    assert goed.redirect_chain[-1][0] == f"/rondes/{ronde.pk}/"
    assert "is aangemaakt met 27 gemeenten" in goed.content.decode()


def test_the_round_page_shows_response_and_who_to_call(login, coordinator, ronde, nulmeting, klok):
    contact("GM0080", "anke@leeuwarden.example.nl", naam="Anke de Vries", functie="Beleidsmedewerker")
    ambtenaar = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM0090"))
    meting_indienen(meting=MetingFactory(gemeente=ambtenaar.gemeente, vragenlijst=nulmeting), door=ambtenaar)
    client = login(coordinator)
    response = client.post(f"/rondes/{ronde.pk}/uitnodigen/", follow=True)
    html = response.content.decode()
    assert "1 e-mail klaargezet" in html
    assert list(Verzending.objects.values_list("email", "status")) == [
        ("anke@leeuwarden.example.nl", "wachtend")
    ]
    verzendopdracht_uitvoeren(Verzending.objects.get().opdracht_id)  # what the Celery task does
    assert [m.to[0] for m in mail.outbox] == ["anke@leeuwarden.example.nl"]
    html = client.get(f"/rondes/{ronde.pk}/").content.decode()
    assert re.search(
        r"<th scope=\"row\"[^>]*>Totaal</th><td class=\"table-num\">27</td><td class=\"table-num\">2</td>",
        html,
    )
    assert "Anke de Vries (Beleidsmedewerker)" in html and "mailto:anke@leeuwarden.example.nl" in html
    assert "26 gemeenten zonder ingediende vragenlijst" in html
    assert "<figure" in html and "<svg" in html and "Ingediend per week" in html


def test_the_call_list_exports_what_the_page_lists(login, adviseur_friesland, ronde):
    contact("GM0080", "anke@leeuwarden.example.nl", naam="Anke de Vries")
    client = login(adviseur_friesland)
    csv = client.get(f"/rondes/{ronde.pk}/niet-gereageerd.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("cbs_code;gemeente;provincie;status")
    assert len(csv.splitlines()) == 1 + 27
    assert "Anke de Vries <anke@leeuwarden.example.nl>" in csv
    blad = load_workbook(io.BytesIO(client.get(f"/rondes/{ronde.pk}/niet-gereageerd.xlsx").content)).active
    assert blad.max_row == 1 + 27


def test_an_adviser_sees_only_the_rounds_and_municipalities_of_their_provinces(
    login, ronde, coordinator, nulmeting, klok
):
    utrecht = ronde_openen(
        vragenlijst=nulmeting,
        naam="Ronde Utrecht",
        opent_op=START,
        sluit_op=START + datetime.timedelta(days=30),
        provincies=[Provincie.objects.get(naam="Utrecht")],
        door=coordinator,
    )
    partoer = AdviseurFactory(
        email="a@partoer.example.nl", organisatie=Organisatie.objects.get(naam="Partoer")
    )
    client = login(partoer)
    lijst = client.get("/rondes/").content.decode()
    assert "Nulmeting Friesland 2013" in lijst and "Ronde Utrecht" not in lijst
    assert client.get(f"/rondes/{utrecht.pk}/").status_code == 404
    assert client.get(f"/rondes/{utrecht.pk}/niet-gereageerd.csv").status_code == 404


def test_closing_and_reopening_from_the_page(login, coordinator, ronde, klok):
    client = login(coordinator)
    assert "is gesloten" in client.post(f"/rondes/{ronde.pk}/sluiten/", follow=True).content.decode()
    ronde.refresh_from_db()
    assert ronde.gesloten_op is not None
    te_vroeg = client.post(f"/rondes/{ronde.pk}/heropenen/", {"sluit_op": "2013-03-01"})
    assert "Kies een sluitingsdatum vanaf vandaag." in te_vroeg.content.decode()
    client.post(f"/rondes/{ronde.pk}/heropenen/", {"sluit_op": "2013-06-30"})
    ronde.refresh_from_db()
    assert ronde.gesloten_op is None and ronde.sluit_op == datetime.date(2013, 6, 30)


def test_an_adviser_pauses_reminders_from_the_municipality_page(login, adviseur_friesland, ronde):
    client = login(adviseur_friesland)
    deelnemer = ronde.deelnemers.get(gemeente__cbs_code="GM0080")
    response = client.post(
        f"/rondes/{ronde.pk}/gemeenten/{deelnemer.pk}/herinneringen/",
        {"pauzeren": "1", "terug": "/gemeenten/GM0080/#contactpersonen"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/gemeenten/GM0080/#contactpersonen"
    assert "Herinneringen gepauzeerd." in response.content.decode()
    deelnemer.refresh_from_db()
    assert deelnemer.herinneringen_gepauzeerd and deelnemer.gepauzeerd_door == adviseur_friesland
    elders = client.post(
        f"/rondes/{ronde.pk}/gemeenten/{deelnemer.pk}/herinneringen/",
        {"pauzeren": "0", "terug": "https://elders.example.com/"},
    )
    assert elders["Location"] == f"/rondes/{ronde.pk}/"  # never sent to another site
    # regression (found by tests/test_formulieren_onder_vuur.py): redirect() took "0" for a URL
    # name and raised NoReverseMatch, a server error
    geen_pad = client.post(
        f"/rondes/{ronde.pk}/gemeenten/{deelnemer.pk}/herinneringen/", {"pauzeren": "0", "terug": "0"}
    )
    assert geen_pad["Location"] == f"/rondes/{ronde.pk}/"


def test_the_mailing_status_answers_as_json(login, coordinator, ronde):
    contact("GM0080")
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://testserver/")
    gegevens = login(coordinator).get(f"/rondes/{ronde.pk}/verzending/{opdracht.pk}/status/").json()
    assert gegevens["totaal"] == 1 and gegevens["wachtend"] == 1 and gegevens["klaar"] is False


def test_the_municipality_page_lists_contacts_and_every_mail_sent(
    login, coordinator, ronde, ambtenaar_sudwest
):
    contact("GM1900", "andere@sudwest.example.nl")
    verzendopdracht_uitvoeren(ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://x/").pk)
    html = login(ambtenaar_sudwest).get("/gemeenten/GM1900/").content.decode()
    assert "<title>Súdwest-Fryslân · Goed voor Elkaar</title>" in html
    html = html[html.index("<main") :]
    assert "andere@sudwest.example.nl" in html
    assert "Aankondiging" in html and "ambtenaar@sudwest.example.nl" in html and "Verzonden" in html
    assert "0 van 13 basisfuncties ingevuld" in html


def test_the_round_page_costs_the_same_queries_for_few_and_many_responses(
    login, coordinator, ronde, nulmeting, django_assert_max_num_queries
):
    client = login(coordinator)
    codes = list(
        Gemeente.objects.filter(provincie__naam="Friesland")
        .bestaand_op(START)
        .values_list("cbs_code", flat=True)
    )

    def aantal_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/rondes/{ronde.pk}/").status_code == 200
        return len(queries)

    def reageren(deel: list[str]) -> None:
        for code in deel:
            contact(code)
            ambtenaar = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code=code))
            meting = MetingFactory(gemeente=ambtenaar.gemeente, vragenlijst=nulmeting)
            if code in deel[::2]:
                meting_indienen(meting=meting, door=ambtenaar)

    reageren(codes[:2])
    ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://testserver/")
    client.get(f"/rondes/{ronde.pk}/")
    weinig = aantal_queries()
    reageren(codes[2:20])
    ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://testserver/")
    for i, rij in enumerate(Verzending.objects.order_by("pk")):  # mail in every state, some failed
        rij.status, rij.reden = [("verzonden", ""), ("mislukt", "550 weg"), ("onzeker", "onderbroken")][i % 3]
        rij.save()
    veel = aantal_queries()
    assert veel == weinig
    # with a mailing: its counts, and what did not arrive; and who submitted, themselves or through
    # a predecessor (nulmeting.selectors.ingediend_door_zelf_of_voorganger: two queries, once);
    # the session's verified device, and the audit entry for viewing its contacts (decision 0021)
    with django_assert_max_num_queries(21):
        client.get(f"/rondes/{ronde.pk}/")


# --- Contacts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wie", "code", "toegestaan"),
    [
        ("ambtenaar_sudwest", "GM1900", True),
        ("ambtenaar_sudwest", "GM0080", False),
        ("adviseur_friesland", "GM0080", True),
        ("adviseur_friesland", "GM0344", False),
        ("coordinator", "GM0344", True),
    ],
)
def test_who_may_add_a_contact(login, request, referentiedata, wie, code, toegestaan):
    client = login(request.getfixturevalue(wie))
    response = client.post(
        f"/gemeenten/{code}/contactpersonen/nieuw/",
        {"naam": "Piet Jansen", "email": "Piet@Example.nl", "functie": ""},
    )
    assert (response.status_code == 302) is toegestaan
    assert Contactpersoon.objects.filter(email="piet@example.nl").exists() is toegestaan


def test_an_address_of_another_municipality_is_refused_next_to_the_field(login, coordinator, referentiedata):
    contact("GM0080", "piet@example.nl")
    response = login(coordinator).post(
        "/gemeenten/GM1900/contactpersonen/nieuw/", {"naam": "Piet Jansen", "email": "piet@example.nl"}
    )
    html = response.content.decode()
    assert "Dit adres is al contactpersoon van Leeuwarden." in html
    assert 'value="Piet Jansen"' in html
    assert Contactpersoon.objects.count() == 1


def test_an_official_corrects_and_removes_a_contact_of_their_own_municipality(login, ambtenaar_sudwest):
    piet = contact("GM1900", "piet@sudwest.example.nl", naam="Piet")
    client = login(ambtenaar_sudwest)
    client.post(
        f"/gemeenten/GM1900/contactpersonen/{piet.pk}/",
        {"naam": "Piet Hoekstra", "email": "piet@sudwest.example.nl"},
    )
    piet.refresh_from_db()
    assert piet.naam == "Piet Hoekstra" and piet.gewijzigd_door == ambtenaar_sudwest
    client.post(f"/gemeenten/GM1900/contactpersonen/{piet.pk}/verwijderen/")
    assert not Contactpersoon.objects.exists()
    ander = contact("GM0080")
    assert client.post(f"/gemeenten/GM0080/contactpersonen/{ander.pk}/verwijderen/").status_code == 403
    assert client.post(f"/gemeenten/GM1900/contactpersonen/{ander.pk}/verwijderen/").status_code == 404
    assert Contactpersoon.objects.filter(pk=ander.pk).exists()


def test_a_sent_invitation_records_its_link(ronde, coordinator):
    contact("GM0080")
    verzendopdracht_uitvoeren(ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://x/").pk)
    rij = Verzending.objects.get()
    assert rij.uitnodiging.email == rij.email and rij.uitnodiging.gemeente.cbs_code == "GM0080"


def test_the_round_page_maps_the_status_of_each_municipality(
    login, adviseur_friesland, ronde, nulmeting, lege_cache
):
    contact("GM0080")
    verzendopdracht_uitvoeren(
        ronde_uitnodigen(ronde=ronde, door=ronde.aangemaakt_door, basis_url="http://x/").pk
    )
    ambtenaar = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM0090"))
    meting_indienen(meting=MetingFactory(gemeente=ambtenaar.gemeente, vragenlijst=nulmeting), door=ambtenaar)
    html = login(adviseur_friesland).get(f"/rondes/{ronde.pk}/").content.decode()
    kaart = html[
        html.index('<figure class="kaart') : html.index("</figure>", html.index('<figure class="kaart'))
    ]
    assert re.search(r"<title>Leeuwarden[^<]*Uitgenodigd</title>", kaart)
    assert re.search(r"<title>Smallingerland[^<]*Ingediend</title>", kaart)
    assert re.search(r"<title>Harlingen[^<]*Niet uitgenodigd</title>", kaart)
    assert "Utrecht" not in kaart  # zoomed to Friesland: nothing of the rest of the country
    assert 'href="/gemeenten/GM0080/"' in kaart


# --- Mail that did not arrive ---------------------------------------------------------------------


def mails_in_elke_stand(ronde, coordinator) -> dict[str, Gemeente]:
    """Four municipalities whose one invitation is sent, waiting, in doubt and refused."""
    standen = {"GM0080": "verzonden", "GM0090": "wachtend", "GM0074": "onzeker", "GM0059": "mislukt"}
    for code in standen:
        contact(code)
    ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://testserver/")
    for code, status in standen.items():
        Verzending.objects.filter(deelnemer__gemeente__cbs_code=code).update(
            status=status, reden="550 5.1.1 Mailbox bestaat niet" if status == "mislukt" else ""
        )
    return {status: Gemeente.objects.get(cbs_code=code) for code, status in standen.items()}


def rij_van(html: str, sectie: str, gemeente: Gemeente) -> str:
    deel = html[html.index(f'id="{sectie}"') :]
    return re.search(rf"<tr>(?:(?!</tr>).)*>{gemeente.naam}</a>(?:(?!</tr>).)*</tr>", deel, re.S).group(0)


def test_the_round_page_says_per_municipality_where_its_mail_stands(login, coordinator, ronde):
    gemeenten = mails_in_elke_stand(ronde, coordinator)
    html = login(coordinator).get(f"/rondes/{ronde.pk}/").content.decode()
    for status, woord in [("verzonden", "bereikt"), ("wachtend", "wacht"), ("onzeker", "onzeker")]:
        assert f"<td>{woord}" in rij_van(html, "niet-gereageerd", gemeenten[status])
    assert "<td>mislukt" in rij_van(html, "niet-gereageerd", gemeenten["mislukt"])
    mislukt = rij_van(html, "niet-aangekomen", gemeenten["mislukt"])
    assert "550 5.1.1 Mailbox bestaat niet" in mislukt and "adres verbeteren" in mislukt
    assert "onzeker" in rij_van(html, "niet-aangekomen", gemeenten["onzeker"])
    lijst = html[html.index('id="niet-aangekomen"') : html.index('id="niet-gereageerd"')]
    assert gemeenten["verzonden"].naam not in lijst and gemeenten["wachtend"].naam not in lijst
    assert "Opnieuw versturen" in lijst and "twee keer" in lijst


def test_a_coordinator_resends_from_the_round_page_and_in_doubt_mail_only_when_confirmed(
    login, coordinator, ronde
):
    gemeenten = mails_in_elke_stand(ronde, coordinator)
    client = login(coordinator)
    url = f"/rondes/{ronde.pk}/opnieuw-versturen/"
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == f"/rondes/{ronde.pk}/#niet-aangekomen"
    assert "1 e-mail opnieuw klaargezet" in response.content.decode()
    assert dict(Verzending.objects.values_list("deelnemer__gemeente", "status")) == {
        gemeenten["verzonden"].pk: "verzonden",
        gemeenten["wachtend"].pk: "wachtend",
        gemeenten["onzeker"].pk: "onzeker",
        gemeenten["mislukt"].pk: "wachtend",
    }
    onzeker = ronde.deelnemers.get(gemeente=gemeenten["onzeker"])
    zonder = client.post(url, {"deelnemers": [onzeker.pk]}, follow=True).content.decode()
    assert "twee keer mogen aankomen" in zonder
    assert Verzending.objects.get(deelnemer=onzeker).status == "onzeker"
    client.post(url, {"deelnemers": [onzeker.pk], "ook_onzeker": "on"})
    assert Verzending.objects.get(deelnemer=onzeker).status == "wachtend"


def test_an_adviser_sees_what_did_not_arrive_but_cannot_resend(login, coordinator, adviseur_friesland, ronde):
    mails_in_elke_stand(ronde, coordinator)
    client = login(adviseur_friesland)
    html = client.get(f"/rondes/{ronde.pk}/").content.decode()
    assert "550 5.1.1 Mailbox bestaat niet" in html and "Opnieuw versturen" not in html
    assert client.post(f"/rondes/{ronde.pk}/opnieuw-versturen/").status_code == 403
    assert Verzending.objects.filter(status="mislukt").count() == 1


def test_a_closed_round_offers_no_reminders_to_pause(login, coordinator, ronde):
    """Issue 17: a closed round still showed 'Herinneringen: aan' with a Pauzeren button."""
    client = login(coordinator)
    open_html = client.get(f"/rondes/{ronde.pk}/").content.decode()
    assert "Pauzeren" in open_html and "Herinnering na 14 dagen" in open_html

    ronde_sluiten(ronde=ronde, door=coordinator)
    html = client.get(f"/rondes/{ronde.pk}/").content.decode()
    assert "Pauzeren" not in html and "Weer aanzetten" not in html and ">Herinneringen</th>" not in html
    assert "er gaan geen herinneringen meer uit" in html
    assert '<figure class="mt-3" aria-labelledby=' in html  # no role="group" on a figure (axe)


def test_invitations_queued_while_the_queue_is_away_are_kept_and_resumed_later(
    login, coordinator, ronde, klok, wachtrij_onbereikbaar, django_capture_on_commit_callbacks
):
    """Redis down: the page answers, the mails wait in the ledger, and the daily resume picks the
    run up once it has been quiet for an hour."""
    contact("GM0080", "anke@leeuwarden.example.nl")
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rondes/{ronde.pk}/uitnodigen/", follow=True)
    assert response.status_code == 200 and "1 e-mail klaargezet" in response.content.decode()
    [verzending] = Verzending.objects.all()
    assert verzending.status == "wachtend"
    assert onderbroken_opdrachten() == []
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert onderbroken_opdrachten() == [verzending.opdracht_id]
