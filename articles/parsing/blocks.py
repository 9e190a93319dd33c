"""markdown-it tokens turned into blocks: headings, paragraphs, lists with their items, tables."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from articles.parsing.text import ArticleError


@dataclass
class Run:
    text: str
    bold: bool = False
    href: str = ""


@dataclass
class Inline:
    runs: list[Run]
    breaks: int = 0  # explicit <br> line breaks

    @functools.cached_property
    def text(self) -> str:
        # Read many times over (labels, names, datelines); the runs are complete by then.
        return squash("".join(run.text for run in self.runs))

    def split_breaks(self) -> list[str]:
        joined = "".join(run.text for run in self.runs)
        return [squash(part) for part in joined.split("\x00") if squash(part)]

    def links(self) -> list[tuple[str, str]]:
        return [(run.text, run.href) for run in self.runs if run.href]

    def lines(self) -> list[tuple[int, Inline]]:
        """(offset from the first line, Inline) per line of the source, blank lines left out.
        Read only: several rules ask for the lines of one paragraph."""
        return self._lines

    @functools.cached_property
    def _lines(self) -> list[tuple[int, Inline]]:
        lines: list[tuple[int, Inline]] = [(0, Inline([]))]
        offset = 0
        for run in self.runs:
            parts = re.split(r"([\n\x00])", run.text)
            for part in parts:
                if part in ("\n", "\x00"):
                    offset += part == "\n"
                    lines.append((offset, Inline([])))
                elif part:
                    lines[-1][1].runs.append(Run(part, run.bold, run.href))
        return [(offset, line) for offset, line in lines if line.text]

    @property
    def bold_only(self) -> bool:
        """All of it bold ("**Pros**", "**1. Fast development**")."""
        runs = [run for run in self.runs if run.text.strip()]
        return bool(runs) and all(run.bold for run in runs)

    @property
    def link_only(self) -> bool:
        """All of it a link ("[Why Django](...)"): the name of a page, not a label."""
        runs = [run for run in self.runs if run.text.strip()]
        return bool(runs) and all(run.href for run in runs)


@dataclass
class Item:
    inline: Inline
    line: int
    children: list[Block] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # heading, paragraph, list, table, fence, html
    line: int
    inline: Inline | None = None
    level: int = 0
    items: list[Item] = field(default_factory=list)
    rows: list[tuple[int, list[Inline]]] = field(default_factory=list)  # table rows (line, cells)
    end_line: int = 0
    info: str = ""
    start: int | None = None  # the first number of a numbered list
    marker: str = ""  # a bulleted list's bullet: "-", "*" or "+"


def squash(text: str) -> str:
    return " ".join(text.replace("\x00", " ").split())


def _inline(token: Token) -> Inline:
    runs: list[Run] = []
    bold = 0
    href = ""
    breaks = 0
    for child in token.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold = max(0, bold - 1)
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
        elif child.type == "link_close":
            href = ""
        elif child.type == "text":
            runs.append(Run(child.content, bold > 0, href))
        elif child.type == "code_inline":
            runs.append(Run(f"`{child.content}`", bold > 0, href))
        elif child.type == "softbreak":
            runs.append(Run("\n", bold > 0, href))
        elif child.type == "hardbreak":
            runs.append(Run("\x00\n"))
            breaks += 1
        elif child.type == "html_inline":
            if re.match(r"<br\s*/?>|</?li\b|</?p\b", child.content, re.I):
                runs.append(Run("\x00"))
                breaks += 1
        elif child.type == "image":
            continue
    return Inline(runs, breaks)


markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

# markdown-it reads inline markup at some 10-80 microseconds a character ("![![", "*_*_"), so
# text made of little else takes minutes a megabyte. The longest real article we know has
# about 600 such characters outside code; a file with 80 times that is not an article.
MAX_INLINE_MARKUP = 50_000
_MARKUP = frozenset("!#$%&*+-:<=>@[\\]^_`{}~")


def _limit_inline_markup(state) -> None:
    """A markdown-it core rule, run after block parsing and before the (costly) inline parsing."""
    found = 0
    for token in state.tokens:
        if token.type == "inline":
            found += sum(1 for ch in token.content if ch in _MARKUP)
    if found > MAX_INLINE_MARKUP:
        raise ArticleError(
            f"the text holds {found:,} markdown punctuation characters outside code "
            f"(a real article has a few thousand; the limit is {MAX_INLINE_MARKUP:,})"
        )


markdown.core.ruler.before("inline", "limit_inline_markup", _limit_inline_markup)
# Its rule chains compiled now, at import, not by the first parse: two threads (an editor's
# re-import beside another) compiling them at once can read a half-built chain and lose text.
markdown.parse("# a\n\n*b* `c` [d](e)\n\n- f\n\n| g |\n|---|\n| ~~h~~ |\n")


class _HtmlBlocks(HTMLParser):
    """Headings, paragraphs and lists written as raw HTML, read as the markdown would be."""

    TEXT_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "summary"}

    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.blocks: list[Block] = []
        self.lists: list[Block] = []  # open <ul>/<ol>, innermost last
        self.current: tuple[str, int, list[Run]] | None = None
        self.bold = 0
        self.href = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append(Block("list", self._line()))
        elif tag in self.TEXT_TAGS:
            self._flush()
            self.current = (tag, self._line(), [])
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
        elif tag == "br" and self.current:
            self.current[2].append(Run("\x00"))

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self._flush()
            done = self.lists.pop()
            if self.lists and self.lists[-1].items:
                self.lists[-1].items[-1].children.append(done)
            else:
                self.blocks.append(done)
        elif tag in self.TEXT_TAGS:
            self._flush()
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag == "a":
            self.href = ""

    def handle_data(self, data):
        if self.current is not None:
            self.current[2].append(Run(data, self.bold > 0, self.href))

    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def _flush(self) -> None:
        if self.current is None:
            return
        tag, line, runs = self.current
        self.current = None
        inline = Inline(runs)
        if not inline.text:
            return
        if tag == "li" and self.lists:
            self.lists[-1].items.append(Item(inline, line))
        elif tag[0] == "h" and tag[1:].isdigit():
            self.blocks.append(Block("heading", line, inline, level=int(tag[1])))
        else:
            self.blocks.append(Block("paragraph", line, inline))


def html_blocks(content: str, line: int) -> list[Block]:
    """Blocks from a raw HTML block; nothing when it holds no text elements."""
    if not re.search(r"<(?:h[1-6]|p|li|dt|summary)\b", content[:20_000], re.I):
        return []
    reader = _HtmlBlocks(line)
    reader.feed(content[:200_000])
    reader.close()
    reader._flush()
    while reader.lists:  # unclosed lists
        reader.handle_endtag("ul")
    return reader.blocks


def split_paragraphs(blocks: list[Block]) -> list[Block]:
    """A paragraph whose lines include whole bold lines is several: "**Benefits**" then
    "**1. Fast development**" then its text, written without blank lines between them (as
    documents converted from word processors are). Each bold line starts a paragraph."""
    result: list[Block] = []
    for block in blocks:
        lines = block.inline.lines() if block.kind == "paragraph" else []
        starts = [i for i, (_, line) in enumerate(lines) if i and line.bold_only and len(line.text) <= 120]
        if not starts:
            result.append(block)
            continue
        for begin, end in zip([0, *starts], [*starts, len(lines)], strict=True):
            runs: list[Run] = []
            for _, line in lines[begin:end]:
                runs.extend([*line.runs, Run("\n")])
            result.append(Block("paragraph", block.line + lines[begin][0], Inline(runs[:-1])))
    return result


_NUMBER = re.compile(r"\s*(\d{1,3})[.)]\s+")
MAX_TAIL_ITEMS = 1_000


def numbered_tail(block: Block, number: int) -> Block | None:
    """The items of a numbered list that a paragraph swallowed. An item broken by an unindented
    line ends its list, and "2. ..." cannot start a list inside a paragraph, so the items after
    it read as that paragraph's lines: they are items again when they go on counting."""
    items: list[tuple[int, list[Run]]] = []  # (line, runs) per item
    for offset, line in block.inline.lines():
        match = _NUMBER.match("".join(run.text for run in line.runs[:3]))
        if match and int(match.group(1)) == number + len(items) and len(items) < MAX_TAIL_ITEMS:
            items.append((block.line + offset, _without_prefix(line.runs, match.end())))
        elif items:
            items[-1][1].extend([Run("\n"), *line.runs])  # the item's next line
    if not items:
        return None
    tail = Block("list", items[0][0], start=number)
    tail.items = [Item(Inline(runs), line) for line, runs in items]
    return tail


