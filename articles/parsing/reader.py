"""Reading the sections: which are about a framework, which mark claims, and the claims in them."""

from __future__ import annotations

import hashlib
import re

from articles.parsing.blocks import Block, Inline, Run, _squash
from articles.parsing.model import Catalogue, ParsedClaim, ParsedFramework
from articles.parsing.sections import Section
from articles.parsing.text import MAX_CLAIM_TEXT, MAX_CLAIM_TITLE, MAX_CLAIMS, MAX_NAME_LENGTH, name_key
from articles.parsing.titles import TopicClassifier, short_items, short_title, split_title
from articles.parsing.vocabulary import (
    _INLINE_LABEL,
    _PARENS,
    COST_COLUMNS,
    NO_VALUES,
    NOT_A_FRAMEWORK,
    RESOURCE_HINTS,
    SUMMARY_COLUMNS,
    SUMMARY_LABELS,
    YES_VALUES,
    HeadingName,
    emoji_kind,
    heading_name,
    inline_label_kind,
    label_kind,
    looks_like_name,
)

_URL = re.compile(r"https?://[^\s<>()\[\]]*(?<![.,;:!?'\"])")  # always matches once it starts
_WEBSITE_LINE = re.compile(
    r"^\W*(learn more|website|official (web)?site|home ?page|site|more info|docs|url)\W*[:：]", re.I
)


