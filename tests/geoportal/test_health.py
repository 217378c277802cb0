"""/healthz and /readyz: JSON; readyz is 503 with a reason while migrations pend or the database is gone."""

import socket

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from geoportal import health


def test_healthz_answers_without_the_database(client):
    # No django_db mark: pytest-django makes any database access raise here, so a 200 proves none.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_database_postgis_and_migrations(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ready"
    assert body["database"].startswith("15.")  # PostgreSQL 15 is the supported server
    assert body["postgis"].startswith("3.")
    assert body["migrations"] == "applied"
    assert "reason" not in body


@pytest.mark.django_db
def test_readyz_is_503_while_a_migration_is_not_applied(client):
    # Forget that the last appeals migration ran: the database is then genuinely behind the code.
    # The test's transaction is rolled back afterwards, so the record comes back.
    recorder = MigrationRecorder(connection)
    last = recorder.migration_qs.filter(app="appeals").order_by("-name").first()
    last.delete()

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["reason"] == "1 migration(s) not applied"
    assert body["migrations"] == {"pending": 1, "first": [f"appeals.{last.name}"]}
    assert body["postgis"].startswith("3.")


def closed_loopback_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: bound by us, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    # A real connection attempt, with the live settings pointed at a closed port: connect() is refused.
    unreachable = connection.copy()
    unreachable.settings_dict = {
        **connection.settings_dict,
        "HOST": "127.0.0.1",
        "PORT": closed_loopback_port(),
    }
    monkeypatch.setattr(health, "connection", unreachable)
    try:
        response = client.get("/readyz")
    finally:
        unreachable.close()

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["reason"] == "database unreachable: OperationalError"
    assert "postgis" not in body and "migrations" not in body
    assert "127.0.0.1" not in response.content.decode()  # the connection string stays private
