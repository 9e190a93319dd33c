"""Golden files: the parser's whole result on every sample and seed, kept in tests/golden/.

A claim's key is its identity across re-imports: a change that moves one title would withdraw
a claim in production. These files make every change in what the parser reads visible in the
diff. After a deliberate change, rewrite them with `UPDATE_GOLDEN=1 pytest tests/test_parsing_golden.py`
and review the diff like code.
"""

import hashlib
import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from articles.parsing import Catalogue, decode, parse_article

FIXTURES = settings.BASE_DIR / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
INPUTS = sorted(
    [
        *(FIXTURES / "articles").iterdir(),
        *(Path(__file__).parent / "samples").glob("[!.]*"),
        *((settings.BASE_DIR.parent / "shared" / "seeds").glob("*")),
    ]
)


def fixture_catalogue() -> Catalogue:
    """The catalogue `make run` loads, read straight from the fixtures (no database)."""
    return Catalogue.from_fixtures(
        [row for path in sorted(FIXTURES.glob("*.json")) for row in json.loads(path.read_text())]
    )


def snapshot(path: Path, catalogue: Catalogue) -> dict:
    article = parse_article(decode(path.read_bytes()), catalogue)
    # The seeds belong to their authors: their words appear here only as digests (a claim's key
    # already stands for its title).
    ours = settings.BASE_DIR in path.parents
    quote = (lambda text: text) if ours else (lambda text: hashlib.sha256(text.encode()).hexdigest()[:12])
    return {
        "title": quote(article.title),
        "slug": article.slug if ours else quote(article.slug),
        "published": article.published.isoformat() if article.published else None,
        "authors": article.authors,
        "canonical_url": article.canonical_url,
        "frameworks": [
            {
                "name": f.name,
                "known": f.known,
                "resource": f.resource,
                "aliases": f.aliases,
                "website": f.website,
            }
            for f in article.frameworks
        ],
        "claims": [
            {
                "framework": c.framework,
                "kind": c.kind,
                "title": quote(c.title),
                "topic": c.topic,
                "line": c.line,
                "key": c.key,
            }
            for c in article.claims
        ],
        "warnings": [quote(w) for w in article.warnings],
    }


@pytest.fixture(scope="module")
def catalogue():
    return fixture_catalogue()


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_parsed_result_matches_golden_file(path, catalogue):
    golden = GOLDEN / f"{path.name}.json"
    got = snapshot(path, catalogue)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file for {path.name}: run with UPDATE_GOLDEN=1 and review it"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_every_golden_file_has_its_input():
    names = {f"{p.name}.json" for p in INPUTS}
    assert {p.name for p in GOLDEN.iterdir()} <= names
