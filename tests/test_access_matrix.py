"""Every URL of the project, requested as every role and as a stranger, against a declared outcome.

The URL list comes from the resolver, so a new view without a declaration here fails the suite.
The declarations and the objects the URLs point at are in tests/toegangsmatrix.py.
"""

import pytest
from django.urls import reverse

from tests.toegangsmatrix import (
    ADMIN_MODEL,
    ADMIN_ONBENOEMD,
    ADMIN_SITE,
    ADMIN_UITZONDERINGEN,
    HALF_INGELOGD,
    MATRIX,
    ROLLEN,
    admin_rijen_maken,
    alle_namen,
    client_voor,
    kwargs_voor,
    objecten_maken,
    rapport_nodig,
    uitkomsten_voor,
    url_voor,
)


def test_every_url_pattern_has_a_declaration():
    namen = {naam for naam, _ in alle_namen() if not naam.startswith("admin:")}
    assert namen == set(MATRIX), f"undeclared: {namen - set(MATRIX)}; stale: {set(MATRIX) - namen}"


@pytest.fixture
def objecten(referentiedata, django_capture_on_commit_callbacks, request):
    met_rapport = request.node.name.startswith("test_each_role_gets_the_declared_outcome[") and rapport_nodig(
        request.node.name
    )
    return objecten_maken(capture_on_commit=django_capture_on_commit_callbacks, met_rapport=met_rapport)


def uitkomst(response) -> str:
    assert response.status_code < 500, response.content[:500]
    locatie = response.get("Location", "")
    if response.status_code in (301, 302) and "/account/inloggen/" in locatie:
        return "L"
    assert "/beheer/login/" not in locatie, "the admin's own login form is never shown"
    if response.status_code in (401, 403, 404, 405):
        return "N"
    return "O"