def _without_prefix(runs: list[Run], size: int) -> list[Run]:
    """The runs of a line without its first `size` characters (the "2. " of an item)."""
    kept: list[Run] = []
    for run in runs:
        cut = min(size, len(run.text))
        size -= cut
        if run.text[cut:]:
            kept.append(Run(run.text[cut:], run.bold, run.href))
    return kept


def to_blocks(tokens: list[Token]) -> list[Block]:
    """Top-level blocks; lists keep their items (and nested blocks) together."""
    blocks, _ = _blocks_until(tokens, 0, None)
    return blocks


def _blocks_until(tokens: list[Token], i: int, closing: str | None) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    while i < len(tokens):
        token = tokens[i]
        if closing and token.type == closing:
            return blocks, i + 1
        line = (token.map[0] + 1) if token.map else 0
        if token.type in ("heading_open", "paragraph_open"):
            kind, level = ("heading", int(token.tag[1])) if token.type == "heading_open" else ("paragraph", 0)
            blocks.append(Block(kind, line, _inline(tokens[i + 1]), level=level))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i, line)
            blocks.append(block)
        elif token.type == "table_open":
            block, i = _table(tokens, i, line)
            blocks.append(block)
        elif token.type == "fence":
            end = token.map[1] if token.map else line
            blocks.append(Block("fence", line, end_line=end, info=token.info))
            i += 1
        elif token.type == "html_block":
            blocks.extend(
                html_blocks(token.content, line) or [Block("html", line, Inline([Run(token.content)]))]
            )
            i += 1
        elif token.type == "blockquote_open":
            inner, i = _blocks_until(tokens, i + 1, "blockquote_close")
            blocks.extend(inner)
        else:
            i += 1
    return blocks, i


def _list(tokens: list[Token], i: int, line: int) -> tuple[Block, int]:
    token = tokens[i]
    start = int(token.attrGet("start") or 1) if token.type == "ordered_list_open" else None
    block = Block("list", line, start=start, marker=token.markup if start is None else "")
    close = token.type.replace("_open", "_close")
    i += 1
    while tokens[i].type != close:
        item_token = tokens[i]  # list_item_open
        children, i = _blocks_until(tokens, i + 1, "list_item_close")
        inline = children.pop(0).inline if children and children[0].kind == "paragraph" else Inline([])
        block.items.append(Item(inline, item_token.map[0] + 1 if item_token.map else line, children))
    return block, i + 1


def _table(tokens: list[Token], i: int, line: int) -> tuple[Block, int]:
    block = Block("table", line)
    row: list[Inline] = []
    row_line = line
    i += 1
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            row, row_line = [], token.map[0] + 1 if token.map else row_line
        elif token.type == "inline":
            row.append(_inline(token))
        elif token.type == "tr_close":
            block.rows.append((row_line, row))
        i += 1
    return block, i + 1
