"""One folder of hostile files between good ones: the good ones import, each bad one is named
with a clear error, nothing of another source changes, and every public page still answers."""

import pytest

from articles.models import Article, Claim
from frameworks.models import Framework
from tests.crawl import crawl
from tests.test_import_command import run_json

GOOD = "---\ntitle: Good {n}\nsource: Good blog\n---\n\n## Flask\n\nPros:\n\n- Small core number {n}\n"
ORIGINAL = (
    "---\ntitle: The original\nsource: First blog\ncanonical_url: https://first.example/post\n---\n\n"
    "## Django\n\nPros:\n\n- Admin for free\n"
)
HOSTILE = {
    "toml-huge-integer.md": ("+++\ntitle = 'Big'\nn = " + "9" * 5000 + "\n+++\n# Big\n", "TOML"),
    "toml-deep-arrays.md": (
        "+++\ntitle = 'Deep'\nn = " + "[" * 3000 + "]" * 3000 + "\n+++\n",
        "nested too deeply",
    ),
    "yaml-deep-lists.md": (
        "---\ntitle: Deep\nn: " + "[" * 3000 + "]" * 3000 + "\n---\n",
        "nested too deeply",
    ),
    "too-many-lines.md": ("# Many\n\n" + "- a\n" * 30_000, "at most 20,000"),
    "markup-only.md": ("# Markup\n\n" + "![![a](x\n" * 19_000, "punctuation"),
}
SOFT = {  # import, with a warning
    "bad-url.md": "---\ntitle: Bad URL\ncanonical_url: 'https://[::1/post'\n---\n\n## Flask\n\nCons:\n\n- Sync\n",
    "chinese.md": "---\ntitle: 框架\n---\n\n## 框架\n\nPros:\n\n- 快速\n",
    "arabic.md": "---\ntitle: إطار\n---\n\n## إطار\n\nPros:\n\n- سريع\n",
    "emoji.md": "---\ntitle: 🚀🔥\n---\n\n## 🚀🔥\n\nPros:\n\n- fast\n\n## ‽¿¡\n\nPros:\n\n- slow\n",
    "long-line.md": "# Long\n\n## Flask\n\nPros:\n\n- " + "a " * 40_000 + "\n- Short\n",
    "takeover.md": ORIGINAL.replace("First blog", "Second blog").replace("The original", "Taken over"),
}


@pytest.fixture
def folder(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}-good.md").write_text(GOOD.format(n=n))
    for name, (text, _) in HOSTILE.items():
        (tmp_path / name).write_text(text)
    for name, text in SOFT.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_hostile_files_fail_alone_and_every_page_still_answers(catalogue, folder, client):
    (folder / "original.md").write_text(ORIGINAL)
    run_json(folder / "original.md")
    original = Article.objects.values("title", "source__name", "body").get()
    status, report = run_json(folder)
    assert status == 1
    files = {f["path"].rsplit("/", 1)[-1]: f for f in report["files"]}
    for name, (_, message) in HOSTILE.items():
        assert files[name]["status"] == "failed" and message in files[name]["error"], name
        assert name in files[name]["error"]  # the report names the file
    for name in [f"{n}-good.md" for n in range(3)] + list(SOFT):
        assert files[name]["status"] == "created", (name, files[name]["error"])
    # Another source's article at the same address is kept apart, never taken over.
    assert (
        Article.objects.filter(title="The original").values("title", "source__name", "body").get() == original
    )
    assert not Claim.objects.filter(article__title="The original", withdrawn=True).exists()
    assert any("kept both" in w for w in files["takeover.md"]["warnings"])
    assert any("not a web address" in w for w in files["bad-url.md"]["warnings"])
    # Names with no letter or digit are not frameworks; names in other scripts get URL slugs.
    assert not Framework.objects.filter(name__in=["🚀🔥", "‽¿¡"]).exists()
    assert all(f.slug.isascii() and f.slug for f in Framework.objects.all())
    answers = crawl(client)
    assert not {url: code for url, code in answers.items() if code >= 500}
    for framework in Framework.objects.all():
        assert client.get(framework.get_absolute_url()).status_code in (200, 404)
        assert client.get(f"/api/frameworks/{framework.slug}/").status_code == 200


NON_LATIN = """---
title: 框架比較：哪一個適合你？
source: 技術部落格
author: 王小明
---

## 闪电框架

### 優點

- 非常快
- 文件完整

### 缺點

- 社群很小

## إطار البرق

### المزايا

- سريع جدا

## 번개 프레임워크

### 장점

- 빠르다
"""


def test_an_article_whose_every_name_is_non_latin_breaks_no_page(catalogue, tmp_path, client):
    (tmp_path / "non-latin.md").write_text(NON_LATIN)
    status, report = run_json(tmp_path)
    assert status == 0, report
    created = Framework.objects.filter(needs_review=True)
    assert created.exists() and all(f.slug.isascii() for f in created)
    for public in (False, True):  # before and after an editor accepts the new frameworks
        created.update(needs_review=not public)
        answers = crawl(client)
        assert not {url: code for url, code in answers.items() if code >= 500}
        assert any("/articles/" in url and code == 200 for url, code in answers.items())
        for framework in Framework.objects.filter(needs_review=False, slug__in=created.values("slug")):
            assert client.get(framework.get_absolute_url()).status_code == 200
