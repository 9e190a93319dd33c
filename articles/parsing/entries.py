"""Where a framework entry starts: which sections are about one framework, which mark claims.

Classification runs in two passes so the order of sections never matters: the first reads what
each heading says on its own (a known name, a label, a section title, a possible new name), the
second decides with its siblings in view ("## 1. Flask / ## 2. Alphaweb / ## 3. Betaweb": the
unknown names numbered like a known framework are frameworks too, whichever comes first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.parsing.blocks import Inline
from articles.parsing.model import Kind
from articles.parsing.names import HeadingName, heading_name, looks_like_name
from articles.parsing.sections import Role, Section
from articles.parsing.text import name_key
from articles.parsing.vocabulary import is_section_title, label_cue, label_of

_VERSUS = re.compile(r"\b(vs\.?|versus)\b|\bor\b.*\?$|\bover\b", re.I)
_TODO = re.compile(r"^\W*todo\b", re.I)
# A heading that asks what a framework is, or why one would use it, introduces it.
_ABOUT = re.compile(
    r"\?|？|^\W*(what is|what's|why|about|introducing|meet|qu'est-ce que|¿?qué es|o que é|cos'è|was ist|"
    r"что такое|nedir|apa itu|là gì|什么是|とは)\b",
    re.I,
)


@dataclass
class Facts:
    """What a heading says on its own."""

    heading: HeadingName
    known: str | None  # the known framework it names
    mentioned: list[str]  # every known framework named anywhere in it
    label: Kind | None
    todo: bool
    versus: bool
    title: bool  # a section title: "Conclusion", "결론", "Use Cases"
    candidate: bool  # could be the name of a framework nobody told us about


def facts_for(section: Section, reader) -> Facts:
    heading = heading_name(section.inline or Inline([]))
    plain = heading.plain
    mentioned = reader.names.mentioned(plain)
    label = label_of(plain, reader.names.keys)
    if label is None and any(block.kind == "list" for block in section.blocks):
        label = label_cue(heading.name or plain)  # "What Masonite gets right" over a list
    versus = bool(_VERSUS.search(plain)) and len(mentioned) != 1
    return Facts(
        heading=heading,
        known=None if label else reader.names.in_heading(heading),
        mentioned=mentioned,
        label=label,
        todo=bool(_TODO.match(plain)),
        versus=versus,
        title=is_section_title(heading.name) or is_section_title(plain),
        candidate=_candidate(heading, mentioned, reader),
    )


def _candidate(heading: HeadingName, mentioned: list[str], reader) -> bool:
    """A name nobody told us about; not when the heading names a known framework outside it
    ("[2024.07] July: NiceGUI for tools" is about NiceGUI; "Django Ninja" is its own)."""
    if reader.names.known(heading.name) or not looks_like_name(heading.name, reader.topic_keys):
        return False
    inside = name_key(heading.name)
    return all(name_key(name) in inside for name in mentioned)


def classify(root: Section, reader) -> dict[int, Facts]:
    facts = {id(section): facts_for(section, reader) for section in root.walk()}
    _assign(root, None, facts, reader)
    return facts


def _assign(section: Section, inside: str | None, facts: dict[int, Facts], reader) -> None:
    known = [c for c in section.children if _is_known_entry(facts[id(c)])]
    numbered_known = any(facts[id(c)].heading.numbered for c in known)
    for child in section.children:
        fact = facts[id(child)]
        supported = len(known) >= 2 or (numbered_known and fact.heading.numbered)
        _decide(child, inside, fact, supported, facts, reader)
        child.topic = reader.topics.topic_for_heading(fact.heading.name) or reader.topics.topic_for_heading(
            fact.heading.plain
        )  # "### Performance" under "## Django" is an aspect of Django
        _assign(child, child.framework, facts, reader)


def _is_known_entry(fact: Facts) -> bool:
    return bool(fact.known) and not (fact.label or fact.versus or fact.todo)


def _decide(section, inside, fact: Facts, supported: bool, facts, reader) -> None:
    section.framework = inside
    if fact.todo:
        section.role, section.framework = Role.TODO, None
    elif fact.versus:
        section.role, section.framework = Role.VERSUS, None
    elif fact.label:
        section.role, section.label = Role.LABEL, fact.label
        section.framework = _one(fact.mentioned, inside) or inside
    elif fact.known:
        if fact.known != inside or fact.heading.numbered:
            section.role = Role.ENTRY
            section.framework = reader.add_framework(fact.known, section, fact.heading)
    elif fact.title:
        return
    elif fact.candidate and reader.has_structure(
        section, fact.heading.name, facts, labelled_only=not supported
    ):
        section.role = Role.ENTRY
        section.framework = reader.add_framework(fact.heading.name, section, fact.heading)
    elif inside is None and len(fact.mentioned) == 1 and _ABOUT.search(fact.heading.plain):
        section.role, section.framework = Role.ENTRY, fact.mentioned[0]  # "Cos'è Flask?", "Why Django?"


def _one(mentioned: list[str], inside: str | None) -> str | None:
    if inside in mentioned:
        return inside
    return mentioned[0] if len(mentioned) == 1 else None


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


def article_subject(title: str, blocks: list, names) -> str | None:
    """The framework a whole article is about, if one: the choice its "Decision" section names
    (an ADR: "Chosen option: **FastAPI**"), else the one framework its title names ("Why
    Django?", "Belajar Fullstack FastAPI", "# [Streamlit](...)")."""
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
    mentioned = names.mentioned(title)
    return mentioned[0] if len(mentioned) == 1 else None


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
