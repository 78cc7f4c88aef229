"""Every URL of the project, requested as every role and as a stranger, against a declared outcome.

The URL list comes from the resolver, so a new view without a declaration here fails the suite.
The declarations and the objects the URLs point at are in tests/toegangsmatrix.py.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.toegangsmatrix import ADMIN, MATRIX, ROLLEN, client_voor, kwargs_voor, objecten_maken


def alle_namen() -> list[tuple[str, URLPattern]]:
    namen = []

    def loop(patronen, namespace=""):
        for p in patronen:
            if isinstance(p, URLResolver):
                loop(p.url_patterns, p.namespace or namespace)
            else:
                namen.append((f"{namespace}:{p.name}" if namespace else str(p.name), p))

    loop(get_resolver().url_patterns)
    return namen


def test_every_url_pattern_has_a_declaration():
    namen = {naam for naam, _ in alle_namen() if not naam.startswith("admin:")}
    assert namen == set(MATRIX), f"undeclared: {namen - set(MATRIX)}; stale: {set(MATRIX) - namen}"


@pytest.fixture
def objecten(referentiedata, django_capture_on_commit_callbacks, request):
    # Building the PDF takes seconds; only the report views need it.
    met_rapport = request.node.name.startswith("test_each_role_gets_the_declared_outcome[rapportage")
    return objecten_maken(capture_on_commit=django_capture_on_commit_callbacks, met_rapport=met_rapport)


def uitkomst(response) -> str:
    assert response.status_code < 500, response.content[:500]
    locatie = response.get("Location", "")
    if response.status_code in (301, 302) and (
        "/account/inloggen/" in locatie or "/beheer/login/" in locatie
    ):
        return "L"
    if response.status_code in (403, 404, 405):
        return "N"
    return "O"


@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_each_role_gets_the_declared_outcome(naam, objecten):
    methode, verwacht = MATRIX[naam]
    afwijkingen = []
    for argumenten in kwargs_voor(naam, objecten):
        for rol, teken in zip(ROLLEN, verwacht, strict=True):
            url = reverse(naam, kwargs=argumenten() if callable(argumenten) else argumenten)
            client = client_voor(rol, objecten)
            response = client.post(url) if methode == "POST" else client.get(url)
            if (gekregen := uitkomst(response)) != teken:
                afwijkingen.append(
                    f"{rol} {methode} {url}: verwacht {teken}, kreeg {gekregen} ({response.status_code})"
                )
    assert afwijkingen == []


def test_the_admin_is_for_staff_only(objecten):
    from django.contrib import admin

    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    afwijkingen = []
    for url in urls:
        for rol, teken in zip(ROLLEN, ADMIN, strict=True):
            if (gekregen := uitkomst(client_voor(rol, objecten).get(url))) != teken:
                afwijkingen.append(f"{rol} {url}: verwacht {teken}, kreeg {gekregen}")
    assert afwijkingen == []


def test_another_municipalitys_session_report_never_shows_up(objecten):
    for rol in ("gemeente_b", "adviseur_y"):
        client = client_voor(rol, objecten)
        for url in ("/advies/gesprekken/", "/advies/gesprekken/export.csv", "/advies/trajecten/"):
            response = client.get(url)
            inhoud = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"Vertrouwelijk verslag" not in inhoud and b"Traject A" not in inhoud, (rol, url)
