"""The Django admin under fire: staff post arbitrary values to the add and change form of every
registered model (found from the admin site's registry, like the admin URLs in the access matrix).

A post is either refused — the form sent back with Django's note and a message at the field or
the form, and not one row written — or accepted as a change of that model alone: one row more
after an add, as many as before after a change, no other table touched and every record whole.
No post gives a server error. Without its CSRF token every post is refused and writes nothing.
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import example, given

from tests.toegangsmatrix import admin_rijen_maken, client_voor, objecten_maken
from tests.tweede_factor import geverifieerd_inloggen
from tests.vuur_helpers import ENGELS, VUUR, alles_heel, formulieren_op, invoer, vaste_voorbeelden, view_naam

MODELLEN = sorted(model._meta.label for model in admin.site._registry)

# Django's note above a form sent back, and its messages at a field or for the whole form.
FOUTNOTITIE = re.compile(r'class="errornote"')
FOUTLIJST = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.DOTALL)


@pytest.fixture
def objecten(referentiedata, django_capture_on_commit_callbacks):
    objecten = objecten_maken(capture_on_commit=django_capture_on_commit_callbacks, met_rapport=False)
    admin_rijen_maken(objecten["gemeente_a"])
    return objecten


def formulieren_van(model, objecten) -> list[tuple[str, dict]]:
    """The URL and fields of the model's add form (where staff may add: the page is served; the
    access matrix declares where they may not) and of the change form of its first row, as the
    admin serves them to staff."""
    rij = model._default_manager.order_by("pk").first()
    assert rij is not None, f"no {model.__name__} to open in the admin"
    naam = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    gevonden = []
    for url in (reverse(f"{naam}_add"), reverse(f"{naam}_change", args=[rij.pk])):
        response = client_voor("coordinator", objecten).get(url)
        if response.status_code == 403 and url.endswith("/add/"):
            continue
        assert response.status_code == 200, (url, response.status_code)
        eigen = [
            f
            for f in formulieren_op(response.content.decode())
            if view_naam(f["action"] or url) == view_naam(url)
        ]
        assert len(eigen) == 1, f"{url}: {len(eigen)} forms of its own"
        gevonden.append((url, eigen[0]["velden"]))
    return gevonden


def foutmeldingen(html: str) -> list[str]:
    return [
        t
        for lijst in FOUTLIJST.findall(html)
        for t in (
            re.sub(r"<[^>]+>", " ", li).strip() for li in re.findall(r"<li>(.*?)</li>", lijst, re.DOTALL)
        )
        if t
    ]


def aantallen() -> dict[str, int]:
    """The number of rows of every table but the sessions and the logs of changes: the admin's own,
    and the audit trail, which records every change made in the admin (accounts/beheer.py)."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in ("sessions", "admin") and m._meta.label != "accounts.Auditregel"
    }


def beoordelen(response, model, toevoegen: bool, voor: dict, waar: str) -> None:
    assert response.status_code < 500, f"{waar}: {response.content[:500]}"
    assert response.status_code in (200, 302), f"{waar}: {response.status_code}"
    if response.status_code == 200:
        html = response.content.decode()
        teksten = foutmeldingen(html)
        assert FOUTNOTITIE.search(html) and teksten, f"{waar}: sent back without a message"
        engels = [t for t in teksten if ENGELS.search(t)]
        assert not engels, f"{waar}: a message in English: {engels}"
        assert aantallen() == voor, f"{waar}: refused, yet rows were written"
        return
    na = aantallen()
    eigen = {model._meta.label} | {
        f.remote_field.through._meta.label for f in model._meta.many_to_many if f.remote_field.through
    }
    anders = {
        label: (voor[label], na[label]) for label in voor if label not in eigen and voor[label] != na[label]
    }
    assert anders == {}, f"{waar}: accepted, and other tables changed: {anders}"
    verschil = na[model._meta.label] - voor[model._meta.label]
    assert verschil == (1 if toevoegen else 0), f"{waar}: accepted, {verschil} rows of its own written"
    assert alles_heel() == [], f"{waar}: accepted, yet a record is incomplete"


def vuren(model, url: str, velden: dict, objecten: dict) -> None:
    @VUUR
    @given(data=invoer(velden))
    def vuur(data):
        with transaction.atomic():
            client = client_voor("coordinator", objecten)
            voor = aantallen()
            for waarde in data.values():
                for bestand in waarde if isinstance(waarde, list) else [waarde]:
                    if isinstance(bestand, SimpleUploadedFile):
                        bestand.seek(0)
            response = client.post(url, data)
            beoordelen(response, model, url.endswith("/add/"), voor, f"POST {url} {data!r:.300}")
            transaction.set_rollback(True)

    for voorbeeld in vaste_voorbeelden(velden):
        vuur = example(data=voorbeeld)(vuur)
    vuur()


@pytest.mark.parametrize("label", MODELLEN)
def test_every_admin_form_refuses_anything_odd_without_a_partial_write(label, objecten):
    model = apps.get_model(label)
    for url, velden in formulieren_van(model, objecten):
        vuren(model, url, velden, objecten)


@pytest.mark.parametrize("label", MODELLEN)
def test_every_admin_post_without_its_csrf_token_is_refused(label, objecten):
    model = apps.get_model(label)
    for url, velden in formulieren_van(model, objecten):
        client = Client(enforce_csrf_checks=True)
        geverifieerd_inloggen(
            client, objecten["coordinator"], backend="django.contrib.auth.backends.ModelBackend"
        )
        data = {n: v["waarden"][0] for n, v in velden.items() if v["waarden"] and n != "csrfmiddlewaretoken"}
        voor = aantallen()
        assert client.post(url, data).status_code == 403, url
        assert aantallen() == voor, url
        # the control: with the token of the form's page the same post is not refused
        client.get(url)
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
        with transaction.atomic():
            assert client.post(url, data).status_code != 403, url
            transaction.set_rollback(True)
