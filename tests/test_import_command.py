"""`manage.py import_articles`: reports, exit status, transactions and editor safety."""

import json
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Claim, ClaimStatus, Source
from frameworks.models import Framework

GOOD = """---
title: A good article
date: 2025-01-15
source: Good Source
---

## Flask

**Pros**

- **Tiny core**: add only what you need.
- **Easy to learn**: a hello world fits on one screen.

**Cons**

- **Async**: synchronous by default.
"""


def run(*args, **options):
    """Run the command; return (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *[str(a) for a in args], stdout=out, stderr=err, **options)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


def run_json(*args, **options):
    status, out, _err = run(*args, format="json", **options)
    return status, json.loads(out)


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.md"
    path.write_text(GOOD)
    return path


def test_imports_a_good_file(catalogue, good):
    status, report = run_json(good)
    assert status == 0
    assert report["totals"] == {"created": 1, "updated": 0, "unchanged": 0, "failed": 0}
    file = report["files"][0]
    assert file["slug"] == "a-good-article" and file["claims_created"] == 3
    article = Article.objects.get()
    assert article.source.name == "Good Source"
    assert article.original_text == GOOD
    assert Claim.objects.filter(framework__slug="flask").count() == 3


def test_same_file_again_is_unchanged_and_touches_nothing(catalogue, good):
    run(good)
    stamps = list(Claim.objects.values_list("pk", "updated_at"))
    article_stamp = Article.objects.get().updated_at
    with CaptureQueriesContext(connection) as queries:
        _status, report = run_json(good)
    assert report["files"][0]["status"] == "unchanged"
    assert report["files"][0]["claims_unchanged"] == 3
    # Known by its text before parsing: the run reads which texts are imported (once, like the
    # catalogue), then one query for the file.
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "articles_article"' in q for q in sql) == 2
    assert not any('FROM "articles_claim"' in q for q in sql)
    assert list(Claim.objects.values_list("pk", "updated_at")) == stamps
    assert Article.objects.get().updated_at == article_stamp


def test_changed_file_updates_adds_and_withdraws(catalogue, good):
    run(good)
    good.write_text(
        GOOD.replace("a hello world fits on one screen", "hello world fits in five lines").replace(
            "- **Async**: synchronous by default.\n", "- **Structure**: you design it yourself.\n"
        )
    )
    _status, report = run_json(good)
    file = report["files"][0]
    assert (file["status"], file["claims_created"], file["claims_updated"], file["claims_withdrawn"]) == (
        "updated", 1, 1, 1,
    )  # fmt: skip
    assert Claim.objects.get(title="Async").withdrawn
    assert Claim.objects.public().filter(title="Async").count() == 0
    assert Claim.objects.get(title="Easy to learn").text == "hello world fits in five lines."


def test_editor_version_survives_reimport_and_conflict_is_reported(catalogue, good):
    run(good)
    claim = Claim.objects.get(title="Tiny core")
    claim.text, claim.edited = "An editor's better wording.", True
    claim.save()
    verified = Claim.objects.get(title="Async")
    verified.status = ClaimStatus.VERIFIED
    verified.save()
    good.write_text(
        GOOD.replace("add only what you need", "add what you need later").replace(
            "- **Async**: synchronous by default.\n", ""
        )
    )
    _status, report = run_json(good)
    conflicts = report["files"][0]["conflicts"]
    assert any("Tiny core" in c for c in conflicts)
    assert any("Async" in c for c in conflicts)
    claim.refresh_from_db()
    verified.refresh_from_db()
    assert claim.text == "An editor's better wording."
    assert claim.imported_text == "add what you need later."
    assert not verified.withdrawn and verified.status == ClaimStatus.VERIFIED


def test_dry_run_writes_nothing_but_reports(catalogue, good):
    status, report = run_json(good, dry_run=True)
    assert status == 0 and report["dry_run"] is True
    assert report["files"][0]["status"] == "created" and report["files"][0]["claims_created"] == 3
    assert not Article.objects.exists() and not Source.objects.filter(name="Good Source").exists()


def test_dry_run_of_several_files_from_a_new_source(catalogue, tmp_path):
    # The first file's new source is rolled back; the second must look for it again, not reuse it.
    for n in range(2):
        (tmp_path / f"{n}.md").write_text(GOOD.replace("A good article", f"Article {n}"))
    with CaptureQueriesContext(connection) as queries:
        status, report = run_json(tmp_path, dry_run=True)
    assert status == 0 and report["totals"]["created"] == 2
    assert not Source.objects.filter(name="Good Source").exists()
    inserts = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "articles_source"')
    ]
    assert len(inserts) == 2


def test_a_run_reads_each_source_once_and_new_articles_skip_the_claims_lookup(catalogue, tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.md").write_text(GOOD.replace("A good article", f"Article {n}"))
    run(tmp_path / "0.md")  # the source exists from now on
    with CaptureQueriesContext(connection) as queries:
        status, _out, _err = run(tmp_path / "1.md", tmp_path / "2.md")
    assert status == 0
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "articles_source"' in q for q in sql) == 1
    assert not any('FROM "articles_claim"' in q and q.startswith("SELECT") for q in sql)
    # Which texts are imported, once per run; then one lookup per new file, inside its
    # transaction: every article it may be (by text, URL, path or slug).
    assert sum(q.startswith("SELECT") and 'FROM "articles_article"' in q for q in sql) == 1 + 2


def test_a_forced_import_of_one_file_does_not_read_every_imported_text(catalogue):
    # The admin's re-import: one file, parsed whatever its text.
    from articles.importing import Importer

    Importer().import_bytes("good.md", GOOD.encode())
    with CaptureQueriesContext(connection) as queries:
        report = Importer().import_bytes("good.md", GOOD.encode(), force=True)
    assert report.status == "updated"
    hashes = 'SELECT "articles_article"."content_hash" FROM'
    assert not any(q["sql"].startswith(hashes) for q in queries.captured_queries)


def test_unknown_framework_is_created_for_review(catalogue, tmp_path):
    path = tmp_path / "new.md"
    path.write_text(
        "---\ntitle: New kid\n---\n## 1. Zephyrweb\n\nPros:\n- Fast\n\n## 2. Flask\n\nPros:\n- Small\n"
    )
    _status, report = run_json(path)
    assert report["files"][0]["frameworks_created"] == ["Zephyrweb"]
    framework = Framework.objects.get(name="Zephyrweb")
    assert framework.needs_review and framework.slug == "zephyrweb"


def test_source_and_affiliation_flags(catalogue, good, tmp_path):
    plain = tmp_path / "plain.md"
    plain.write_text(GOOD.replace("source: Good Source\n", "").replace("A good article", "Another"))
    run(plain, source="Vendor Blog", affiliated_with="flask")
    source = Source.objects.get(name="Vendor Blog")
    assert source.affiliation.slug == "flask"
    run(good, source="vendor blog", affiliated_with="flask")
    assert Article.objects.get(slug="a-good-article").source.name == "Good Source"  # front matter wins


def test_slug_collision_with_another_article_is_disambiguated(catalogue, good, tmp_path):
    run(good)
    other = tmp_path / "other.md"
    other.write_text(GOOD.replace("Good Source", "Other Source").replace("Tiny core", "Small core"))
    _status, report = run_json(other)
    assert report["files"][0]["slug"] == "a-good-article-2"
    assert any("taken by another article" in w for w in report["files"][0]["warnings"])
    assert Article.objects.get(slug="a-good-article").source.name == "Good Source"


def test_directories_are_walked_for_article_extensions(catalogue, tmp_path):
    (tmp_path / "nested").mkdir()
    for name in ("a.md", "b.markdown", "nested/c.mdx", "nested/d.txt", "e.rst", ".hidden.md"):
        (tmp_path / name).write_text(f"---\ntitle: File {name}\n---\nBody\n")
    _status, report = run_json(tmp_path)
    assert sorted(f["path"].removeprefix(str(tmp_path) + "/") for f in report["files"]) == [
        "a.md", "b.markdown", "nested/c.mdx", "nested/d.txt",
    ]  # fmt: skip
    _status, report = run_json(tmp_path / "e.rst")  # named explicitly: taken whatever its extension
    assert report["files"][0]["status"] == "created"


def test_symlinks_leading_out_of_the_tree_are_refused_and_loops_walked_once(catalogue, tmp_path, good):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "inside.md").write_text("---\ntitle: Inside\n---\nBody\n")
    os.symlink(good, tree / "escape.md")
    os.symlink(tree, tree / "loop")
    status, report = run_json(tree)
    assert status == 1
    by_path = {f["path"].removeprefix(str(tree) + "/"): f for f in report["files"]}
    assert by_path["escape.md"]["status"] == "failed" and "outside" in by_path["escape.md"]["error"]
    assert by_path["inside.md"]["status"] == "created"
    assert not Article.objects.filter(title="A good article").exists()
    _status, _out, err = run(tree)
    assert "escape.md" in err and "outside" in err  # named in the human report too


BAD_FILES = {
    "empty.md": (b"", "empty"),
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte"),
    "latin1.md": ("---\ntitle: Caf\xe9\n---\nx".encode("latin-1"), "invalid UTF-8 at byte offset"),
    "unclosed.md": (b"---\ntitle: Never closed\n\n## Flask\n", "never closed"),
    "badyaml.md": (b"---\ntitle: [oops\n---\nx", "line 2"),
    "python-tag.md": (b"---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\nx", "!!python"),
    "bomb.md": (b"---\na: &a [1, 2]\nb: [*a, *a]\n---\nx", "anchors"),
    "list-title.md": (b"---\ntitle: [a, b]\n---\nx", "'title' must be text"),
    "long-title.md": (b"---\ntitle: " + b"x" * 301 + b"\n---\nx", "limit is 300"),
    "long-slug.md": (b"---\ntitle: T\nslug: " + b"y" * 201 + b"\n---\nx", "limit is 200"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_fails_clearly_and_writes_nothing_while_good_files_import(catalogue, tmp_path, good, name):
    data, message = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    status, _out, err = run(tmp_path)
    assert status == 1
    line = next(line for line in err.splitlines() if name in line)
    assert message in line and str(bad) in line
    assert Article.objects.filter(source_path=str(good)).exists()
    assert not Article.objects.filter(source_path=str(bad)).exists()
    assert Article.objects.count() == 1
    assert not (tmp_path / "pwned").exists()


def test_an_unreadable_date_imports_with_a_warning_naming_the_field(catalogue, tmp_path):
    path = tmp_path / "bad-date.md"
    path.write_text("---\ntitle: T\ndate: the other day\n---\n## Flask\n\nPros:\n- Small\n")
    status, report = run_json(path)
    assert status == 0 and report["files"][0]["status"] == "created"
    assert any("'date'" in w and "the other day" in w for w in report["files"][0]["warnings"])
    assert Article.objects.get().published is None


def test_oversize_file_is_refused_with_the_limit_named(catalogue, tmp_path, good):
    big = tmp_path / "big.md"
    big.write_text("---\ntitle: Big\n---\n" + "word " * 1000)
    status, report = run_json(tmp_path, max_bytes=2000)
    failed = next(f for f in report["files"] if f["path"].endswith("big.md"))
    assert status == 1 and "limit is 2,000" in failed["error"]
    assert Article.objects.count() == 1


def test_crash_mid_file_leaves_no_rows(catalogue, good, monkeypatch):
    from articles import importing

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importing.Claim.objects, "bulk_create", explode)
    status, report = run_json(good)
    assert status == 1 and "disk on fire" in report["files"][0]["error"]
    assert not Article.objects.exists() and not Source.objects.filter(name="Good Source").exists()


def test_nothing_is_reported_imported_before_it_is_on_the_database_disk(catalogue, good, monkeypatch):
    from articles.management.commands import import_articles

    waited = []
    monkeypatch.setattr(import_articles, "wait_for_the_disk", lambda: waited.append(Article.objects.count()))
    assert run_json(good)[0] == 0 and waited == [1]  # after the files, before the report

    def stopped():
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(import_articles, "wait_for_the_disk", stopped)
    good.write_text(GOOD.replace("Tiny core", "Small core"))
    out = StringIO()
    with pytest.raises(
        CommandError, match="did not confirm that the last files imported are on its disk"
    ) as error:
        call_command("import_articles", str(good), format="json", stdout=out)
    assert "shutting down" in str(error.value) and "import the folder again" in str(error.value)
    assert out.getvalue() == ""  # no report of files that may be lost


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's write-ahead log")
def test_wait_for_the_disk_commits_a_transaction_that_waits_for_the_log(catalogue):
    from articles.importing import wait_for_the_disk

    statements = []

    def seen(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(seen):
        wait_for_the_disk()
    statements = [sql for sql in statements if "SAVEPOINT" not in sql]  # the test's transaction
    assert statements[0] == "SET LOCAL synchronous_commit = on"
    assert "pg_logical_emit_message(true" in statements[1]  # transactional: its commit writes to the log


@pytest.mark.parametrize(
    ("args", "options", "message"),
    [
        (["/no/such/path"], {}, "no such file"),
        (["."], {"affiliated_with": "flask"}, "needs --source"),
        (["."], {"source": "X", "affiliated_with": "no-such-framework"}, "no framework"),
        (["."], {"max_bytes": 0}, "--max-bytes"),
    ],
)
def test_bad_usage_exits_2(catalogue, args, options, message):
    with pytest.raises(CommandError, match=message) as error:
        call_command("import_articles", *args, **options)
    assert error.value.returncode == 2


def test_human_report_names_files_and_totals(catalogue, good):
    _status, out, _err = run(good)
    assert (
        "created" in out and "a-good-article" in out and "1 created, 0 updated, 0 unchanged, 0 failed" in out
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16.md", GOOD.encode("utf-16")),
        ("crlf-bom.md", b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()),
        ("lone-cr.md", GOOD.replace("\n", "\r").encode()),
    ],
)
def test_other_encodings_and_line_endings_are_accepted(catalogue, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    status, report = run_json(path)
    assert status == 0 and report["files"][0]["claims_created"] == 3


def test_a_five_megabyte_single_line_is_refused_by_default_and_bounded_when_allowed(catalogue, tmp_path):
    path = tmp_path / "one-line.md"
    path.write_bytes(b"# Title\n" + b"word " * 1_000_000)
    status, report = run_json(path)
    assert status == 1 and "limit is" in report["files"][0]["error"]
    status, report = run_json(path, max_bytes=6_000_000)
    assert status == 0 and report["files"][0]["status"] == "created"


def test_reimport_without_a_source_keeps_the_articles_source(catalogue, good):
    plain = GOOD.replace("source: Good Source\n", "")
    good.write_text(plain)
    run(good, source="Vendor Blog", affiliated_with="flask")
    article = Article.objects.get()
    from articles.importing import Importer

    report = Importer().import_bytes(str(good), article.original_text.encode(), force=True)
    assert report.status == "updated"
    article.refresh_from_db()
    assert article.source.name == "Vendor Blog" and article.source.affiliation.slug == "flask"
    assert Source.objects.count() == Source.objects.filter(articles__isnull=False).distinct().count()


def test_a_changed_file_finds_its_article_by_path_url_or_slug_and_title(catalogue, good, tmp_path):
    run(good)
    article = Article.objects.get()
    moved = tmp_path / "moved" / "renamed.md"  # same source, slug and title, the old file gone
    moved.parent.mkdir()
    moved.write_text(GOOD.replace("Tiny core", "Small core"))
    good.unlink()
    assert run_json(moved)[1]["files"][0]["status"] == "updated"
    with_url = GOOD.replace("source: Good Source\n", "source: Good Source\nurl: https://example.com/a\n")
    moved.write_text(with_url)  # same path again
    assert run_json(moved)[1]["files"][0]["status"] == "updated"
    elsewhere = tmp_path / "mirror.md"  # another path and title, the same canonical URL
    elsewhere.write_text(with_url.replace("A good article", "A good article, revised"))
    assert run_json(elsewhere)[1]["files"][0]["status"] == "updated"
    assert list(Article.objects.values_list("pk", "title")) == [(article.pk, "A good article, revised")]


def test_two_files_with_the_same_title_from_one_source_are_two_articles(catalogue, tmp_path):
    """ "Introduction" in every folder of a docs site: a title is not who an article is."""
    for folder in ("flask", "django"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.md").write_text(GOOD.replace("Tiny core", f"Tiny {folder} core"))
    status, report = run_json(tmp_path)
    assert status == 0 and [f["status"] for f in report["files"]] == ["created", "created"]
    assert Article.objects.count() == 2 and not Claim.objects.filter(withdrawn=True).exists()


def test_different_articles_whose_titles_make_the_same_slug_are_both_kept(catalogue, tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("---\ntitle: 框架比较\nsource: CN blog\n---\n## Flask\n\nPros:\n- 轻量级的核心\n")
    second.write_text("---\ntitle: 选择框架\nsource: CN blog\n---\n## Django\n\nPros:\n- 自带管理后台\n")
    run(first)
    run(second)
    assert Article.objects.count() == 2
    assert sorted(Article.objects.values_list("title", flat=True)) == ["框架比较", "选择框架"]
    assert not Claim.objects.filter(withdrawn=True).exists()


def test_an_import_makes_an_open_editor_form_stale(catalogue, good):
    run(good)
    claim = Claim.objects.get(title="Tiny core")
    opened_at = claim.version
    good.write_text(GOOD.replace("add only what you need", "add what you need later"))
    run(good)
    claim.refresh_from_db()
    assert claim.version == opened_at + 1


def test_each_article_records_its_language(catalogue, tmp_path):
    (tmp_path / "it.md").write_text(
        "---\ntitle: Perché Flask\n---\n## Flask\n\nVantaggi:\n\n- Un nucleo piccolo che si estende con "
        "le librerie che servono davvero al progetto\n- Si impara in un pomeriggio anche senza esperienza\n"
    )
    (tmp_path / "pt.md").write_text("---\ntitle: Flask\nlang: pt-BR\n---\n## Flask\n\nVantagens:\n\n- Leve\n")
    run_json(tmp_path)
    assert dict(Article.objects.values_list("title", "language")) == {"Perché Flask": "it", "Flask": "pt"}


def test_a_database_without_the_site_s_tables_is_a_clear_error(db, good, monkeypatch):
    """Before any file is read: `migrate` never ran, so there is no catalogue to match against."""
    from articles import importing

    def no_tables():
        raise OperationalError("no such table: frameworks_framework")

    monkeypatch.setattr(importing, "read_catalogue", no_tables)
    with pytest.raises(CommandError, match=r"no such table.*has `manage.py migrate` been run\?"):
        call_command("import_articles", str(good), stdout=StringIO())
