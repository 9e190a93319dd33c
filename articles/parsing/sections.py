"""Blocks grouped into a tree of sections by heading level.

Articles written without heading markup still have headings: a line that is only a framework's
name, bold ("**2. Flask**") or announcing what follows ("Django:", "1. Flask:" alone in its
list), is that framework's heading, one level below every real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from articles.parsing.blocks import Block, Inline
from articles.parsing.model import Kind
from articles.parsing.vocabulary import is_section_title

PSEUDO_LEVEL = 7


class Role(StrEnum):
    ENTRY = "entry"  # about one framework: its own heading
    LABEL = "label"  # "Pros", "Advantages of Django": the kind of what follows
    PAIR = "pair"  # "Pros and Cons", "优缺点": what follows says its own kind
    TODO = "todo"  # a note to the author
    VERSUS = "versus"  # "Flask vs Django": about no one framework
    OTHER = "other"


@dataclass
class Section:
    heading: str
    level: int
    line: int
    inline: Inline | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    # Filled in by classification (entries.py):
    role: Role = Role.OTHER
    framework: str | None = None
    label: Kind | None = None
    topic: str | None = None

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()


def to_sections(blocks: list[Block], is_framework_name) -> Section:
    root = Section("", 0, 0)
    stack = [root]
    pseudo = False
    for block in blocks:
        named = _name_line(block)
        if named is not None and (is_framework_name(named) or (pseudo and _closing_title(named))):
            block = Block("heading", block.line, named, level=PSEUDO_LEVEL)
            pseudo = True
        if block.kind == "heading":
            while stack[-1].level >= block.level:
                stack.pop()
            section = Section(block.inline.text, block.level, block.line, block.inline, parent=stack[-1])
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].blocks.append(block)
    return root


def _closing_title(inline: Inline) -> bool:
    """ "**Conclusion**" after frameworks named in bold: it ends the last one's section."""
    return inline.bold_only and is_section_title(inline.text.strip(" :："))


def _name_line(block: Block) -> Inline | None:
    """The text of a block that could be only a name: a short bold paragraph, a short line that
    ends with a colon, or such a line as the only item of a list."""
    if block.kind == "paragraph":
        inline = block.inline
    elif block.kind == "list" and len(block.items) == 1 and not block.items[0].children:
        inline = block.items[0].inline
    else:
        return None
    if len(inline.text.split()) > 8:
        return None
    return inline if inline.bold_only or inline.text.endswith((":", "：")) else None
