"""The technical admin is silent to everyone but staff, the demo accounts are no superusers, and
the accessibility statement is public and linked from every page (issue 16)."""

import io

from django.core.management import call_command

from accounts.models import User
from tests.accounts.factories import CoordinatorFactory
from tests.tweede_factor import geverifieerd_inloggen


def test_a_visitor_asking_for_the_admin_is_sent_to_the_products_login_page(client, db):
    for url in ("/beheer/", "/beheer/login/", "/beheer/accounts/user/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/?next=/beheer/"), response["Location"]


def test_a_coordinator_without_staff_rights_gets_a_404_not_the_admin_login(client, db):
    geverifieerd_inloggen(client, CoordinatorFactory(), backend="django.contrib.auth.backends.ModelBackend")
    for url in ("/beheer/", "/beheer/login/", "/beheer/accounts/user/"):
        response = client.get(url)
        assert response.status_code == 404
        assert b'name="password"' not in response.content


def test_staff_still_reach_the_admin(client, db):
    geverifieerd_inloggen(
        client,
        CoordinatorFactory(is_staff=True, is_superuser=True),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/login/")["Location"] == "/beheer/"


def test_the_demo_accounts_cannot_use_the_admin_not_even_an_old_superuser_demo(referentiedata):
    call_command("demo_accounts", stdout=io.StringIO())
    User.objects.filter(email="coordinator@demo.goedvoorelkaar.nl").update(is_staff=True, is_superuser=True)
    call_command("demo_accounts", stdout=io.StringIO())
    demo = User.objects.filter(email__endswith="@demo.goedvoorelkaar.nl")
    assert demo.count() == 3
    assert not demo.filter(is_staff=True).exists() and not demo.filter(is_superuser=True).exists()


def test_the_accessibility_statement_is_public_and_linked_from_every_page(client, db):
    response = client.get("/toegankelijkheid")
    html = response.content.decode()
    assert response.status_code == 200
    for kop in ("Hoe ver wij zijn", "Wat wij automatisch controleren", "Bekende beperkingen", "Contact"):
        assert kop in html
    assert "axe-core" in html and "mailto:toegankelijkheid@goedvoorelkaar.nl" in html
    assert 'href="/toegankelijkheid"' in client.get("/account/inloggen/").content.decode()
