"""The framework a whole article is about, when it is about one.

Its labelled lists then belong to that framework even where no heading names it: an ADR's
chosen option, a post whose title names one framework ("Why Django?"), a page that opens by
saying what the framework is ("Flask is a lightweight web framework...", "**Django** là một
web framework...").
"""

from __future__ import annotations

import re

from articles.parsing.names import SCRIPT_CHANGE
from articles.parsing.vocabulary import is_section_title

_DECISION = re.compile(
    r"^\W*(decision|decision outcome|chosen option|our choice|verdict|decisión|décision|entscheidung|"
    r"decisione|decisão|decyzja|wynik decyzji|beslissing|решение|рішення|karar|keputusan|quyết định|"
    r"决定|決定|결정)",
    re.I,
)
_CHOSEN = re.compile(
    r"^\W*(chosen option|opción elegida|option choisie|gewählte option|opzione scelta|opção escolhida|"
    r"wybrana opcja|gekozen optie|выбранный вариант|обраний варіант|seçilen seçenek|选择的方案|選択した案)",
    re.I,
)
_WORDS = re.compile(r"[\w.+'’-]+")
OPENING_BLOCKS = 6  # a page says what it is about in its first few paragraphs


def article_subject(title: str, blocks: list, names) -> str | None:
    """The choice an ADR's "Decision" names ("Chosen option: **FastAPI**"), else the one
    framework its title names, else the one its opening paragraphs define, when no heading
    names another."""
    chosen = _decision(blocks, names)
    if chosen:
        return chosen
    mentioned = names.mentioned(title)
    if mentioned:
        return mentioned[0] if len(mentioned) == 1 else None
    return _defined(blocks, names)


def _decision(blocks: list, names) -> str | None:
    for index, block in enumerate(blocks):
        start = block.inline.text[:200] if block.inline else ""  # a label opens the line
        if block.kind == "heading" and _DECISION.match(start):
            chosen = _chosen(blocks[index + 1 : index + 4], names)
        elif block.kind == "paragraph" and _CHOSEN.match(start):
            chosen = names.mentioned(block.inline.text)
        else:
            continue
        if chosen:
            return chosen[0]
    return None


def _chosen(following: list, names) -> list[str]:
    """What the paragraphs under a "Decision" heading choose, bold names first ("Use **FastAPI**")."""
    for block in following:
        if block.kind == "heading":
            return []
        if block.inline is None:
            continue
        bold = " ".join(run.text for run in block.inline.runs if run.bold)
        chosen = names.mentioned(bold) or names.mentioned(block.inline.text)
        if chosen:
            return chosen
    return []


def _defined(blocks: list, names) -> str | None:
    """The framework an opening paragraph starts with ("Flask is a ..."), unless a heading
    names another framework: then the article compares, and each section says its own. The
    opening is what comes before the first heading that is not "Introduction" or "Overview"."""
    subject = next((name for b in _opening(blocks) if (name := opens_with(b.inline.text, names))), None)
    if subject is None:
        return None
    in_headings = {n for b in blocks if b.kind == "heading" for n in names.mentioned(b.inline.text)}
    return subject if in_headings <= {subject} else None


def _opening(blocks: list):
    for block in blocks[:OPENING_BLOCKS]:
        if block.kind == "heading" and block.inline.text and not is_section_title(block.inline.text):
            return
        if block.kind == "paragraph" and block.inline.text:
            yield block


def opens_with(text: str, names) -> str | None:
    """The known framework (not a library) whose name a text starts with."""
    words = _WORDS.findall(SCRIPT_CHANGE.sub(" ", text[:120]))[:3]
    if not words or not text.lstrip(" \"'“`*_").startswith(words[0]):
        return None
    for size in (3, 2, 1):
        found = names.known(" ".join(words[:size]).strip(".'’"))
        if found:
            return None if names.is_library(found) else found
    return None
