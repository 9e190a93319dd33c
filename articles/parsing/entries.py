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
from articles.parsing.vocabulary import (
    heading_mark,
    is_section_title,
    label_cue,
    label_kinds,
    label_of,
)

_VERSUS = re.compile(r"\b(vs\.?|versus)\b|\bor\b.*\?$|\bover\b", re.I)
_TODO = re.compile(r"^\W*todo\b", re.I)
# A heading that asks what a framework is, or why one would use it, introduces it.
_ABOUT = re.compile(
    r"\?|？|^\W*(what is|what's|why|about|introducing|meet|qu'est-ce que|¿?qué es|o que é|cos'è|was ist|"
    r"что такое|nedir|apa itu|là gì|什么是|とは)\b",
    re.I,
)
# A section title that introduces one framework is about it: "About Django", "Einführung in Streamlit".
_INTRODUCES = re.compile(
    r"^\W*(about|introduction to|intro to|overview of|getting to know|présentation de|introduction à|"
    r"introducción a|introdução ao?|introduzione a|einführung in|знакомство с|pengenalan|giới thiệu|"
    r"介绍|介紹|简介)\b",
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
    pair: bool  # "Pros and Cons", "Advantages vs Disadvantages"
    candidate: bool  # could be the name of a framework nobody told us about


def facts_for(section: Section, reader) -> Facts:
    heading = heading_name(section.inline or Inline([]))
    plain = heading.plain
    mentioned = reader.names.mentioned(plain)
    label, pair = _heading_label(section, heading, reader)
    versus = bool(_VERSUS.search(plain)) and len(mentioned) != 1 and not pair
    return Facts(
        heading=heading,
        known=None if label else reader.names.in_heading(heading),
        mentioned=mentioned,
        label=label,
        todo=bool(_TODO.match(plain)),
        versus=versus,
        title=_is_title(heading, mentioned),
        pair=pair,
        candidate=_candidate(heading, mentioned, reader),
    )


def _is_title(heading: HeadingName, mentioned: list[str]) -> bool:
    if len(mentioned) == 1 and _INTRODUCES.match(heading.plain):
        return False  # "About Django" introduces Django
    return is_section_title(heading.name) or is_section_title(heading.plain)


def _heading_label(section: Section, heading: HeadingName, reader) -> tuple[Kind | None, bool]:
    """The kind a heading labels, and whether it pairs pros and cons ("Pros and Cons")."""
    plain = heading.plain
    label = label_of(plain, reader.names.keys)
    if label is None and any(block.kind == "list" for block in section.blocks):
        label = label_cue(heading.name or plain)  # "What Masonite gets right" over a list
    if label is None and not reader.names.in_heading(heading):
        label = heading_mark(plain)  # "✔️ Reasons to use it:", but not "✅ Django"
    if label is not None:
        return label, False
    kinds = label_kinds(plain, reader.names.keys) or set()
    if kinds == {Kind.FEATURE, Kind.PRO}:
        return Kind.FEATURE, False  # "Features & Benefits": what it offers
    return None, {Kind.PRO, Kind.CON} <= kinds


def _candidate(heading: HeadingName, mentioned: list[str], reader) -> bool:
    """A name nobody told us about; not when the heading names a known framework outside it
    ("[2024.07] July: NiceGUI for tools" is about NiceGUI; "Django Ninja" is its own)."""
    if reader.names.known(heading.name) or not looks_like_name(heading.name, reader.topic_keys):
        return False
    if label_kinds(heading.plain, reader.names.keys) is not None:
        return False  # "FastAPI: Features & Benefits" is a label, whatever it mixes
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
    elif fact.pair:
        section.role, section.framework = Role.PAIR, _one(fact.mentioned, inside) or inside
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
    elif _is_new_entry(section, fact, supported, facts, reader):
        section.role = Role.ENTRY
        section.framework = reader.add_framework(fact.heading.name, section, fact.heading)
    elif inside is None and len(fact.mentioned) == 1 and _ABOUT.search(fact.heading.plain):
        section.role, section.framework = Role.ENTRY, fact.mentioned[0]  # "Cos'è Flask?", "Why Django?"


def _is_new_entry(section: Section, fact: Facts, supported: bool, facts, reader) -> bool:
    """A framework nobody told us about: a name over claims (marked ones, unless its siblings
    are frameworks too)."""
    return (
        fact.candidate
        and not _under_label(section)
        and reader.has_structure(section, fact.heading.name, facts, labelled_only=not supported)
    )


def _under_label(section: Section) -> bool:
    """Under "## Pros" (and above any framework's own heading), a sub-heading is a claim's
    title ("### 1️⃣ Fast development"), never a framework nobody told us about."""
    parent = section.parent
    while parent is not None and parent.role != Role.ENTRY:
        if parent.role in (Role.LABEL, Role.PAIR):
            return True
        parent = parent.parent
    return False


def _one(mentioned: list[str], inside: str | None) -> str | None:
    if inside in mentioned:
        return inside
    return mentioned[0] if len(mentioned) == 1 else None
