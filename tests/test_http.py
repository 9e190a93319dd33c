"""HTTP-level behaviour: health check, security headers, malformed requests."""

import pytest
from django.db import DatabaseError


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_broken_database(client, db, monkeypatch):
    from guide import health

    class Broken:
        def cursor(self):
            raise DatabaseError("gone")

    monkeypatch.setattr(health, "connection", Broken())
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "error"


def test_security_headers(client, db):
    response = client.get("/healthz")
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("method", ["head", "options"])
def test_head_and_options_never_500(client, db, method):
    response = getattr(client, method)("/healthz")
    assert response.status_code < 500


def test_favicon_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


def test_oversized_admin_post_is_refused_not_500(client, db):
    response = client.post(
        "/admin/login/", data="x" * (3 * 1024 * 1024), content_type="application/octet-stream"
    )
    assert response.status_code < 500
