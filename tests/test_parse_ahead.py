"""A long import parses its next files in a second process (articles/parse_ahead.py): the same
reports and the same rows as parsing each file in turn."""

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles import parse_ahead
from articles.importing import Importer
from articles.models import Article, Claim
from articles.parse_ahead import ParseAhead
from articles.parsing import Catalogue, parse_article
from frameworks.models import Framework
from tests.test_import_command import GOOD, run_json

FILES = parse_ahead.MIN_FILES + 6


def _write_folder(folder):
    """Articles of every kind the import meets, more than the parse-ahead needs to start."""
    folder.mkdir()
    for n in range(FILES):
        text = GOOD.replace("A good article", f"Article number {n}").replace("Tiny core", f"Tiny core {n}")
        (folder / f"{n:02d}.md").write_text(text)
    (folder / "03.md").write_text("---\ntitle: New kid\n---\n## Zephyrweb\n\nPros:\n- Fast at {n}\n")
    (folder / "05.md").write_bytes(b"\x00\x01binary")  # refused while decoding
    (folder / "07.md").write_text("word\n" * 30_000)  # refused by the parser: too many lines
    (folder / "09.md").write_text((folder / "08.md").read_text())  # the same text as the one before
    (folder / "11.md").write_text("")  # empty
    return folder


def _rows():
    articles = list(Article.objects.order_by("slug").values_list("slug", "title", "source_path", "language"))
    claims = list(
        Claim.objects.order_by("article__slug", "key").values_list("article__slug", "key", "title", "topic")
    )
    frameworks = list(Framework.objects.order_by("slug").values_list("slug", "needs_review"))
    return articles, claims, frameworks


def _reports(report):
    return [{k: v for k, v in f.items() if k != "seconds"} for f in report["files"]]


@pytest.mark.django_db(transaction=True)
def test_a_long_import_parsed_ahead_writes_what_parsing_in_turn_writes(catalogue, tmp_path, monkeypatch):
    folder = _write_folder(tmp_path / "articles")
    with transaction.atomic():
        monkeypatch.setattr(parse_ahead, "MIN_FILES", 10_000)  # parsed in turn
        in_turn = run_json(folder, source="Folder")
        rows_in_turn = _rows()
        transaction.set_rollback(True)
    monkeypatch.setattr(parse_ahead, "MIN_FILES", 2)
    started = []
    pool = ParseAhead._pool
    monkeypatch.setattr(ParseAhead, "_pool", lambda self: started.append(1) or pool(self))

    ahead = run_json(folder, source="Folder")
    assert started, "the worker was not used"
    assert ahead[0] == in_turn[0] == 1  # the refused files fail the run either way
    assert _reports(ahead[1]) == _reports(in_turn[1])
    assert _rows() == rows_in_turn
    statuses = [f["status"] for f in ahead[1]["files"]]
    assert statuses.count("created") == FILES - 4 and statuses.count("unchanged") == 1


class _RecordingPool:
    def __init__(self):
        self.paths = []

    def submit(self, function, text, path):
        self.paths.append(path)
        future = Future()
        future.set_result(None)  # the importer parses it itself
        return future

    def shutdown(self, **kwargs):
        pass


def test_an_unchanged_folder_is_read_in_a_query_per_few_files_and_parsed_nowhere(
    catalogue, tmp_path, monkeypatch
):
    folder = _write_folder(tmp_path / "articles")
    run_json(folder, source="Folder")
    pool = _RecordingPool()
    monkeypatch.setattr(ParseAhead, "_pool", lambda self: pool)
    parse = Importer.parse
    parsed = []
    monkeypatch.setattr(
        Importer, "parse", lambda self, text, path: parsed.append(path) or parse(self, text, path)
    )
    with CaptureQueriesContext(connection) as queries:
        _status, report = run_json(folder, source="Folder")
    # Only the file the parser refused is parsed again.
    assert [p.rsplit("/", 1)[1] for p in pool.paths] == [p.rsplit("/", 1)[1] for p in parsed] == ["07.md"]
    unchanged = [f for f in report["files"] if f["status"] == "unchanged"]
    assert len(unchanged) == FILES - 3
    assert {f["claims_unchanged"] for f in unchanged if f["path"].endswith(("00.md", "20.md"))} == {3}
    articles = [q for q in queries.captured_queries if 'FROM "articles_article"' in q["sql"]]
    # The imported texts once, then the articles for every WINDOW + 1 files.
    assert len(articles) <= 1 + -(-FILES // (parse_ahead.WINDOW + 1)), [q["sql"][:80] for q in articles]


class _Importer:
    def __init__(self):
        self.catalogue = Catalogue(names={"flask": "Flask"})

    def expect(self, text):
        return False

    def parse(self, text, path):
        return parse_article(text, self.catalogue, path=path)


class _BrokenPool:
    def submit(self, *args):
        future = Future()
        future.set_exception(BrokenProcessPool("the worker died"))
        return future

    def shutdown(self, **kwargs):
        pass


def test_a_worker_that_dies_leaves_the_parsing_to_the_importer(monkeypatch):
    importer = _Importer()
    ahead = ParseAhead(importer, files=100)
    monkeypatch.setattr(ahead, "pool", _BrokenPool())
    monkeypatch.setattr(ahead, "catalogue", importer.catalogue)
    ahead.submit(0, "a.md", GOOD.encode())
    parsed = ahead.parser(0)(GOOD, "a.md")
    assert parsed.title == "A good article" and parsed.claims
    assert not ahead.enabled and ahead.pool is None
    ahead.submit(1, "b.md", GOOD.encode())
    assert ahead.parser(1) is None  # the importer parses the rest itself


def test_a_new_catalogue_starts_the_worker_again_and_what_it_parsed_is_parsed_again(monkeypatch):
    importer = _Importer()
    with ParseAhead(importer, files=100) as ahead:
        ahead.submit(0, "a.md", GOOD.encode())
        first_pool = ahead.pool
        importer.catalogue = Catalogue(names={"flask": "Flask", "zephyrweb": "Zephyrweb"})
        parse = ahead.parser(0)
        monkeypatch.setattr(importer, "parse", lambda text, path: (importer.catalogue, path))
        assert parse(GOOD, "a.md") == (importer.catalogue, "a.md")  # not the worker's result
        ahead.submit(1, "b.md", GOOD.encode())
        assert ahead.pool is not first_pool and ahead.catalogue == importer.catalogue
        monkeypatch.undo()
        assert ahead.parser(1)(GOOD, "b.md").title == "A good article"


def test_a_short_import_starts_no_worker():
    ahead = ParseAhead(_Importer(), files=parse_ahead.MIN_FILES - 1)
    ahead.submit(0, "a.md", GOOD.encode())
    assert ahead.pool is None and ahead.parser(0) is None
