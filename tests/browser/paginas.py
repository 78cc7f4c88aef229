"""Every HTML page each role is served, from the access matrix (tests/toegangsmatrix.py), and a
browser logged in as that role: what the page-by-page browser tests walk (accessibility, the
narrow screen)."""

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.toegangsmatrix import MATRIX, ROLLEN, kwargs_voor, objecten_maken, uitkomsten_voor

# One user per kind of scope; gemeente_b and adviseur_y see the same pages as their twins.
GECONTROLEERDE_ROLLEN = ["anoniem", "gemeente_a", "adviseur_x", "coordinator"]
DOWNLOAD = re.compile(r"attachment", re.IGNORECASE)


def objecten_voor(rol: str, django_capture_on_commit_callbacks) -> dict:
    return objecten_maken(
        capture_on_commit=django_capture_on_commit_callbacks,
        met_rapport=rol in ("adviseur_x", "coordinator"),
    )


def inloggen(page, live_server, client: Client) -> None:
    """Give the browser the session of a Django test client that is logged in."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if cookie:
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )


def html_paginas(rol: str, objecten: dict, client: Client) -> list[str]:
    """Every GET URL the matrix says ``rol`` is served, that answers 200 with an HTML page."""
    index = ROLLEN.index(rol)
    urls = []
    for naam, (methode, uitkomsten) in sorted(MATRIX.items()):
        if methode != "GET":
            continue
        for kwargs in kwargs_voor(naam, objecten):
            if uitkomsten_voor(kwargs, uitkomsten)[index] != "O":
                continue
            url = reverse(naam, kwargs=kwargs)
            response = client.get(url, follow=True)
            soort = response.get("Content-Type", "")
            if (
                response.status_code == 200
                and soort.startswith("text/html")
                and not DOWNLOAD.search(response.get("Content-Disposition", ""))
            ):
                laatste = response.redirect_chain[-1][0] if response.redirect_chain else url
                if laatste not in urls:
                    urls.append(laatste)
    return urls
