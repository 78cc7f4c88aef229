import pytest

pytestmark = pytest.mark.django_db


def test_health_is_ok_with_database_and_no_redis_configured(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "niet geconfigureerd", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_reports_redis_ok_when_configured(client, settings):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set (CI runs the suite with a real Redis)")
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok", "status": "ok"}


def test_health_is_503_and_names_redis_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["redis"].startswith("fout: ")
    assert body["status"] == "fout"
