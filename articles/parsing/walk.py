"""Reading a section's blocks in order: a label written as a paragraph applies to what follows.

"Pros:" then a list; "**Benefits**" then bold titles each followed by a paragraph that says
them; a numbered list broken by a code block that goes on counting. The walk keeps the label in
force until the text stops following it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from articles.parsing import paragraphs
from articles.parsing.blocks import Block, numbered_tail
from articles.parsing.claims import Context, Draft
from articles.parsing.model import Kind
from articles.parsing.paragraphs import Pending
from articles.parsing.tables import table_claims
from articles.parsing.text import MAX_CLAIMS


@dataclass
class Walk:
    reader: object
    ctx: Context
    pending: Pending | None = None
    used: bool = False  # the label's list was read: only a list that goes on from it may follow
    carry: bool = False  # the last block kept the label going (a numbered list, a title's text)
    last_named: str | None = None  # the framework the last paragraph was about
    previous_list: Block | None = None
    open_title: Draft | None = None  # a claim that is only a title, waiting for its text
    suspended: Pending | None = None  # the label of a numbered list a paragraph broke into
    first: bool = True

    def claims(self, blocks: list[Block]) -> list[Draft]:
        found: list[Draft] = []
        signed = _signed_lists(blocks)
        for block in blocks:
            if len(found) > MAX_CLAIMS:
                break  # more than an article keeps: reading on would only cost time
            if block.kind == "paragraph":
                found += self.paragraph(block)
            elif block.kind == "list" and id(block) in signed and self.pending is None:
                self.pending, self.used = Pending(signed[id(block)], None), False
                found += self.list(block)
                self.pending = None
            elif block.kind == "list":
                found += self.list(block)
            elif block.kind == "table":
                found += table_claims(block, self.ctx, self.reader)
                self.pending = self.open_title = None
        return found

    def paragraph(self, block: Block) -> list[Draft]:
        reader, ctx = self.reader, self.ctx
        if ctx.entry and ctx.framework:
            reader.note_about(ctx.framework, block.inline, self.first)
        self.first = False
        here = self.for_paragraph()
        drafts = next((d for rule in paragraphs.PARAGRAPH_RULES if (d := rule(block, here, reader))), None)
        if drafts is not None:
            self.open_title = drafts[-1] if drafts and drafts[-1].text == drafts[-1].title else None
            self.carry = True
            return drafts
        label = paragraphs.paragraph_label(block, ctx, reader)
        went_on = self.goes_on(block) if label is None else None
        if went_on is not None:
            return went_on
        self.pending, self.used, self.carry, self.open_title = label, False, False, None
        if label is not None and label.framework:
            self.last_named = label.framework  # "Pros of Litestar:" ... then "Cons:"
        if self.pending is None:
            named = reader.names.mentioned(block.inline.text)
            self.last_named = named[0] if len(named) == 1 else self.last_named
        return []

    def for_paragraph(self) -> Context:
        """A label's list is done: the paragraphs after it are the section's again."""
        return self.ctx if self.used and not self.carry else self.labelled()

    def goes_on(self, block: Block) -> list[Draft] | None:
        """A paragraph that goes on with what came before: the text of a claim that was only a
        title ("**1. Fast**" then what it means), or the rest of a numbered list a line broke."""
        if self.open_title is not None and self.pending is not None:
            self.open_title.text = block.inline.text[:2000]
            self.open_title, self.carry = None, True
            return []
        previous = self.previous_list
        if self.used and previous and previous.start:
            self.suspended = self.pending  # a paragraph inside an item, the list goes on counting
            rest = numbered_tail(block, previous.start + len(previous.items))
            if rest is not None:
                return self.list(rest)
        return None

    def list(self, block: Block) -> list[Draft]:
        if self.pending is None and self.suspended and _continues(self.previous_list, block):
            self.pending, self.used = self.suspended, True
        self.suspended = None
        if self.used and not (self.carry or _continues(self.previous_list, block)):
            self.pending = None
        found = self.reader.list_claims(block, self.labelled())
        # One bold title with nothing after it: its text is the paragraph that follows.
        bold = len(block.items) == 1 and block.items[0].inline.bold_only
        self.open_title = found[-1] if bold and found and found[-1].text == found[-1].title else None
        self.used, self.carry = self.pending is not None, bool(block.start)
        self.previous_list = block
        self.trailing_label(block)
        return found

    def trailing_label(self, block: Block) -> None:
        """A list that ends with a label ("- Pros of Flask:") gives it to the list that follows,
        as a paragraph would."""
        last = block.items[-1] if block.items else None
        kind = self.reader.item_label(last) if last else None
        if kind is not None:
            framework = self.reader.one_framework(last.inline.text, prefer=self.ctx.framework)
            self.pending, self.used, self.carry = Pending(kind, framework), False, False

    def labelled(self) -> Context:
        ctx, pending = self.ctx, self.pending
        if pending is None:
            return ctx
        framework = pending.framework or ctx.framework or self.last_named or self.reader.article_framework
        if framework is None and not self.reader.dry:
            self.reader.warnings.append(
                f"section {ctx.heading or '(top)'!r} has {pending.kind}s but no framework matched"
            )
        if not pending.said:
            return replace(ctx, framework=framework)  # its bullets are what the section lists
        return replace(ctx, framework=framework, kind=pending.kind, entry=False)


def _continues(previous: Block | None, block: Block) -> bool:
    """A numbered list that picks up where the last one stopped (code between its items)."""
    return bool(
        previous and previous.start and block.start and block.start == previous.start + len(previous.items)
    )


SIGNS = {"+": Kind.PRO, "-": Kind.CON}


def _signed_lists(blocks: list[Block]) -> dict[int, Kind]:
    """ "+ Tiny" then "- No async": a list bulleted with "+" beside one bulleted with "-" (each
    a list of its own in markdown) are the pros and the cons."""
    signed: dict[int, Kind] = {}
    for first, second in pairwise(blocks):
        if first.kind == second.kind == "list" and {first.marker, second.marker} == {"+", "-"}:
            signed[id(first)], signed[id(second)] = SIGNS[first.marker], SIGNS[second.marker]
    return signed
