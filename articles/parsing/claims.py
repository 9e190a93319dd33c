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

from articles.parsing.blocks import Inline, Item, Run, squash
from articles.parsing.model import Kind
from articles.parsing.names import heading_name
from articles.parsing.titles import short_title, split_title
from articles.parsing.vocabulary import label_of, marker_of, split_but

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
    pair: bool = False  # under "Pros and Cons": each claim says which it is
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
        alone = body.rstrip(" :：") == title  # nothing after it: "- Pros:", "- **Pros**"
        return alone and label_of(title, reader.names.keys) is not None

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
        if not runs:
            return None
        if not (runs[0].bold or runs[0].text.rstrip().endswith((":", "："))):
            match = INLINE_LABEL.match(item.inline.text)  # "- Плюсы: админка, ORM, миграции"
            kind = label_of(match.group(1), strict=True) if match else None
            return (kind, match.group(1), match.group(2).strip()) if kind in (Kind.PRO, Kind.CON) else None
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


class PairItem:
    """Under "Pros and Cons": "Learn HTTP in depth vs time consuming", "Mature, but heavy"."""

    VERSUS = re.compile(r"\s+(?:vs\.?|versus)\s+", re.I)

    def matches(self, item, ctx, reader):
        return bool(ctx.pair and ctx.framework) and self._split(item.inline.text) is not None

    def claims(self, item, ctx, reader):
        found = []
        for kind, text in zip((Kind.PRO, Kind.CON), self._split(item.inline.text), strict=True):
            found.append(draft(replace(ctx, kind=kind), kind, short_title(text), text, item.line))
        return found

    def _split(self, text: str) -> tuple[str, str] | None:
        parts = self.VERSUS.split(text[:1000], maxsplit=1)
        if len(parts) == 2 and min(len(part.strip()) for part in parts) >= 3:
            return parts[0].strip(" ,;."), parts[1].strip(" ,;.")
        return split_but(text)


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
    PairItem(),
    BareTitleItem(),
    PlainItem(),
]
