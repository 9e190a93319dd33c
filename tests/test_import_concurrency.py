"""Imports running at the same time as each other: one article, no errors, on both databases."""

import threading

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection

from articles.importing import Importer
from articles.models import Article, Source

TEXT = b"---\ntitle: Raced\nsource: Race Source\n---\n## Flask\n\nPros:\n- Small core\n- Easy start\n"


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_file_at_once_leave_one_article():
    call_command("loaddata", "fixtures/topics.json", "fixtures/frameworks.json", verbosity=0)
    barrier = threading.Barrier(2)
    reports = []

    def run():
        try:
            importer = Importer()
            barrier.wait(timeout=10)
            reports.append(importer.import_bytes("raced.md", TEXT))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(r.status for r in reports) == ["created", "unchanged"], [r.error for r in reports]
    assert Article.objects.count() == 1
    assert Source.objects.filter(name="Race Source").count() == 1
    assert Article.objects.get().claims.count() == 2


@pytest.mark.django_db(transaction=True)
def test_pages_and_editor_saves_keep_working_during_an_import(client, django_user_model):
    from django.contrib.auth.models import Group

    from tests.factories import ClaimFactory

    call_command("loaddata", "fixtures/topics.json", "fixtures/frameworks.json", verbosity=0)
    claim = ClaimFactory()
    editor = django_user_model.objects.create_user("busy-editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    done = threading.Event()
    failures = []

    def import_many():
        try:
            importer = Importer()
            for number in range(40):
                text = TEXT.replace(b"Raced", f"Raced {number}".encode())
                report = importer.import_bytes(f"raced-{number}.md", text)
                if report.status == "failed":
                    failures.append(report.error)
        finally:
            connection.close()
            done.set()

    worker = threading.Thread(target=import_many)
    worker.start()
    client.force_login(editor)
    saves = 0
    while not done.is_set() or saves == 0:
        for path in ("/", "/frameworks/", "/frameworks/flask/", "/api/frameworks/flask/"):
            assert client.get(path).status_code == 200
        claim.refresh_from_db()
        response = client.post(
            f"/admin/articles/claim/{claim.pk}/change/",
            {
                "framework": claim.framework_id,
                "kind": claim.kind,
                "topic": "",
                "title": f"Saved {saves}",
                "text": claim.text,
                "status": claim.status,
                "article": claim.article_id,
                "expected_version": claim.version,
            },
        )
        assert response.status_code == 302
        saves += 1
    worker.join(timeout=120)
    assert failures == []
    assert Article.objects.filter(title__startswith="Raced").count() == 40


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: SQLite serialises writers")
def test_an_editor_save_waits_for_an_import_that_is_updating_the_same_article(monkeypatch):
    from django.db import OperationalError, transaction

    call_command("loaddata", "fixtures/topics.json", "fixtures/frameworks.json", verbosity=0)
    Importer().import_bytes("locked.md", TEXT)
    article = Article.objects.get()
    read, release = threading.Event(), threading.Event()
    real_frameworks = Importer._frameworks

    def pause_after_reading(self, parsed, report):
        read.set()  # the importer has read the article and is about to write it
        release.wait(timeout=10)
        return real_frameworks(self, parsed, report)

    monkeypatch.setattr(Importer, "_frameworks", pause_after_reading)
    reports = []

    def run():
        try:
            reports.append(Importer().import_bytes("locked.md", TEXT.replace(b"Easy start", b"Quick start")))
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert read.wait(timeout=10)
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            Article.objects.filter(pk=article.pk).update(title="Edited meanwhile")
    finally:
        release.set()
        thread.join(timeout=30)
    assert [r.status for r in reports] == ["updated"]


@pytest.mark.django_db(transaction=True)
def test_a_retried_file_does_not_reuse_the_source_its_failed_attempt_created(monkeypatch):
    # The first save loses a race (IntegrityError): the source created with it is rolled back,
    # and neither the retry nor the next files may point at it.
    call_command("loaddata", "fixtures/topics.json", "fixtures/frameworks.json", verbosity=0)
    real_save = Article.save
    calls = []

    def lose_the_first_race(self, *args, **kwargs):
        calls.append(self.slug)
        if len(calls) == 1:
            raise IntegrityError("duplicate key value violates unique constraint")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Article, "save", lose_the_first_race)
    importer = Importer()
    texts = [
        TEXT.replace(b"Raced", f"Raced {n}".encode()).replace(b"Race Source", b"Fresh") for n in range(3)
    ]
    reports = [importer.import_bytes(f"fresh-{n}.md", text) for n, text in enumerate(texts)]
    assert [r.status for r in reports] == ["created"] * 3, [r.error for r in reports]
    assert Source.objects.filter(name="Fresh").count() == 1
    assert Article.objects.filter(source__name="Fresh").count() == 3


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
@pytest.mark.django_db(transaction=True)
def test_a_files_commit_does_not_wait_for_the_disk_and_the_session_keeps_its_setting(monkeypatch):
    call_command("loaddata", "fixtures/topics.json", "fixtures/frameworks.json", verbosity=0)
    during = []
    write = Importer._write

    def spying(self, *args, **kwargs):
        during.append(_synchronous_commit())
        return write(self, *args, **kwargs)

    monkeypatch.setattr(Importer, "_write", spying)
    before = _synchronous_commit()
    assert Importer().import_bytes("raced.md", TEXT).status == "created"
    assert during == ["off"]
    assert _synchronous_commit() == before == "on"
