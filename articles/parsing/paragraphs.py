"""How a claim is marked in a paragraph: a label written as a paragraph, and paragraphs that
hold claims of their own (label lines, "**Pros:** a, b", ✅ lines, a bold title and its text).

Like the item rules, these never write anything: they return Drafts, or None when the rule
does not apply, and `walk.Walk` tries them in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import takewhile

from articles.parsing.blocks import Block, Inline, Run, squash
from articles.parsing.claims import TITLED_LINE, WEBSITE_LINE, Context, Draft, draft
from articles.parsing.model import Kind
from articles.parsing.names import heading_name
from articles.parsing.text import MAX_CLAIMS
from articles.parsing.titles import short_title, split_title
from articles.parsing.vocabulary import WEAK, label_cue, label_in, label_of, marker_of, plain


@dataclass
class Pending:
    """A label written as a paragraph: it applies to the list (or bold items) that follow."""

    kind: Kind
    framework: str | None
    said: bool = True  # the label says its kind; False for "…include:" in a framework's section


def paragraph_label(block: Block, ctx: Context, reader) -> Pending | None:
    """ "Pros:", "**Cons**", "[장점]", "Why choose Streamlit?", or a sentence announcing a
    list: "Flask, because of the following pros:", "Die Highlights sind dabei:"."""
    lines = block.inline.lines()
    last = lines[-1][1].text if lines else ""
    colon = last.rstrip("*_ ").endswith((":", "："))
    kind, said = label_of(last, reader.names.keys), True
    if kind is None and (colon or (lines and lines[-1][1].bold_only)):
        kind = label_cue(last)  # "**What I loved**", "It is not perfect, though:"
    if kind is None and colon and len(last.split()) <= 60:
        kind = label_in(last)
        if ctx.entry and kind in (None, Kind.PRO) and not WEBSITE_LINE.match(last):
            # In a framework's own section, "Highlights include:" or "Its key strengths are:"
            # introduces what it offers.
            kind, said = Kind.FEATURE, kind is not None
    if kind is None:
        return None
    return Pending(kind, reader.one_framework(block.inline.text, prefer=ctx.framework), said)


def line_claims(block: Block, ctx: Context, reader) -> list[Draft] | None:
    """A label line followed, in the same paragraph, by lines that are each a claim: "Title:
    text" lines, or lines written as bullets without markdown ("-No async support") or as
    short lines of their own."""
    lines = block.inline.lines()
    start = next((i for i, (_, line) in enumerate(lines[:50]) if _label_line(line.text, reader)), None)
    if start is None or start + 1 >= len(lines):
        return None
    label_line = lines[start][1].text
    framework = reader.one_framework(label_line, prefer=ctx.framework) or ctx.framework
    rest = lines[start + 1 : start + 2 + MAX_CLAIMS]
    titled = list(takewhile(lambda line: TITLED_LINE.match(line[1].text), rest))
    entries = [(offset, *split_title(line)) for offset, line in titled] or _entries(rest)
    if not (framework and entries):
        return None
    kind = label_of(label_line, reader.names.keys)
    inner = replace(ctx, framework=framework, kind=kind)
    return [draft(inner, kind, title, text, block.line + offset) for offset, title, text in entries]


def _label_line(text: str, reader) -> bool:
    """A line that is only a label; "Pros: fast, small." holds its claims (running_labels)."""
    return label_of(text, reader.names.keys) is not None and not re.search(r"[:：]\s*\S", text)


def bold_lead(block: Block, ctx: Context, reader) -> list[Draft] | None:
    """Under a label, a paragraph that opens with a few bold words is a claim they title:
    "**Fast development.** Bottle lets you...", "**No async** – it is WSGI"; "**Django** has an
    admin" is Django's."""
    runs = [run for run in block.inline.runs if run.text.strip()]
    if not (ctx.kind and ctx.framework and len(runs) >= 2 and runs[0].bold and not runs[1].bold):
        return None
    if WEBSITE_LINE.match(block.inline.text[:200]):
        return None  # "**Website:** https://..."
    title, text = split_title(block.inline)
    if len(title.split()) > 12 or text == title or label_of(title, reader.names.keys):
        return None
    named = reader.names.known(title)
    if named:
        return [draft(ctx, ctx.kind, short_title(text), text, block.line, framework=named)]
    return [draft(ctx, ctx.kind, title, text, block.line)]


def line_entries(block: Block, ctx: Context, reader) -> list[Draft] | None:
    """Under a label, a paragraph of lines that are each a claim ("Fast to start" / "Small
    API" / "Easy to deploy", or "-Fast" lines)."""
    lines = block.inline.lines()[: MAX_CLAIMS + 1]
    if not (ctx.framework and ctx.kind and len(lines) >= 2):
        return None
    entries = _entries(lines)
    if entries is None:
        return None
    return [draft(ctx, ctx.kind, title, text, block.line + offset) for offset, title, text in entries]


