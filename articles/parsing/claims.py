"""How a claim is marked: small rules over list items and paragraphs, tried in order.

Each rule has `matches(item, ctx, reader)` and `claims(item, ctx, reader)`. The context says
which framework the text is about, which label is in force ("Pros", "Cons", ...) and whether
the text sits directly under the framework's own heading (where unlabelled bullets are its
features). Rules never write anything: they yield Drafts, so "does this section have the
shape of a framework entry?" is the same rules run dry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from articles.parsing.blocks import Block, Inline, Item, Run, squash
from articles.parsing.model import Kind
from articles.parsing.names import heading_name, looks_like_name
from articles.parsing.text import MAX_CLAIMS
from articles.parsing.titles import short_title, split_title
from articles.parsing.vocabulary import label_cue, label_in, label_of, marker_of, split_but

URL = re.compile(r"https?://[^\s<>()\[\]]*(?<![.,;:!?'\"])")  # always matches once it starts
WEBSITE_LINE = re.compile(
    r"^\W*(learn more|website|official (web)?site|home ?page|site|more info|docs|url|source)\W*[:：|]", re.I
)
INLINE_LABEL = re.compile(r"^\W{0,3}([^:：]{1,24}?)\s*[:：]\s+(.+)$")
TITLED_LINE = re.compile(r"^[^:：]{2,50}[:：]\s*\S")


@dataclass(frozen=True)
class Context:
    framework: str | None = None
    kind: Kind | None = None  # the label in force
    entry: bool = False  # directly under the framework's own heading or list item
    heading: str = ""
    headings: tuple[str, ...] = ()  # every heading above, outermost first
    subheadings: tuple[str, ...] = ()  # those under the label in force: "### Pros" > "#### ✅ Type safety"


@dataclass
class Draft:
    framework: str
    kind: Kind
    title: str
    text: str
    line: int
    heading: str
    headings: tuple[str, ...]
    labelled: bool = True  # marked by a label, a marker or a column, not only by where it is
    topic: str | None = None  # decided by where it is (a price column is about cost), else by its words
    subheadings: tuple[str, ...] = ()


def draft(
    ctx: Context, kind: Kind, title: str, text: str, line: int, *, framework: str | None = None
) -> Draft:
    return Draft(
        framework or ctx.framework or "",
        kind,
        title,
        text,
        line,
        ctx.heading,
        ctx.headings,
        bool(ctx.kind),
        subheadings=ctx.subheadings,
    )


def nested_text(item: Item) -> list[str]:
    return [
        i.inline.text for child in item.children if child.kind == "list" for i in child.items if i.inline.text
    ]


def item_claim(ctx: Context, kind: Kind, inline: Inline, item: Item, **extra) -> Draft:
    """One bullet as one claim; bullets nested under it elaborate it."""
    title, body = split_title(inline)
    nested = nested_text(item)
    if nested and all(label_of(text) is None for text in nested):
        joiner = ": " if body.rstrip().endswith(":") or body == title else ". "
        body = body.rstrip(".:") + joiner + "; ".join(nested)
    return draft(ctx, kind, title, body, item.line, **extra)


# -- rules for list items ----------------------------------------------------------------------


class WebsiteItem:
    """ "Website: https://...", a bare link: where the framework lives, not a claim."""

    def matches(self, item, ctx, reader):
        text = item.inline.text
        return bool(WEBSITE_LINE.match(text) or URL.fullmatch(text.strip()))

    def claims(self, item, ctx, reader):
        if ctx.framework:
            reader.note_website(ctx.framework, item.inline, False)
        return []


class LabelItem:
    """ "- **Pros:**" over nested bullets, "- Desventajas de Django" over its list."""

    def matches(self, item, ctx, reader):
        if not any(c.kind == "list" for c in item.children):
            return False
        title, body = split_title(item.inline)
        return body == title and label_of(title, reader.names.keys) is not None  # nothing after it

    def claims(self, item, ctx, reader):
        kind = label_of(item.inline.text, reader.names.keys)
        framework = reader.one_framework(item.inline.text) or ctx.framework
        inner = replace(ctx, framework=framework, kind=kind, entry=False)
        return [
            d for child in item.children if child.kind == "list" for d in reader.list_claims(child, inner)
        ]


class FrameworkItem:
    """ "* Flask" (or "* diango（ジャンゴ）" among known frameworks) over the bullets about it."""

    def matches(self, item, ctx, reader):
        if not any(c.kind == "list" for c in item.children) or len(item.inline.text) > 60:
            return False
        return reader.item_framework(item, ctx) is not None

    def claims(self, item, ctx, reader):
        framework = reader.item_framework(item, ctx, create=True)
        inner = replace(ctx, framework=framework, entry=True)
        return [
            d for child in item.children if child.kind == "list" for d in reader.list_claims(child, inner)
        ]


class InlineLabelItem:
    """ "- **Pros:** fast, simple": a label with its claims on the same line."""

    def matches(self, item, ctx, reader):
        return ctx.framework is not None and self._split(item) is not None

    def claims(self, item, ctx, reader):
        kind, label, rest = self._split(item)
        return reader.label_claims(replace(ctx, kind=kind), kind, label, rest, item.line)

    @staticmethod
    def _split(item):
        runs = [r for r in item.inline.runs if r.text.strip()]
        if not runs or not (runs[0].bold or runs[0].text.rstrip().endswith((":", "："))):
            return None
        head = runs[0].text
        kind = label_of(head, strict=True)
        rest = item.inline.text[len(squash(head)) :].strip(" :：")
        return (kind, head, rest) if kind and rest else None


class MarkedItem:
    """ "✅ Fast", "❌ Slow", "Good, because it is fast" (MADR): the bullet says its own kind."""

    def matches(self, item, ctx, reader):
        return ctx.framework is not None and marker_of(item.inline.text)[0] is not None

    def claims(self, item, ctx, reader):
        kind, rest = marker_of(item.inline.text)
        marked = replace(ctx, kind=kind)
        return [item_claim(marked, kind, Inline([Run(rest)]), item)]


class FrameworkLabelItem:
    """ "**Flask**: lightweight, but lacks async" is a claim about the framework it names;
    "**Streamlit** and **Dash** are best for data apps" a verdict on each."""

    CONNECTOR = re.compile(r"\s*(,|and|&|or|/|,\s*and|y|et|und|e|и|和|與|与)\s*", re.I)

    def matches(self, item, ctx, reader):
        names, _, _ = self._named(item, reader)
        return bool(names) and names != [ctx.framework]

    def claims(self, item, ctx, reader):
        names, rest, colon = self._named(item, reader)
        found = []
        for framework in names:
            inner = replace(ctx, framework=framework)
            if ctx.kind:
                found.append(draft(inner, ctx.kind, short_title(rest), rest, item.line))
            elif not colon:  # "**Django** is the pick for content sites": a verdict on it
                title = ctx.heading.strip(" :") or "Summary"
                found.append(draft(inner, Kind.SUMMARY, title, item.inline.text, item.line))
            elif both := split_but(rest):
                found.append(draft(inner, Kind.PRO, short_title(both[0]), both[0], item.line))
                found.append(draft(inner, Kind.CON, short_title(both[1]), both[1], item.line))
            else:
                found.append(draft(inner, Kind.FEATURE, short_title(rest), rest, item.line))
        return found

    def _named(self, item, reader) -> tuple[list[str], str, bool]:
        """The known frameworks a bullet opens with ("**Django + DRF**:", "**A** and **B**"),
        what follows them, and whether a colon separates the two."""
        runs = [run for run in item.inline.runs if run.text.strip()]
        names: list[str] = []
        used = 0
        for run in runs:
            if run.bold:
                name = reader.names.in_heading(heading_name(Inline([Run(run.text.strip(" :："))])))
                if name is None:
                    break
                names.append(name)
            elif not (names and self.CONNECTOR.fullmatch(run.text)):
                break
            used += 1
        if not names:
            if runs and runs[0].href:
                return [], "", False  # "- [Django](url) - the web framework...": a list of links
            title, rest = split_title(item.inline)
            name = reader.names.in_heading(heading_name(Inline([Run(title)]))) if rest != title else None
            if name is None or len(title) > 60:
                return [], "", False
            colon = bool(re.match(rf"^\W*{re.escape(title)}\W*[:：]", item.inline.text))
            return [name], rest, colon
        rest = squash("".join(run.text for run in runs[used:]))
        colon = rest.startswith((":", "：")) or runs[used - 1].text.rstrip().endswith((":", "："))
        rest = rest.lstrip(":：-–— ").strip()
        if len(rest.split()) < 2:
            return [], "", False
        return list(dict.fromkeys(names)), rest, colon


class SingleLabelItem:
    """ "- Pro: fast" / "- Best for: internal tools": a label for this one item."""

    LABELS = {"pro": Kind.PRO, "plus": Kind.PRO, "con": Kind.CON, "minus": Kind.CON}

    def matches(self, item, ctx, reader):
        return ctx.framework is not None and self._kind(item) is not None

    def claims(self, item, ctx, reader):
        kind, label, rest = self._kind(item)
        title = label if kind == Kind.SUMMARY else short_title(rest)
        return [draft(replace(ctx, kind=kind), kind, title, rest, item.line)]

    def _kind(self, item):
        match = INLINE_LABEL.match(item.inline.text)
        if not match:
            return None
        label = match.group(1).strip()
        kind = self.LABELS.get(label.lower()) or (
            label_of(label) if label_of(label) == Kind.SUMMARY else None
        )
        return (kind, label, match.group(2).strip()) if kind else None


class BareTitleItem:
    """ "- **Developer experience**:" over nested bullets: each nested bullet is a claim."""

    def matches(self, item, ctx, reader):
        if not (ctx.framework and (ctx.kind or ctx.entry)) or not any(
            c.kind == "list" for c in item.children
        ):
            return False
        title, body = split_title(item.inline)
        return body == title and len(title.split()) <= 6

    def claims(self, item, ctx, reader):
        return [d for child in item.children if child.kind == "list" for d in reader.list_claims(child, ctx)]


class PlainItem:
    """A bullet under a label, or directly under its framework's heading (a feature); but not,
    unlabelled, one that opens with a link: that is a list of resources."""

    def matches(self, item, ctx, reader):
        if not (ctx.framework and (ctx.kind or ctx.entry) and item.inline.text):
            return False
        first = next((run for run in item.inline.runs if run.text.strip()), None)
        return bool(ctx.kind) or not (first and first.href)

    def claims(self, item, ctx, reader):
        return [item_claim(ctx, ctx.kind or Kind.FEATURE, item.inline, item)]


ITEM_RULES = [
    WebsiteItem(),
    LabelItem(),
    FrameworkItem(),
    InlineLabelItem(),
    MarkedItem(),
    SingleLabelItem(),
    FrameworkLabelItem(),
    BareTitleItem(),
    PlainItem(),
]


# -- rules for paragraphs ------------------------------------------------------------------------


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
    """A label line followed by "Title: text" lines in one paragraph, written without bullets."""
    lines = block.inline.lines()
    start = next(
        (i for i, (_, line) in enumerate(lines[:50]) if label_of(line.text, reader.names.keys)), None
    )
    if start is None or start + 1 >= len(lines) or not TITLED_LINE.match(lines[start + 1][1].text):
        return None
    label_line = lines[start][1].text
    framework = reader.one_framework(label_line, prefer=ctx.framework) or ctx.framework
    if not framework:
        return None
    kind = label_of(label_line, reader.names.keys)
    inner = replace(ctx, framework=framework, kind=kind)
    found = []
    for offset, line in lines[start + 1 :]:
        if not TITLED_LINE.match(line.text):
            break
        found.append(draft(inner, kind, *split_title(line), block.line + offset))
    return found


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
    if not marked or not all(kind for _, kind, _ in marked):
        return None
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


PARAGRAPH_RULES = [line_claims, inline_label_claims, marked_lines, bold_claim]


def looks_like_framework_item(item: Item, topic_keys) -> str | None:
    """The name in an item that could be a framework's among its known siblings."""
    name = heading_name(item.inline).name
    return name if looks_like_name(name, topic_keys) else None
