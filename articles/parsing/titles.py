"""Claim titles, and the split of a bullet into title and text."""

from __future__ import annotations

import re

from articles.parsing.blocks import Inline, squash
from articles.parsing.text import MAX_CLAIM_TITLE

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
    """A title for a claim written without one: its first clause with some substance, kept short."""
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
