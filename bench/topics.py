"""How well the importer files claims under topics.

Two figures, with the catalogue `make run` loads (fixtures/, read without a database):
- the share of non-summary claims without a topic on the published seed articles
  (`../shared/seeds`) and our sample articles (`fixtures/articles`);
- given a labelled set, how often the importer's topic is the one an editor chose (no topic
  counts as an answer: a summary an editor left without one agrees with none).

    python bench/topics.py [LABELS.jsonl ...] [--seeds DIR] [--show-missing] [--show-disagreements]

A labelled set is JSON Lines, one claim a line, as the parser sees it:
    {"title": "...", "text": "...", "headings": ["## above it", "### nearest"], "kind": "pro",
     "subheadings": ["### nearest"], "topic": "performance" or null, "language": "es",
     "source": "where it came from"}
`headings` (every heading above the claim, outermost first), `subheadings` (those under its
label), `kind`, `language` and `source` are optional; `topic` is the editor's label (a topic
slug, or null for none). Keep real articles' claims out of the
repository: labelled sets of them live outside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.parsing import Catalogue, Kind, decode, parse_article  # noqa: E402
from articles.parsing.topics import TopicClassifier  # noqa: E402


def catalogue() -> Catalogue:
    paths = sorted((ROOT / "fixtures").glob("*.json"))
    return Catalogue.from_fixtures([row for path in paths for row in json.loads(path.read_text())])


def untopiced(paths: list[Path], known: Catalogue) -> tuple[int, list[tuple[str, object]]]:
    """Non-summary claims in these articles, and those without a topic."""
    total, missing = 0, []
    for path in paths:
        for claim in parse_article(decode(path.read_bytes()), known, path=str(path)).claims:
            if claim.kind == Kind.SUMMARY:
                continue
            total += 1
            if claim.topic is None:
                missing.append((path.name, claim))
    return total, missing


def agreement(rows: list[dict], classifier: TopicClassifier) -> list[tuple[dict, str | None]]:
    """Each labelled claim with the topic the importer gives it."""
    found = []
    for row in rows:
        kind = Kind(row["kind"]) if row.get("kind") else None
        headings, subheadings = tuple(row.get("headings", ())), tuple(row.get("subheadings", ()))
        topic = classifier.classify(row.get("title", ""), row.get("text", ""), headings, kind, subheadings)
        found.append((row, topic))
    return found


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", nargs="*", type=Path, help="labelled claims, JSON Lines")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--show-missing", action="store_true", help="list claims without a topic")
    parser.add_argument("--show-disagreements", action="store_true", help="list every disagreement")
    args = parser.parse_args()

    known = catalogue()
    groups = {
        "seeds": sorted(args.seeds.glob("*")),
        "samples": sorted((ROOT / "fixtures" / "articles").glob("*")),
    }
    totals = {name: untopiced(paths, known) for name, paths in groups.items()}
    whole = sum(total for total, _ in totals.values())
    none = sum(len(missing) for _, missing in totals.values())
    parts = ", ".join(f"{name} {share(len(missing), total)}" for name, (total, missing) in totals.items())
    print(f"non-summary claims without a topic: {parts}; together {share(none, whole)}")
    if args.show_missing:
        for _, missing in totals.values():
            for name, claim in missing:
                said = f"{claim.title!r} {claim.text[:90]!r}"
                print(f"  {name}:{claim.line} {claim.framework} {claim.kind}: {said}")

    classifier = TopicClassifier(known.topics, known.names)
    for path in args.labels:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        found = agreement(rows, classifier)
        agreed = [row for row, topic in found if topic == row.get("topic")]
        languages = Counter(row.get("language") or "?" for row in rows)
        by_language = Counter(row.get("language") or "?" for row in agreed)
        print(
            f"agreement with {path.name}: {share(len(agreed), len(rows))} over {len(languages)} languages "
            f"({', '.join(f'{lang} {by_language[lang]}/{n}' for lang, n in languages.most_common())})"
        )
        if args.show_disagreements:
            for row, topic in found:
                if topic != row.get("topic"):
                    where = f"{row.get('source', '')}:{row.get('line', '')}"
                    print(
                        f"  {where} label={row.get('topic')} got={topic} "
                        f"{row.get('title', '')[:50]!r} {row.get('text', '')[:80]!r}"
                    )


if __name__ == "__main__":
    main()
