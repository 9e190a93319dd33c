"""Each layout real articles use, in a sample of our own (tests/samples/): what a careful reader
would take from it. The golden files hold every detail; this says what matters."""

from collections import Counter
from pathlib import Path

import pytest

from articles.parsing import decode, parse_article
from tests.test_parsing_golden import fixture_catalogue

SAMPLES = Path(__file__).parent / "samples"

EXPECTED = {
    "adr-madr.md": {"Quart": {"pro": 2, "con": 1}, "Flask": {"pro": 1, "feature": 1, "con": 1}, "Gin": {"pro": 1, "con": 1}},
    "adr-nygard.md": {
        "Litestar": {"pro": 3, "con": 1, "feature": 1},
        "Django": {"pro": 2, "con": 1},
        "Express": {"pro": 1, "con": 1},
    },
    "single-framework-de.md": {"Falcon": {"pro": 3, "con": 2}},
    "bracket-labels-ko.md": {"Pyramid": {"pro": 2, "con": 2}},
    "intro-sentence-pros.md": {"Quart": {"pro": 3}},
    "label-lines-no-bullets.md": {"Bottle": {"pro": 3}},
    "bold-titles-tr.md": {"Masonite": {"pro": 2, "feature": 2}},
    "framework-items-ja.md": {"Djanog": {"feature": 2}, "Flask": {"feature": 2}, "Bottle": {"feature": 2}},
    "alternatives-but.md": {"Starlette": {"pro": 2, "con": 2}, "Django": {"pro": 1, "con": 1}, "Flask": {"pro": 1, "con": 1}},
    "tldr-and-subheadings-es.md": {"Flask": {"pro": 4, "con": 3}},
    "tables-zh-es.md": {
        "Django": {"feature": 1},
        "Tornado": {"feature": 1},
        "Bottle": {"feature": 1},
        "Flask": {"pro": 1, "con": 1},
        "Laravel": {"pro": 1, "con": 1},
    },
    "jbake-header.md": {"Sanic": {"feature": 2, "pro": 1, "con": 1}},
    "pelican-header.markdown": {"CherryPy": {"summary": 2}},
    "html-lists.md": {"Tornado": {"pro": 2, "con": 1}},
    "numbered-split-by-code.md": {"Sanic": {"con": 3}, "Starlette": {"feature": 2}},
    "shortcode-headings-id.md": {"NiceGUI": {"feature": 2}},
    "hardbreak-label-vi.md": {"Reflex": {"feature": 2}},
    "numbered-new-frameworks.md": {
        "Flask": {"feature": 1},
        "Alphaweb": {"feature": 2},
        "Betaweb": {"feature": 1},
        "Gammaweb": {"feature": 1},
    },
    "non-latin-everything.md": {"Django": {"pro": 2, "con": 1}},
    "definition-list-uk.md": {"Emmett": {"feature": 2, "pro": 1, "con": 1}},
    "details-summary-zh.md": {"Quart": {"pro": 2, "con": 1}},
    "mdx-tabs.mdx": {"Bottle": {"pro": 1}, "CherryPy": {"pro": 1, "con": 1}},
    "liquid-highlight-pt.md": {"Sanic": {"pro": 1, "con": 1}},
    "changelog-labels-ru.md": {"Flet": {"pro": 1, "con": 2}},
    "cue-labels.md": {"Masonite": {"pro": 2, "con": 2}},
    "madr-translated-pl.md": {"Panel": {"pro": 1, "con": 1}, "Streamlit": {"pro": 1, "feature": 1, "con": 1}},
    "opening-definition-vi.md": {"Sanic": {"pro": 3}},
    "label-bullets-id.md": {"Bottle": {"pro": 3, "con": 2}},
    "numbered-broken-fr.md": {"Falcon": {"pro": 2, "con": 3}},
    "emoji-tagline-headings.md": {"Litestar": {"feature": 4}, "Falcon": {"feature": 2}},
    "keycap-claims.md": {"Pyramid": {"pro": 2, "con": 2}},
    "reason-tables.md": {"Pyramid": {"pro": 3, "con": 2}},
    "adr-column-tables.md": {"Falcon": {"pro": 3, "con": 1}, "Bottle": {"pro": 2, "con": 1}},
    "name-lines-tables.md": {"Falcon": {"pro": 2, "con": 2}, "Bottle": {"pro": 1, "con": 1}, "Sanic": {"feature": 2}},
    "pros-vs-cons-bullets.md": {"Bottle": {"pro": 3, "con": 3}},
    "section-words-names.md": {"Django": {"feature": 2}, "Flask": {"feature": 2}, "FastAPI": {"summary": 1, "feature": 2}},
    "reasons-title.md": {"Bottle": {"pro": 3}},
    "admonition-tabs-de.md": {"Bottle": {"pro": 2, "con": 1}},
    "label-lines-plain.md": {"Bottle": {"pro": 3, "con": 2}},
    "running-labels-notes.md": {"Bottle": {"pro": 3, "con": 2}, "Falcon": {"pro": 1, "con": 1}},
    "sign-lists.md": {"Bottle": {"pro": 2, "con": 2}},
    "bold-lead-paragraphs.md": {"Bottle": {"pro": 3, "con": 2}},
    "good-points-ja.md": {"Bottle": {"pro": 2, "con": 1}},
    "option-letters-fr.md": {"Tkui": {"pro": 3, "con": 2}, "Pyglade": {"pro": 2, "con": 2}},
    "about-section-readme.md": {"NiceGUI": {"feature": 2}},
    "pair-headings-zh-de.md": {"Bottle": {"pro": 2, "con": 1}, "Falcon": {"pro": 2, "con": 2}, "Sanic": {"pro": 1}},
    "numbered-subheadings-pl.md": {"Django": {"pro": 2, "con": 1}, "Flask": {"pro": 1, "con": 1}, "Bottle": {"pro": 1}},
    "nested-label-bullets-pt.md": {"Flask": {"pro": 2, "con": 1}, "Tornado": {"pro": 1, "con": 2}},
    "check-cross-bullets-it.md": {"Bottle": {"pro": 1, "con": 1}, "Falcon": {"pro": 1, "con": 2}, "Quart": {"pro": 1, "con": 1}},
    "negated-questions-fr-de.md": {"Bottle": {"pro": 2, "con": 1}, "Falcon": {"con": 2}},
    "signed-definitions-readme.md": {"Bottle": {"pro": 1, "con": 1}, "Falcon": {"pro": 2, "con": 1}, "Sanic": {"feature": 1},
                                     "Picoweb": {"pro": 1, "con": 1}, "Quart": {"pro": 1}},
    "semicolon-cells-tr.md": {"Bottle": {"pro": 2, "con": 1}, "Falcon": {"pro": 1, "con": 2}, "Sanic": {"pro": 1, "con": 1}},
    "inline-labels-ru-en.md": {"Bottle": {"pro": 2, "con": 1}, "Falcon": {"pro": 1, "con": 2}, "Sanic": {"pro": 2, "con": 1}},
    "cjk-plain-lists-ja-zh.md": {"Bottle": {"pro": 2, "con": 1}, "Falcon": {"pro": 2, "con": 1}},
    "short-labels-it.md": {"Bottle": {"pro": 2, "con": 1}, "Falcon": {"pro": 1, "con": 1}},
    "joined-label-lines-pl.md": {"Bottle": {"pro": 2, "con": 2}, "Falcon": {"pro": 1, "con": 1}},
    "prose-under-labels.md": {"Bottle": {"pro": 2, "con": 1}},
    "arrow-bullets.md": {"Bottle": {"pro": 2, "con": 1}},
}  # fmt: skip


@pytest.fixture(scope="module")
def catalogue():
    return fixture_catalogue()


def tally(article) -> dict:
    result: dict[str, Counter] = {}
    for claim in article.claims:
        result.setdefault(claim.framework, Counter())[str(claim.kind)] += 1
    return {name: dict(counts) for name, counts in result.items()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_layout_gives_what_a_reader_would_take_from_it(name, catalogue):
    path = SAMPLES / name
    article = parse_article(decode(path.read_bytes()), catalogue, path=str(path))
    assert tally(article) == EXPECTED[name]


def test_every_sample_has_its_expectation():
    assert {p.name for p in SAMPLES.iterdir()} == set(EXPECTED)
