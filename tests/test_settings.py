import os
import secrets
import subprocess
import sys

from django.conf import settings


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "example.org",
}
HTTPS = {
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_SECURE_HSTS_PRELOAD": "1",
    "DJANGO_SECURE_COOKIES": "1",
}


def test_production_without_secret_key_refuses_to_start():
    result = run_manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_warns_only_about_https_settings():
    result = run_manage("check", "--deploy", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    warnings = {
        line.split(")")[0].split("(")[-1] for line in result.stderr.splitlines() if "(security." in line
    }
    assert warnings <= {"security.W004", "security.W008", "security.W012", "security.W016"}


def test_check_deploy_is_clean_with_https_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **HTTPS)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_invalid_boolean_names_the_variable():
    result = run_manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_the_readmes_deploy_example_passes_check_deploy():
    """Followed literally, the README's one-machine example gives a clean `check --deploy`."""
    import re
    import shlex

    readme = (settings.BASE_DIR / "README.md").read_text()
    block = re.search(r"^export (.+?)^\.venv", readme, re.M | re.S).group(1).replace("\\\n", " ")
    example = dict(word.split("=", 1) for word in shlex.split(block))
    example["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)  # the README leaves it as "..."
    example.pop("DATABASE_URL")  # the README's database does not exist here
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **example)
    assert result.returncode == 0, result.stderr


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_replica_brings_its_router_middleware_and_a_short_connect_timeout():
    show = (
        "from django.conf import settings as s; m = s.MIDDLEWARE; "
        "print(m.index('guide.db_router.ReplicaReadsMiddleware') + 1 == m.index('guide.caching.PublicPageCacheMiddleware'), "
        "s.DATABASES['replica1']['OPTIONS'], s.DATABASE_ROUTERS, s.DATABASE_REPLICA_MAX_LAG)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        DATABASE_REPLICA_URL="postgres://reader@10.0.0.2:5432/guide",
        DATABASE_REPLICA_MAX_LAG="3",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "{'connect_timeout':",
        "2}",
        "['guide.db_router.PrimaryReplicaRouter']",
        "3.0",
    ]
    without = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DATABASE_ROUTERS, [m for m in s.MIDDLEWARE if 'db_router' in m])",
    )
    assert without.stdout.split() == ["[]", "[]"]


def test_pages_are_served_while_redis_is_down():
    # Nothing listens on the port: every cache call fails, and the page is still answered.
    serve = (
        "from django.test import Client; from guide.caching import content_version; "
        "print(Client(HTTP_HOST='localhost').get('/favicon.ico').status_code, type(content_version()).__name__)"
    )
    result = run_manage("shell", "--no-imports", "-c", serve, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["301", "int"]


def test_gunicorn_freezes_what_the_master_loaded_before_each_fork():
    import gc
    import runpy

    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert config["preload_app"] is True  # the app is in the master when it forks
    try:
        config["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
