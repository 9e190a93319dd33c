"""Imports running at the same time as each other: one article, no errors, on both databases."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection

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
