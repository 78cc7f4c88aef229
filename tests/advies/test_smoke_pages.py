def test_adviser_pages_render(login, adviseur_friesland, gesprek_friesland):
    client = login(adviseur_friesland)
    for url in [
        "/advies/gesprekken/",
        "/advies/gesprekken/?mijn=1",
        "/advies/gesprekken/nieuw/",
        f"/advies/gesprekken/{gesprek_friesland.pk}/",
        f"/advies/gesprekken/{gesprek_friesland.pk}/wijzigen/",
        "/advies/trajecten/",
        "/advies/trajecten/nieuw/",
        "/gemeenten/GM1900/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get("/advies/gesprekken/export.csv").content.decode("utf-8-sig").count("\r\n") == 2


def test_coordinator_pages_render(login, coordinator, gesprek_friesland):
    client = login(coordinator)
    for url in [
        "/advies/gesprekken/",
        "/advies/adviseurs/",
        "/advies/gesprekken/importeren/",
        "/advies/trajecten/",
    ]:
        assert client.get(url).status_code == 200, url
