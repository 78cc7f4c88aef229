import pytest


@pytest.mark.django_db
def test_anonymous_visitor_sees_login_page(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/inloggen/")
    assert "Inloggen" in response.content.decode()


@pytest.mark.django_db
def test_health_reports_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
