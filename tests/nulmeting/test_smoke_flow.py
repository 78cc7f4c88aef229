from nulmeting.models import Meting
from tests.nulmeting.antwoorden import alles_goed


def test_official_fills_in_submits_and_sees_result(login, ambtenaar_sudwest, nulmeting):
    client = login(ambtenaar_sudwest)
    antwoorden = alles_goed(nulmeting)
    for stap, basisfunctie in enumerate(nulmeting.opbouw.basisfuncties, start=1):
        url = f"/nulmeting/GM1900/nulmeting-2009/stap/{stap}/"
        assert client.get(url).status_code == 200
        data = {v.code: antwoorden.get(v.code, "") for v in basisfunctie.vragen}
        response = client.post(url, {**data, "actie": "volgende"})
        assert response.status_code == 302, response.content.decode()[:3000]
    response = client.get("/nulmeting/GM1900/nulmeting-2009/samenvatting/")
    assert response.status_code == 200
    response = client.post("/nulmeting/GM1900/nulmeting-2009/samenvatting/", follow=True)
    assert "13 van de 13 basisfuncties" in response.content.decode()
    meting = Meting.objects.get()
    assert meting.is_ingediend and meting.scores.filter(goed_voor_elkaar=True).count() == 13
    assert client.get("/nulmeting/GM1900/nulmeting-2009/uitslag.pdf").content.startswith(b"%PDF")
    assert client.get("/nulmeting/GM1900/nulmeting-2009/antwoorden.pdf").content.startswith(b"%PDF")