def csp_controleren(response, waar: str) -> None:
    """Every HTML page carries a Content-Security-Policy that allows only the site's own scripts."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    beleid = response.get("Content-Security-Policy", "")
    richtlijnen = dict((d.strip().split(" ", 1) + [""])[:2] for d in beleid.split(";") if d.strip())
    scripts = richtlijnen.get("script-src", richtlijnen.get("default-src"))  # the fallback
    assert scripts, f"{waar}: no policy for scripts in {beleid!r}"
    assert "'unsafe-inline'" not in scripts, f"{waar}: {beleid!r}"
    assert richtlijnen.get("object-src", richtlijnen.get("default-src")) == "'none'", f"{waar}: {beleid!r}"


def opslag_controleren(response, rol: str, waar: str) -> None:
    """Every page served to a logged-in user, and every download, is never stored (decision 0015)."""
    if response.status_code != 200:
        return
    if rol != "anoniem" or response.has_header("Content-Disposition"):
        beleid = response.get("Cache-Control", "")
        assert "no-store" in beleid and "private" in beleid, f"{waar}: Cache-Control {beleid!r}"


@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_each_role_gets_the_declared_outcome(naam, objecten):
    methode, verwacht = MATRIX[naam]
    afwijkingen = []
    for argumenten in kwargs_voor(naam, objecten):
        for rol, teken in zip(ROLLEN, uitkomsten_voor(argumenten, verwacht), strict=True):
            url = url_voor(naam, argumenten)
            client = client_voor(rol, objecten)
            response = client.post(url) if methode == "POST" else client.get(url)
            csp_controleren(response, f"{rol} {url}")
            opslag_controleren(response, rol, f"{rol} {url}")
            if (gekregen := uitkomst(response)) != teken:
                afwijkingen.append(
                    f"{rol} {methode} {url}: verwacht {teken}, kreeg {gekregen} ({response.status_code})"
                )
    assert afwijkingen == [], "\n".join(afwijkingen)


def admin_urls(objecten) -> list[tuple[str, str, str, str]]:
    """Every URL of the admin site as (name, method, URL, outcomes): the site's own, and for each
    registered model its changelist, add, change, delete and history pages of an existing row."""
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType

    gebruiker = objecten["gemeente_a"]
    admin_rijen_maken(gebruiker)
    urls = []
    for naam, (methode, verwacht) in ADMIN_SITE.items():
        kwargs = {
            "admin:app_list": {"app_label": "gemeenten"},
            "admin:auth_user_password_change": {"id": gebruiker.pk},
            "admin:view_on_site": {
                "content_type_id": ContentType.objects.get_for_model(gebruiker).pk,
                "object_id": gebruiker.pk,
            },
        }.get(naam, {})
        urls.append((naam, methode, reverse(naam, kwargs=kwargs), verwacht))
    for model in admin.site._registry:
        rij = model._default_manager.order_by("pk").first()
        assert rij is not None, f"no {model.__name__} to open in the admin"
        for einde, (methode, verwacht) in ADMIN_MODEL.items():
            naam = f"admin:{model._meta.app_label}_{model._meta.model_name}_{einde}"
            kwargs = {} if einde in ("changelist", "add") else {"object_id": rij.pk}
            methode, verwacht = ADMIN_UITZONDERINGEN.get(naam, (methode, verwacht))
            urls.append((naam, methode, reverse(naam, kwargs=kwargs), verwacht))
        wijzigen = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[rij.pk])
        urls.append(("admin:None", "GET", wijzigen.removesuffix("change/"), ADMIN_ONBENOEMD["<object_id>/"]))
    urls.append(("admin:None", "GET", "/beheer/bestaat-niet/", ADMIN_ONBENOEMD["catch-all"]))
    return urls


def test_every_admin_url_has_a_declaration(objecten):
    from django.contrib import admin

    namen = {naam for naam, _ in alle_namen() if naam.startswith("admin:")}
    gedeclareerd = {naam for naam, *_ in admin_urls(objecten)}
    assert namen == gedeclareerd, f"undeclared: {namen - gedeclareerd}; stale: {gedeclareerd - namen}"
    assert len(admin.site._registry) >= 12


def test_the_admin_is_for_staff_only(objecten):
    afwijkingen = []
    for _, methode, url, verwacht in admin_urls(objecten):
        for rol, teken in zip(ROLLEN, verwacht, strict=True):
            client = client_voor(rol, objecten)
            response = client.post(url) if methode == "POST" else client.get(url)
            csp_controleren(response, f"{rol} {url}")
            opslag_controleren(response, rol, f"{rol} {url}")
            if (gekregen := uitkomst(response)) != teken:
                afwijkingen.append(f"{rol} {methode} {url}: verwacht {teken}, kreeg {gekregen}")
    assert afwijkingen == [], "\n".join(afwijkingen)


def test_another_municipalitys_session_report_never_shows_up(objecten):
    for rol in ("gemeente_b", "adviseur_y"):
        client = client_voor(rol, objecten)
        for url in ("/advies/gesprekken/", "/advies/gesprekken/export.csv", "/advies/trajecten/"):
            response = client.get(url)
            inhoud = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"Vertrouwelijk verslag" not in inhoud and b"Traject A" not in inhoud, (rol, url)


# The pages a session past the password but not the second step may open: logging in and out, the
# second step itself (the app's code, setting the app up, a passkey and its script's texts), an
# invitation's link, and what anyone may see. Declared here again, apart from the middleware's
# list (accounts.middleware.VRIJ), so that a page let through there fails below until it is
# declared here as well.
ZONDER_TWEEDE_STAP = {
    "accounts:login",
    "accounts:logout",
    "accounts:tweede_factor",
    "accounts:tweede_factor_instellen",
    "accounts:uitnodiging",
    "portaal:toegankelijkheid",
    "health",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}


def alle_urls(objecten) -> list[tuple[str, str, str]]:
    """Every URL of the project as (name, method, URL): each name of the matrix with each of its
    objects, and every URL of the admin (both lists are checked against the resolver above)."""
    urls = [
        (naam, methode, url_voor(naam, argumenten))
        for naam, (methode, _) in MATRIX.items()
        for argumenten in kwargs_voor(naam, objecten)
    ]
    return urls + [(naam, methode, url) for naam, methode, url, _ in admin_urls(objecten)]


@pytest.mark.parametrize("rol", HALF_INGELOGD)
def test_past_the_password_every_url_but_the_second_steps_sends_there(rol, objecten):
    """An account with an app is sent to its code, one without to setting one up; never a page
    served, never a server error (decision 0020)."""
    stap = reverse("accounts:tweede_factor" if rol == "tweede_stap" else "accounts:tweede_factor_instellen")
    assert set(ZONDER_TWEEDE_STAP) <= set(MATRIX)
    afwijkingen = []
    for naam, methode, url in alle_urls(objecten):
        client = client_voor(rol, objecten)
        response = client.post(url) if methode == "POST" else client.get(url)
        locatie = response.get("Location", "")
        if response.status_code >= 500:
            afwijkingen.append(f"{methode} {url}: {response.status_code}")
        elif naam not in ZONDER_TWEEDE_STAP and not (
            response.status_code == 302 and locatie.startswith(f"{stap}?next=")
        ):
            afwijkingen.append(f"{methode} {url}: {response.status_code} {locatie}")
    assert afwijkingen == [], "\n".join(afwijkingen)
