"""Failed logins are throttled per username and client address, and the address is the client's
own: behind a TLS proxy the one in X-Forwarded-For, otherwise the connection's (a client could
write any X-Forwarded-For it likes)."""

import pytest
from django.test import Client

from tests.test_settings import PRODUCTION, run_manage

LOGIN = "/admin/login/"
PROXY = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0  # one proxy, DJANGO_PROXY_COUNT=1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]


def fail_logins(username: str, times: int, **meta) -> None:
    client = Client(**meta)
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "wrong", "next": "/admin/"})


def can_log_in(username: str, **meta) -> bool:
    response = Client(**meta).post(LOGIN, {"username": username, "password": "pw-for-tests-only"})
    return response.status_code == 302


def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(behind_proxy, editor):
    fail_logins("editor", 5, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert not can_log_in("editor", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert can_log_in("editor", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")


def test_behind_a_proxy_a_forged_forwarded_for_is_not_believed(behind_proxy, editor):
    # The proxy appends the address it saw: a client's own header makes the list too long.
    for n in range(5):
        fail_logins("editor", 1, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.5")
    assert not can_log_in("editor", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5")
    assert can_log_in("editor", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")


def test_without_a_proxy_a_forged_forwarded_for_changes_nothing(editor):
    for n in range(5):  # a new forged address each time: still one client
        fail_logins("editor", 1, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert not can_log_in("editor", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert can_log_in("editor", REMOTE_ADDR="203.0.113.9")


def test_the_proxy_setting_reads_the_forwarded_address():
    code = (
        "from django.conf import settings; "
        "print(settings.AXES_IPWARE_PROXY_COUNT, settings.AXES_IPWARE_META_PRECEDENCE_ORDER[0])"
    )
    with_proxy = run_manage("shell", "--no-imports", "-c", code, **PRODUCTION, DJANGO_BEHIND_TLS_PROXY="1")
    assert with_proxy.stdout.split() == ["0", "HTTP_X_FORWARDED_FOR"], with_proxy.stderr
    without = run_manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert "HTTP_X_FORWARDED_FOR" not in without.stdout, without.stderr