_LINE_MARK = re.compile(r"[-*+•·]\s*(?=\w)")  # "-No async": a bullet typed without its space
MAX_ENTRY_WORDS = 12


def _entries(lines: list[tuple[int, Inline]]) -> list[tuple[int, str, str]] | None:
    """(offset, title, text) per line, when every line is one claim: marked as a bullet, or
    short and starting as a sentence does (hard-wrapped prose goes on in lower case)."""
    entries = []
    for offset, line in lines:
        text = line.text
        mark = _LINE_MARK.match(text)
        if mark:
            text = text[mark.end() :]
        elif len(text.split()) > MAX_ENTRY_WORDS or text[0].islower() or text.endswith((",", ";", "-")):
            return None
        entries.append((offset, *split_title(Inline([Run(text)]))))
    return entries


def inline_label_claims(block: Block, ctx: Context, reader) -> list[Draft] | None:
    """ "**Pros:** small, fast." or "**Best for:** small teams" as a paragraph."""
    runs = [run for run in block.inline.runs if run.text.strip()]
    if not (ctx.framework and runs and runs[0].bold):
        return None
    label = runs[0].text.strip(" :：")
    rest = squash("".join(run.text for run in runs[1:])).lstrip(":： ")
    kind = label_of(label, strict=True)
    if not (kind and rest):
        return None
    return reader.label_claims(replace(ctx, kind=kind), kind, label, rest, block.line)


def marked_lines(block: Block, ctx: Context, reader) -> list[Draft] | None:
    """Lines that each open with ✅ / ❌."""
    if not ctx.framework:
        return None
    lines = block.inline.lines()[: MAX_CLAIMS + 1]
    marked = [(offset, *marker_of(line.text)) for offset, line in lines]
    if not marked or not all(kind and text.strip(" :：") for _, kind, text in marked):
        return None  # "Pro:" alone is a label over what follows
    return [
        draft(replace(ctx, kind=kind), kind, *split_title(Inline([Run(text)])), block.line + offset)
        for offset, kind, text in marked
    ]


def bold_claim(block: Block, ctx: Context, reader) -> list[Draft] | None:
    """ "**1. Fast development**" and its text, under a label: one claim."""
    lines = block.inline.lines()
    if not (ctx.framework and ctx.kind and lines and lines[0][1].bold_only):
        return None
    title = (heading_name(lines[0][1]).name or lines[0][1].text).strip(" :：")
    text = squash(" ".join(line.text for _, line in lines[1:])) or title
    if label_of(title) or len(title.split()) > 12:
        return None
    return [draft(ctx, ctx.kind, title, text, block.line)]


_CLAUSE = re.compile(r"[.;,!?()\[\]]|\s[-–—]\s")
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
# Labels too vague to find inside running text ("Why: ...").
_NOT_RUNNING = WEAK - {"good", "bad", "pro", "con"}


def running_labels(block: Block, ctx: Context, reader) -> list[Draft] | None:
    """Labels inside running text, as notes are written: "Today I tried Bottle. Pros: small,
    fast. Cons: no async." or "Bottle - pros: easy; cons: few plugins". Each label's claims run
    to the next label or the end of its sentence."""
    text = block.inline.text[:2000]
    if text.endswith((":", "：")):
        return None  # a sentence announcing the list that follows
    labels = _running(text, reader)
    if not labels:
        return None
    framework = ctx.framework or reader.one_framework(text[: labels[0][0]]) or reader.one_framework(text)
    if not framework:
        return None
    found = []
    for index, (_, begin, kind, label) in enumerate(labels):
        end = labels[index + 1][0] if index + 1 < len(labels) else len(text)
        said = text[begin:end]
        stop = _SENTENCE_END.search(said)
        said = (said[: stop.start()] if stop else said).strip(" ,;.")
        inner = replace(ctx, framework=framework, kind=kind)
        found += reader.label_claims(inner, kind, label, said, block.line) if said else []
    return found or None


def _running(text: str, reader) -> list[tuple[int, int, Kind, str]]:
    """(start, end, kind, label) of each label a colon closes in the text: the last one to
    three words of its clause."""
    found = []
    for colon in re.finditer(r"[:：]\s*", text):
        clause = _CLAUSE.split(text[max(0, colon.start() - 40) : colon.start()])[-1]
        words = clause.split()[-3:]
        for size in range(len(words), 0, -1):
            label = " ".join(words[-size:])
            kind = label_of(label, reader.names.keys, strict=True)
            if kind and plain(label) not in _NOT_RUNNING:
                start = colon.start() - len(clause) + clause.rfind(label)
                found.append((start, colon.end(), kind, label))
                break
    return found


PARAGRAPH_RULES = [
    line_claims,
    inline_label_claims,
    marked_lines,
    bold_claim,
    bold_lead,
    line_entries,
    running_labels,
]
