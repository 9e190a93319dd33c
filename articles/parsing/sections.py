"""Blocks grouped into a tree of sections by heading level.

Articles written without heading markup still have headings: a paragraph that is only a bold
framework name ("**2. Flask**") is that framework's heading, one level below every real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from articles.parsing.blocks import Block, Inline
from articles.parsing.model import Kind

PSEUDO_LEVEL = 7


class Role(StrEnum):
    ENTRY = "entry"  # about one framework: its own heading
    LABEL = "label"  # "Pros", "Advantages of Django": the kind of what follows
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
    for block in blocks:
        bold = block.kind == "paragraph" and block.inline.bold_only and len(block.inline.text.split()) <= 8
        if bold and is_framework_name(block.inline):
            block = Block("heading", block.line, block.inline, level=PSEUDO_LEVEL)
        if block.kind == "heading":
            while stack[-1].level >= block.level:
                stack.pop()
            section = Section(block.inline.text, block.level, block.line, block.inline, parent=stack[-1])
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].blocks.append(block)
    return root
