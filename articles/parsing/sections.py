"""Blocks grouped into a tree of sections by heading level."""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.parsing.blocks import Block, Inline


@dataclass
class Section:
    heading: str
    level: int
    line: int
    inline: Inline | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    # Filled in by classification:
    role: str = "other"  # framework, label, todo, versus, other
    framework: str | None = None
    label: str | None = None  # pro, con, feature (for label headings)
    topic: str | None = None
    numbered: bool = False


def to_sections(blocks: list[Block]) -> Section:
    root = Section("", 0, 0)
    stack = [root]
    for block in blocks:
        if block.kind == "heading":
            while stack[-1].level >= block.level:
                stack.pop()
            section = Section(block.inline.text, block.level, block.line, block.inline, parent=stack[-1])
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].blocks.append(block)
    return root