class ArticleReader:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.names = dict(catalogue.names)  # grows with the frameworks this article introduces
        self.topics = TopicClassifier(catalogue.topics)
        self.topic_keys = {name_key(t.name) for t in catalogue.topics} | {
            name_key(t.slug) for t in catalogue.topics
        }
        self.frameworks: dict[str, ParsedFramework] = {}
        self.claims: list[ParsedClaim] = []
        self.dropped = 0  # claims beyond MAX_CLAIMS
        self.warnings: list[str] = []

    # -- frameworks ---------------------------------------------------------------------------

    def known(self, name: str) -> str | None:
        return self.names.get(name_key(name)) if name else None

    def add_framework(self, name: str, section: Section | None, heading: HeadingName | None) -> str:
        canonical = self.known(name)
        if canonical is None:
            canonical = name[:MAX_NAME_LENGTH]
            self.names[name_key(canonical)] = canonical
        entry = self.frameworks.get(canonical)
        if entry is None:
            entry = ParsedFramework(
                name=canonical,
                known=name_key(canonical) in self.catalogue.names,
                heading=section.heading if section else "",
                line=section.line if section else None,
            )
            self.frameworks[canonical] = entry
        if heading:
            for alias in heading.aliases:
                if alias and name_key(alias) not in self.names:
                    entry.aliases.append(alias[:MAX_NAME_LENGTH])
                    self.names[name_key(alias)] = canonical
            descriptors = " ".join(heading.descriptors).lower()
            if any(hint in descriptors for hint in RESOURCE_HINTS):
                entry.resource = True
            if heading.href and not entry.website:
                entry.website = heading.href
        return canonical

    def names_in(self, text: str) -> list[str]:
        """Known framework names mentioned in a short text, by whole words."""
        words = re.findall(r"[\w.+'’-]+", text)
        found = []
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                canonical = self.known(" ".join(words[start : start + size]))
                if canonical and canonical not in found:
                    found.append(canonical)
        return found

    def classify(self, section: Section, inside: str | None) -> None:
        """Decide what each heading is; `inside` is the framework of the enclosing section."""
        for child in section.children:
            self.classify_one(child, inside)
            self.classify(child, child.framework)

    def classify_one(self, section: Section, inside: str | None) -> None:
        inline = section.inline or Inline([])
        heading = heading_name(inline)
        section.numbered = heading.numbered
        plain_lower = heading.plain.lower()
        if re.match(r"^\W*todo\b", plain_lower):
            section.role = "todo"
            return
        if re.search(r"\b(vs\.?|versus)\b|\bor\b.*\?$", plain_lower):
            section.role = "versus"
            return
        label = label_kind(heading.plain, self.names.keys())
        if label:
            section.role, section.label, section.framework = "label", label, inside
            return
        if inside and self.is_summary_heading(heading.plain):
            # "When to use Django", "Best for": what follows sums the framework up.
            section.role, section.label, section.framework = "label", "summary", inside
            return
        section.topic = self.topics.topic_for_heading(heading.name) or self.topics.topic_for_heading(
            heading.plain
        )
        canonical = self.known(heading.name) or self.known(heading.plain)
        if canonical is None:
            for alias in heading.aliases:
                if self.known(alias):
                    canonical = self.known(alias)
        if canonical:
            if inside and canonical == inside and not heading.numbered:
                section.framework = inside  # a repeated name inside its own section
                return
            section.role, section.framework = (
                "framework",
                self.add_framework(canonical, section, heading),
            )
            return
        if inside:
            section.framework = inside  # taglines, "Key features", "Getting started"...
            return
        mentioned = self.names_in(heading.plain)
        if len(mentioned) == 1 and self.has_claim_structure(section):
            section.role, section.framework = (
                "framework",
                self.add_framework(mentioned[0], section, heading),
            )
            return
        if looks_like_name(heading.name, self.topic_keys) and (
            self.has_claim_structure(section)
            or self.has_website_line(section)
            or (heading.numbered and self.numbered_framework_siblings(section) >= 2)
        ):
            section.role, section.framework = (
                "framework",
                self.add_framework(heading.name, section, heading),
            )

    def is_summary_heading(self, text: str) -> bool:
        words = [w for w in re.findall(r"[\w'’]+", text.lower()) if name_key(w) not in self.names]
        return " ".join(words) in SUMMARY_LABELS

    def promote_bold_headings(self, blocks: list[Block]) -> list[Block]:
        """A paragraph that is only a bold framework name ("**2. Flask**") is that framework's
        heading in articles written without heading markup. It sits below every real heading."""
        promoted = []
        for block in blocks:
            runs = [run for run in block.inline.runs if run.text.strip()] if block.kind == "paragraph" else []
            if runs and all(run.bold for run in runs) and len(block.inline.text.split()) <= 8:
                name = heading_name(block.inline).name
                if self.known(name) and not label_kind(block.inline.text):
                    block = Block("heading", block.line, block.inline, level=7)
            promoted.append(block)
        return promoted

    def numbered_framework_siblings(self, section: Section) -> int:
        count = 0
        for sibling in section.parent.children if section.parent else []:
            if sibling is section or sibling.level != section.level:
                continue
            name = heading_name(sibling.inline or Inline([]))
            if name.numbered and (self.known(name.name) or sibling.role == "framework"):
                count += 1
        return count

    def has_website_line(self, section: Section) -> bool:
        for block in self.own_blocks(section):
            texts = [block.inline.text] if block.inline else [i.inline.text for i in block.items]
            if any(_WEBSITE_LINE.match(t) and _URL.search(t) for t in texts):
                return True
        return False

    def own_blocks(self, section: Section):
        """The section's blocks and those of sub-sections that belong to it (labels, taglines),
        not of sub-sections that may be about a framework of their own."""
        yield from section.blocks
        for child in section.children:
            name = heading_name(child.inline or Inline([])).name
            if label_kind(child.heading) or not (self.known(name) or looks_like_name(name, self.topic_keys)):
                yield from self.own_blocks(child)

    def has_claim_structure(self, section: Section) -> bool:
        for child in section.children:
            if label_kind(child.heading, self.names.keys()) in ("pro", "con"):
                return True
        previous = None
        for block in self.own_blocks(section):
            if block.kind == "paragraph":
                runs = [run for run in block.inline.runs if run.text.strip()]
                if label_kind(block.inline.text) in ("pro", "con") or (
                    runs and runs[0].bold and label_kind(runs[0].text) in ("pro", "con")
                ):
                    return True
                if emoji_kind(block.inline.text)[0]:
                    return True
            if block.kind == "list":
                if (
                    previous is not None
                    and previous.kind == "paragraph"
                    and previous.inline.text.rstrip("*_ ").endswith((":", "："))
                ):
                    return True
                for item in block.items:
                    if label_kind(item.inline.text) in ("pro", "con") or emoji_kind(item.inline.text)[0]:
                        return True
            previous = block
        return False

    # -- claims -------------------------------------------------------------------------------

    def add_claim(
        self,
        framework: str,
        kind: str,
        title: str,
        text: str,
        section: Section,
        line: int,
        topic_hint: str | None = None,
    ) -> None:
        text = text.strip()
        title = title.strip() or short_title(text)
        if not text or len(text) < 2:
            return
        if len(self.claims) >= MAX_CLAIMS:
            self.dropped += 1
            return
        if len(text) > MAX_CLAIM_TEXT:
            text = text[:MAX_CLAIM_TEXT].rsplit(" ", 1)[0] + "…"
        topic = topic_hint or self.topics.classify(title, text)
        self.claims.append(
            ParsedClaim(framework, kind, title[:MAX_CLAIM_TITLE], text, topic, section.heading[:300], line)
        )

    def read(self, section: Section, framework: str | None, mode: str | None, topic: str | None) -> None:
        if section.role == "todo":
            # A note to the author: its own text is not content, but an h1 TODO can still
            # enclose the next sections.
            for child in section.children:
                self.read(child, None, None, topic)
            return
        if section.role == "versus":
            framework, mode = None, None
        elif section.role == "framework":
            framework, mode = section.framework, None
        elif section.role == "label":
            mode = section.label
        topic = section.topic or topic
        self.read_blocks(section, framework, mode, topic)
        for child in section.children:
            self.read(child, framework, mode, topic)

    def read_blocks(
        self, section: Section, framework: str | None, heading_mode: str | None, topic: str | None
    ) -> None:
        pending: str | None = None
        first_paragraph = True
        for block in section.blocks:
            if block.kind == "paragraph":
                text = block.inline.text
                if framework:
                    self.note_website(framework, block.inline, first_paragraph)
                    self.note_alias(framework, text)
                    if first_paragraph and NOT_A_FRAMEWORK.search(text):
                        self.frameworks[framework].resource = self.frameworks[framework].resource or any(
                            hint in text.lower() for hint in (*RESOURCE_HINTS, "resource")
                        )
                first_paragraph = False
                label = label_kind(text, self.names.keys())
                if (
                    framework
                    and label is None
                    and self.read_paragraph_claims(block, section, framework, topic)
                ):
                    pending = None
                elif label:
                    pending = label
                elif framework and text.rstrip("*_ ").endswith((":", "：")) and not _WEBSITE_LINE.match(text):
                    pending = "feature"
                else:
                    pending = None
            elif block.kind == "list":
                self.read_list(block, section, framework, pending or heading_mode, topic)
                pending = None
            elif block.kind == "table":
                self.read_table(block, section, framework, topic)
                pending = None

    def add_label_claims(
        self, framework: str, kind: str, label: str, rest: str, section: Section, line: int, topic: str | None
    ) -> None:
        """A label with its claims on the same line: a summary is one claim titled by its label;
        "fast, simple, small" is a claim per item."""
        if kind == "summary":
            self.add_claim(framework, kind, label.strip(" :："), rest, section, line, topic)
            return
        for item in short_items(rest):
            self.add_claim(framework, kind, short_title(item), item, section, line, topic)

    def read_paragraph_claims(
        self, block: Block, section: Section, framework: str, topic: str | None
    ) -> bool:
        """Claims written as paragraphs: `**Pros:** small, fast.` or lines that open with ✅ / ❌."""
        runs = [run for run in block.inline.runs if run.text.strip()]
        if runs and runs[0].bold:
            label = runs[0].text.strip(" :：")
            rest = _squash("".join(run.text for run in runs[1:])).lstrip(":： ")
            kind = label_kind(label) or inline_label_kind(label)
            if kind and rest:  # "**Pros:** small, fast." or "**Best for:** small teams"
                self.add_label_claims(framework, kind, label, rest, section, block.line, topic)
                return True
        lines = [line.strip() for line in "".join(r.text for r in block.inline.runs).split("\n")]
        marked = [(offset, *emoji_kind(line)) for offset, line in enumerate(lines) if line]
        if not marked or not all(kind for _, kind, _ in marked):
            return False
        for offset, kind, text in marked:
            title, body = split_title(Inline([Run(text)]))
            self.add_claim(framework, kind, title, body, section, block.line + offset, topic)
        return True

    def note_website(self, framework: str, inline: Inline, first_paragraph: bool) -> None:
        entry = self.frameworks.get(framework)
        if entry is None or entry.website:
            return
        text = inline.text
        if _WEBSITE_LINE.match(text):
            url = next((h for _, h in inline.links() if h.startswith("http")), None)
            match = _URL.search(text)
            entry.website = url or (match.group(0) if match else "")
        elif first_paragraph:
            for label, href in inline.links():
                if href.startswith("http") and name_key(label) == name_key(framework):
                    entry.website = href
                    return

    def note_alias(self, framework: str, text: str) -> None:
        for name in [framework, *self.frameworks[framework].aliases]:
            pattern = (
                re.escape(name)
                + r"\s*[(（]\s*(?:formerly|previously|once known as|aka|also known as)\s+([^)）]{2,60})[)）]"
            )
            for match in re.finditer(pattern, text, re.I):
                alias = match.group(1).strip(" .\"'“”")
                if alias and name_key(alias) not in self.names:
                    self.frameworks[framework].aliases.append(alias)
                    self.names[name_key(alias)] = framework

    def read_list(
        self,
        block: Block,
        section: Section,
        framework: str | None,
        mode: str | None,
        topic: str | None,
    ) -> None:
        if framework is None:
            if mode:
                self.warnings.append(
                    f"line {block.line}: section {section.heading or '(top)'!r} has {mode}s "
                    "but no framework matched"
                )
            else:
                self.read_summaries(block, section)
            return
        for item in block.items:
            text = item.inline.text
            if not text:
                continue
            label = label_kind(text, self.names.keys())
            if label is None:
                head = next((r.text for r in item.inline.runs if r.text.strip()), "")
                head_label = (
                    label_kind(head)
                    if (item.inline.runs and item.inline.runs[0].bold) or head.rstrip().endswith(":")
                    else None
                )
                if head_label and head.strip() != text.strip():
                    # "**Pros:** fast, simple": a label with its claims on the same line.
                    mode = head_label
                    rest = text[len(_squash(head)) :].strip(" :")
                    self.add_label_claims(framework, mode, head, rest, section, item.line, topic)
                    continue
                inline = _INLINE_LABEL.match(text)
                kind = inline and inline_label_kind(inline.group(1))
                if kind:
                    # "- Pro: fast" / "- Best for: internal tools": a label for this item only.
                    label, rest = inline.group(1).strip(), inline.group(2).strip()
                    title = label if kind == "summary" else short_title(rest)
                    self.add_claim(framework, kind, title, rest, section, item.line, topic)
                    continue
            if label:
                mode = label
                for child in item.children:
                    if child.kind == "list":
                        self.read_list(child, section, framework, label, topic)
                continue
            kind, stripped = emoji_kind(text)
            if _WEBSITE_LINE.match(text) or _URL.fullmatch(text.strip()):
                self.note_website(framework, item.inline, False)
                continue
            kind = kind or mode
            if not kind:
                continue
            if stripped != text:
                title, body = split_title(Inline([Run(stripped)]))
            else:
                title, body = split_title(item.inline)
            nested = [
                i.inline.text
                for child in item.children
                if child.kind == "list"
                for i in child.items
                if i.inline.text
            ]
            if nested and all(label_kind(n) is None for n in nested):
                body = (
                    body.rstrip(".:")
                    + (": " if body.rstrip().endswith(":") or body == title else ". ")
                    + "; ".join(nested)
                )
            self.add_claim(framework, kind, title, body, section, item.line, topic)

    def read_summaries(self, block: Block, section: Section) -> None:
        """Conclusion bullets that open with bold framework names: a summary for each."""
        for item in block.items:
            names = []
            runs = [r for r in item.inline.runs if r.text.strip()]
            consumed = 0
            for run in runs:
                if run.bold and self.known(run.text.strip(" :")):
                    names.append(self.known(run.text.strip(" :")))
                    consumed += 1
                elif not run.bold and re.fullmatch(r"\s*(,|and|&|or|/|,\s*and)\s*", run.text):
                    consumed += 1
                else:
                    break
            if not names:
                continue
            rest = _squash("".join(r.text for r in runs[consumed:]))
            if len(rest.split()) < 3:
                continue
            text = item.inline.text
            title = section.heading.strip(" :") or "Summary"
            for name in dict.fromkeys(names):
                canonical = self.add_framework(name, None, None)
                self.add_claim(canonical, "summary", title, text, section, item.line)

    def read_table(self, block: Block, section: Section, framework: str | None, topic: str | None) -> None:
        if len(block.rows) < 2:
            return
        header = [cell.text for cell in block.rows[0][1]]
        body = block.rows[1:]
        # Inside one framework's section: | Pros | Cons |, a column of claims per kind.
        column_kinds = [self.column_kind(h) for h in header]
        if framework and all(column_kinds):
            for line, cells in body:
                for kind, heading, cell in zip(column_kinds, header, cells, strict=False):
                    self.table_cell(framework, kind, heading, cell, section, line, topic)
            return
        # Frameworks as columns: | Feature | Django | Flask |
        column_names = [self.known(_PARENS.sub("", h).strip()) for h in header[1:]]
        if sum(1 for n in column_names if n) >= 2:
            for line, cells in body:
                if not cells:
                    continue
                row_label = cells[0].text
                kind = label_kind(row_label) or self.column_kind(row_label)
                for index, cell in enumerate(cells[1:]):
                    name = column_names[index] if index < len(column_names) else None
                    if name:
                        framework = self.add_framework(name, None, None)
                        self.table_cell(
                            framework,
                            kind or "feature",
                            row_label,
                            cell,
                            section,
                            line,
                            topic,
                            attribute=not kind,
                        )
            return
        # A row per framework: | Framework | Pros | Cons | Best for |
        kinds = [self.column_kind(h) for h in header]
        if not any(kinds[1:]):
            return
        first = name_key(header[0]) if header else ""
        rows_named = [self.row_framework(cells[0].text) for _, cells in body if cells]
        if not (
            first
            in {
                "framework",
                "frameworks",
                "tool",
                "name",
                "library",
                "option",
                "platform",
                "resource",
                "technology",
                "project",
                "",
            }
            or sum(1 for r in rows_named if r and self.known(r)) * 2 >= len(rows_named)
        ):
            return
        for (line, cells), name in zip(body, rows_named, strict=False):
            if not name or not cells:
                continue
            canonical = (
                self.add_framework(name, None, None)
                if (self.known(name) or looks_like_name(name, self.topic_keys))
                else None
            )
            if canonical is None:
                continue
            descriptors = [m.group(1) for m in _PARENS.finditer(cells[0].text)]
            if any(h in " ".join(descriptors).lower() for h in RESOURCE_HINTS):
                self.frameworks[canonical].resource = True
            for index, cell in enumerate(cells[1:], start=1):
                if index < len(kinds) and kinds[index]:
                    self.table_cell(canonical, kinds[index], header[index], cell, section, line, topic)

    def row_framework(self, text: str) -> str | None:
        heading = heading_name(Inline([Run(text)]))
        return self.known(heading.name) or self.known(text) or heading.name or None

    def column_kind(self, header: str) -> str | None:
        plain = " ".join(header.lower().replace("/", " / ").split())
        label = label_kind(plain)
        if label:
            return label
        words = set(re.findall(r"[\w']+", plain))
        if words & {"pros", "advantages", "advantage", "strengths", "benefits"}:
            return "pro"
        if words & {"cons", "disadvantages", "weaknesses", "drawbacks", "limitations"}:
            return "con"
        if any(phrase in plain for phrase in SUMMARY_COLUMNS):
            return "summary"
        if words & set(COST_COLUMNS):
            return "cost"
        if words & {"features", "feature", "highlights", "capabilities"}:
            return "feature"
        return None

    def table_cell(
        self,
        framework: str,
        kind: str,
        header: str,
        cell: Inline,
        section: Section,
        line: int,
        topic: str | None,
        attribute: bool = False,
    ) -> None:
        """One cell: a claim per line. `attribute` when the header names a property ("Admin",
        "Performance") rather than a kind of claim ("Pros", "Best for")."""
        parts = cell.split_breaks() if cell.breaks else [cell.text]
        header = header.strip() or "Feature"
        for part in parts:
            value = part.strip()
            emoji, rest = emoji_kind(value)
            if value.strip(" -–—").lower() in NO_VALUES or (emoji == "con" and not rest and "⚠" not in value):
                continue  # "no" is not a claim; the capability facts say what is missing
            if value.lower() in YES_VALUES or (emoji == "pro" and not rest):
                value = f"{header}: yes"
            elif emoji:
                value = f"{header}: {rest or 'partly'}"
            elif attribute and len(value.split()) <= 4 and len(parts) == 1:
                value = f"{header}: {value}"  # "Performance: Good" says more than "Good"
            claim_kind, claim_topic = kind, topic
            if kind == "cost":
                claim_kind, claim_topic = "feature", self.cost_topic()
            if attribute:
                title = header if len(parts) == 1 else short_title(part)
            else:
                # A "Pros" or "Key advantages" column: the cell speaks for itself.
                value = part.strip()
                title = short_title(value) if kind in ("pro", "con", "feature") else header
            claim_topic = claim_topic or self.topics.topic_for_heading(header)
            self.add_claim(framework, claim_kind, title, value, section, line, claim_topic)

    def cost_topic(self) -> str | None:
        return self.topics.by_name.get("cost")

    # -- results ------------------------------------------------------------------------------

    def finish(self) -> None:
        if self.dropped:
            self.warnings.append(
                f"the article has {MAX_CLAIMS + self.dropped:,} claims; kept the first {MAX_CLAIMS:,}"
            )
        used = {claim.framework for claim in self.claims}
        for name, entry in self.frameworks.items():
            if name not in used:
                self.warnings.append(
                    f"line {entry.line or '?'}: framework {name!r} found but no pros, cons or features read"
                )
        counts: dict[str, int] = {}
        for claim in self.claims:
            base = f"{name_key(claim.framework)}|{claim.kind}|{name_key(claim.title)[:120]}"
            counts[base] = counts.get(base, 0) + 1
            if counts[base] > 1:
                base = f"{base}|{counts[base]}"
            claim.key = hashlib.sha256(base.encode("utf-8")).hexdigest()[:40]
