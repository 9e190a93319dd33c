"""Claim titles, and the split of a bullet into title and text."""

from __future__ import annotations

import re

from articles.parsing.blocks import Inline, squash
from articles.parsing.text import MAX_CLAIM_TITLE
from articles.parsing.vocabulary import TITLE_BREAKS, TITLE_CONTINUES, TITLE_DANGLING, TITLE_OPENS

_SPACELESS = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_OPENS = frozenset(TITLE_OPENS)
_DANGLING = frozenset(TITLE_DANGLING)
_CONTINUES = frozenset(TITLE_CONTINUES)
# Where a sentence's first clause may end: punctuation, a dash between spaces, or a word that
# opens a condition, a reason or a list of examples ("... disappears | if endpoints block").
_LABEL = re.compile(r"\s?[(（:：]|\s?[—–]|\s-\s")  # what a phrase's explanation follows
_BREAK = re.compile(
    r"[,;:(—–]|\s-\s|\.\s|[，；：（。、]|\s(?:"
    + "|".join(re.escape(w) for w in sorted(TITLE_BREAKS, key=len, reverse=True))
    + r")(?=\s)",
    re.I,
)

_TITLE_FILLER = {
    "the",
    "a",
    "an",
    "as",
    "many",
    "some",
    "its",
    "it",
    "this",
    "is",
    "for",
    "of",
    "and",
    "to",
    "very",
    "more",
}


def short_title(text: str, limit: int = 60) -> str:
    """The opening words an untitled claim is known by: its first clause with some substance, cut
    at `limit`. A claim's key is made from it, so it never changes; what a reader sees as the
    title is `shown_title`'s."""
    text = text.strip()[: limit * 4]  # the title is short: never scan a whole long bullet
    clause = text
    for match in re.finditer(r"[,.;:—–(]|\s-\s", text):
        candidate = text[: match.start()].strip()
        if sum(1 for w in candidate.lower().split() if w not in _TITLE_FILLER) >= 2:
            clause = candidate
            break
    if len(clause) > limit:
        clause = clause[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return clause.rstrip(" .,;:") or text[:limit]


def shown_title(title: str, text: str) -> str:
    """The title a reader sees. The article's own title stays. One that only repeats the opening
    words of the text (the importer's, or a bold line that is the whole text) becomes what comes
    before an explanation ("Built-in ORM (Object-Relational Mapper)"), else the text itself when
    that is a few words ("No HTML, CSS or JavaScript required"), else the first clause when it
    stands alone ("Extremely scalable", "The speed advantage disappears"), else nothing: the
    text says it, once."""
    if not repeats(title, text):
        return title
    body = text.strip().rstrip(" .;:!。；：")
    labelled = _LABEL.search(body[:200])  # "No async support (requires extensions)", "上传模型：..."
    if labelled and _stands_alone(body[: labelled.start()].strip(" .,"), labelled.group(0).strip(), ""):
        return _capitalised(body[: labelled.start()].strip(" .,"))
    return _capitalised(body if _few_words(body) else first_clause(body))


def _capitalised(title: str) -> str:
    """ "it has fewer integrations" (after an ADR's "Good, because") reads as a title with a
    capital; "iOS" and "eBook" keep theirs."""
    if len(title) > 1 and title[0].islower() and title[1].islower():
        return title[0].upper() + title[1:]
    return title


def repeats(title: str, text: str) -> bool:
    """Whether a title is only the opening words of its text ("Async endpoints handled the…")."""
    opening = title.rstrip("….: ").strip().casefold()
    return not opening or text.strip().casefold().startswith(opening)


def first_clause(text: str) -> str:
    """The opening clause of a sentence when it stands alone as a title, else ""."""
    for match in _BREAK.finditer(text[:200]):
        clause = text[: match.start()].strip(" ,;:.")
        if len(clause) > 60:
            break
        if _stands_alone(clause, match.group(0).strip(), text[match.end() :]):
            return clause
    return ""


def _few_words(text: str) -> bool:
    if _SPACELESS.search(text) and " " not in text:
        return len(text) <= 12
    return len(text) <= 50 and len(text.split()) <= 6


def _stands_alone(clause: str, mark: str, rest: str) -> bool:
    """A clause is a title when it has substance, does not lean on what follows ("Since it is
    small", "Large ecosystem of"), and is not the first of a list of adjectives ("Clear,
    structured paths", "flexible, on-the-go learning")."""
    if _SPACELESS.search(clause) and " " not in clause:
        return 2 <= len(clause) <= 16
    words = clause.casefold().split()
    if not words or len(words) > 10:
        return False
    substance = [w for w in words if w not in _TITLE_FILLER]
    if len(substance) < (1 if mark in ("(", ":", "—", "–", "-") else 2):
        return False
    if words[0].strip("\"'“”«") in _OPENS or words[-1] in _DANGLING:
        return False
    if mark == ",":
        return _comma_ends_clause(words, rest)
    return True


def _comma_ends_clause(words: list[str], rest: str) -> bool:
    """Whether a comma ends the clause before it: what follows opens a clause of its own
    ("Extremely scalable, powering ..."), the sentence goes on at length after a clause of some
    length, or the text is a list ("Mature ecosystem, strong security, clear structure"). A comma
    between two adjectives does not ("Offers clear, opinionated defaults")."""
    following = rest.split()
    if following and following[0].casefold().strip("\"'“”«") in _CONTINUES:
        return True
    if len(words) >= 3 and len(following) >= 6:
        return True
    return rest.count(",") >= 1 and all(len(item.split()) <= 4 for item in rest.split(","))


def short_items(text: str) -> list[str]:
    """ "lightweight, flexible, huge ecosystem." is three claims; a sentence with commas is one."""
    items = [item.strip(" .;") for item in re.split(r"[,;]\s*|\s+and\s+", text.rstrip("."))]
    items = [item for item in items if item]
    if len(items) >= 2 and all(len(item.split()) <= 4 for item in items):
        return items
    return [text]


def split_title(inline: Inline) -> tuple[str, str]:
    """`**Title**: text`, `**Title** – text`, `**Title.** text`, bold-only, or plain text."""
    bold = _bold_title(inline)
    if bold:
        return bold
    full = inline.text
    match = re.match(r"^((?:[^:：.]|\.(?=\S)){2,60})[:：]\s+(.+)$", full)  # "Title: text", "ASP.NET: text"
    if match and len(match.group(1).split()) <= 6:
        return match.group(1).strip(), match.group(2).strip()
    match = re.match(r"^(.{2,60}?)\s+[–—]\s+(.+)$", full)  # "Title – text"
    if match and len(match.group(1).split()) <= 6:
        return match.group(1).strip(), match.group(2).strip()
    return short_title(full)[:MAX_CLAIM_TITLE], full


def _bold_title(inline: Inline) -> tuple[str, str] | None:
    """The bold words a bullet opens with as its title, and the rest (or the title again)."""
    runs = [run for run in inline.runs if run.text.strip() or run.bold]
    if not (runs and runs[0].bold):
        return None
    title_parts = []
    for run in runs:
        if not run.bold:
            break
        title_parts.append(run.text)
    full = inline.text
    title = squash("".join(title_parts))
    rest = full[len(title) :] if full.startswith(title) else full
    title = title.rstrip(" :：.-–—")
    rest = re.sub(r"^[\s:：.\-–—]+", "", rest).strip()
    if not title:
        return None
    return title[:MAX_CLAIM_TITLE], rest or title
