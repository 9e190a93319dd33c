"""Reading an article's sections: the rules of entries.py and claims.py, run in order."""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from dataclasses import replace

from articles.parsing import claims as rules
from articles.parsing.blocks import Block, Inline, Run
from articles.parsing.claims import Context, Draft
from articles.parsing.entries import Facts, classify
from articles.parsing.model import Catalogue, Kind, ParsedClaim, ParsedFramework
from articles.parsing.names import HeadingName, NameTable, heading_name, is_resource, looks_like_name
from articles.parsing.sections import Role, Section
from articles.parsing.text import MAX_CLAIM_TEXT, MAX_CLAIM_TITLE, MAX_CLAIMS, name_key
from articles.parsing.titles import short_items, short_title, shown_title
from articles.parsing.topics import classifier_for
from articles.parsing.vocabulary import is_pair, label_in, label_of
from articles.parsing.walk import Walk

NOT_A_FRAMEWORK = re.compile(
    r"\b(not a (web )?framework|isn't a (web )?framework|is not a (web )?framework)", re.I
)
# A bullet that is a command or a line of code is a step of a tutorial, not a claim.
COMMAND = re.compile(
    r"^`?(?:import \w|from [\w.]+ import |pip3? install|\$ |>>> |def \w|class \w|python3? -?\w|"
    r"npm |git |cd |uvicorn |streamlit run |flask run|django-admin |docker |curl )"
)
_ALIAS_IN_TEXT = r"\s*[(（]\s*(?:formerly|previously|once known as|aka|also known as)\s+([^)）]{2,60})[)）]"


class ArticleReader:
    def __init__(self, catalogue: Catalogue):
        self.names = NameTable(catalogue)
        self.topics = classifier_for(tuple(catalogue.topics), frozenset(catalogue.names))
        self.topic_keys = {name_key(name) for name in self.topics.keys} | {
            name_key(t.slug) for t in catalogue.topics
        }
        self.frameworks: dict[str, ParsedFramework] = {}
        self.claims: list[ParsedClaim] = []
        self.dropped = 0  # claims beyond MAX_CLAIMS
        self.warnings: list[str] = []
        self.article_framework: str | None = None
        self.facts: dict[int, Facts] = {}
        self.dry = False  # reading only to see whether a section has claims: change nothing
        self._support: list[str] = []  # the known frameworks a list names in its items

    # -- frameworks -------------------------------------------------------------------------------

    def add_framework(
        self, name: str, section: Section | None = None, heading: HeadingName | None = None
    ) -> str:
        if self.dry:
            return self.names.known(name) or name
        canonical = self.names.add(name)
        entry = self.frameworks.get(canonical)
        if entry is None:
            entry = ParsedFramework(canonical, self.names.in_catalogue(canonical))
            entry.heading, entry.line = (section.heading, section.line) if section else ("", None)
            self.frameworks[canonical] = entry
        if heading:
            for alias in heading.aliases:
                if alias and self.names.add_alias(alias, canonical):
                    entry.aliases.append(alias[:100])
            entry.resource = entry.resource or is_resource(heading.descriptors)
            entry.website = entry.website or heading.href
        return canonical

    def one_framework(self, text: str, prefer: str | None = None) -> str | None:
        """The framework a label or a sentence is about: the one it names, or when it names
        several, the enclosing one or the article's, else the first."""
        mentioned = self.names.mentioned(text)
        for choice in (prefer, self.article_framework):
            if choice and choice in mentioned:
                return choice
        return mentioned[0] if mentioned else None

    def item_framework(self, item, ctx: Context, create: bool = False) -> str | None:
        """The framework a list item names, when the item is only that name: a known one, or a
        new name among at least two known frameworks listed the same way."""
        heading = heading_name(item.inline)
        known = self.names.in_heading(heading)
        if known is None and (len(self._support) < 2 or not looks_like_name(heading.name, self.topic_keys)):
            return None
        name = known or heading.name
        if name == ctx.framework and (ctx.entry or ctx.kind):
            return None  # "- Flask" under "## Flask": no entry of its own (the title's is one)
        return self.add_framework(name, None, heading) if create else name

    def note_website(self, framework: str, inline: Inline, first_paragraph: bool) -> None:
        entry = self.frameworks.get(framework)
        if self.dry or entry is None or entry.website:
            return
        if rules.WEBSITE_LINE.match(inline.text[:200]):  # a label opens the line
            url = next((h for _, h in inline.links() if h.startswith("http")), None)
            match = rules.URL.search(inline.text)
            entry.website = url or (match.group(0) if match else "")
        elif first_paragraph:
            entry.website = next(
                (
                    h
                    for label, h in inline.links()
                    if h.startswith("http") and name_key(label) == name_key(framework)
                ),
                "",
            )

    def note_about(self, framework: str, inline: Inline, first_paragraph: bool) -> None:
        """What an entry's own paragraphs say about it: its site, a former name, "not a framework"."""
        entry = self.frameworks.get(framework)
        if self.dry or entry is None:
            return
        self.note_website(framework, inline, first_paragraph)
        text = inline.text[:2000]
        for name in [framework, *entry.aliases]:
            for match in re.finditer(re.escape(name) + _ALIAS_IN_TEXT, text, re.I):
                alias = match.group(1).strip(" .\"'“”")
                if self.names.add_alias(alias, framework):
                    entry.aliases.append(alias)
        if first_paragraph and NOT_A_FRAMEWORK.search(text):
            entry.resource = entry.resource or is_resource([], text + " resource")

    # -- sections ---------------------------------------------------------------------------------

    def read_article(self, root: Section, title_framework: str | None = None, title: str = "") -> None:
        """`title_framework`: the first framework the title names, for labelled claims nothing
        else in the article attributes ("Taipy review: a rival to Streamlit?" ... "## Pros").
        A title that is a label ("Five reasons to use Django", "Pros and cons of Flask") labels
        the whole article, as a heading labels its section."""
        self.facts = classify(root, self)
        framework = self.article_framework or title_framework
        kind = (label_of(title, self.names.keys) or label_in(title)) if framework else None
        pair = bool(framework) and kind is None and is_pair(title, self.names.keys)
        self.read(root, Context(framework=framework, kind=kind, pair=pair))

    def read(self, section: Section, ctx: Context) -> None:
        ctx = self.context_for(section, ctx)
        self.add_all(self.section_claims(section, ctx))
        for child in section.children:
            if (
                ctx.kind
                and ctx.framework
                and child.role == Role.OTHER
                and not self.facts[id(child)].title
                and not self.lists_in(child)
            ):
                self.add_all(self.heading_claim(child, ctx))  # "### Admin included" under "## Pros"
            else:
                self.read(child, ctx)

    def context_for(self, section: Section, ctx: Context) -> Context:
        heading = section.heading[:300] or ctx.heading
        # The headings above a claim say what it is about in topic-first articles ("## Performance"
        # over "### Django"), whatever role they have here.
        headings = (*ctx.headings, section.heading[:300]) if section.heading else ctx.headings
        if section.role == Role.TODO or section.role == Role.VERSUS:
            return Context(heading=heading, headings=headings)
        if section.role == Role.ENTRY:
            library = self.names.is_library(section.framework)  # "### Uvicorn" in a Starlette article
            return Context(framework=section.framework, entry=not library, heading=heading, headings=headings)
        named = self.facts[id(section)].mentioned if id(section) in self.facts else []
        # A label under a heading that names one framework is about it ("## 2024: NiceGUI").
        framework = ctx.framework or (named[0] if len(named) == 1 else None)
        # Under a label, a heading names the point the bullets below it make ("#### ✅ Type safety").
        subheadings = (*ctx.subheadings, section.heading[:300]) if ctx.kind and section.heading else ()
        if section.role == Role.LABEL:
            return Context(
                framework=section.framework or framework,
                kind=section.label,
                heading=heading,
                headings=headings,
                subheadings=subheadings,
            )
        if section.role == Role.PAIR:
            return Context(
                framework=section.framework or framework, pair=True, heading=heading, headings=headings
            )
        aspect = bool(section.topic and ctx.framework and ctx.entry)  # "### Performance" under "## Django"
        return replace(
            ctx,
            framework=framework,
            entry=aspect,
            heading=heading,
            headings=headings,
            subheadings=subheadings,
        )

    @staticmethod
    def lists_in(section: Section) -> bool:
        return any(block.kind in ("list", "table") for block in section.blocks)

    def heading_claim(self, section: Section, ctx: Context) -> list[Draft]:
        """A sub-heading under a label names one claim; its first paragraph says it."""
        title = heading_name(section.inline or Inline([])).name or section.heading
        paragraph = next((b.inline.text for b in section.blocks if b.kind == "paragraph"), "")
        return [rules.draft(ctx, ctx.kind, title.strip(" :："), paragraph or title, section.line)]

    def section_claims(self, section: Section, ctx: Context) -> list[Draft]:
        if section.role == Role.TODO:
            return []
        found = self.blocks_claims(section.blocks, ctx)
        parent = section.parent
        in_entry = parent is not None and parent.role == Role.ENTRY
        if not found and section.role == Role.LABEL and in_entry and not section.children:
            found = self.prose_claims(section.blocks, ctx)
        return found

    def prose_claims(self, blocks: list[Block], ctx: Context) -> list[Draft]:
        """Under "### Advantages" in a framework's section, paragraphs and nothing else: each is a claim
        ("Flask stays out of your way. ..."); a sentence announcing a list that is not there
        is none."""
        if not (ctx.framework and ctx.kind in (Kind.PRO, Kind.CON)):
            return []
        if any(block.kind != "paragraph" for block in blocks):
            return []
        texts = [(b.inline.text.strip(), b.line) for b in blocks]
        return [
            rules.draft(ctx, ctx.kind, short_title(text), text, line)
            for text, line in texts[:MAX_CLAIMS]
            if len(text.split()) >= 3 and not text.endswith((":", "："))
        ]

    def has_structure(
        self, section: Section, name: str, facts: dict[int, Facts], *, labelled_only: bool
    ) -> bool:
        """Whether a section under a new name has the shape of a framework entry: the claim rules
        run dry find claims in it (marked ones, unless its siblings are frameworks too)."""
        with self.dry_run():
            found = self._dry_claims(
                section, Context(framework=name, entry=True, heading=section.heading), facts
            )
        found = [d for d in found if d.framework == name]  # "Pros of Litestar:" inside is Litestar's
        return any(d.labelled for d in found) if labelled_only else bool(found)

    def _dry_claims(self, section: Section, ctx: Context, facts) -> list[Draft]:
        found = self.blocks_claims(section.blocks, ctx)
        for child in section.children:
            fact = facts[id(child)]
            if fact.label or fact.pair:
                found += self._dry_claims(
                    child, replace(ctx, kind=fact.label, pair=fact.pair, entry=False), facts
                )
        return found

    @contextmanager
    def dry_run(self):
        was, self.dry = self.dry, True
        try:
            yield
        finally:
            self.dry = was

    # -- blocks -----------------------------------------------------------------------------------

    def blocks_claims(self, blocks: list[Block], ctx: Context) -> list[Draft]:
        return Walk(self, ctx).claims(blocks)

    def list_claims(self, block: Block, ctx: Context) -> list[Draft]:
        saved = self._support
        self._support = [
            name
            for item in block.items
            if any(c.kind == "list" for c in item.children)
            and (name := self.names.in_heading(heading_name(item.inline)))
        ]
        try:
            found = []
            for item in block.items[: MAX_CLAIMS + 1]:
                label = self.item_label(item)
                item, trailing = self.trailing_line_label(item)
                if label:  # "- **Pros:**" with its items after it, in the same list
                    ctx = replace(ctx, kind=label, entry=False)
                elif item.inline.text:
                    rule = next((r for r in rules.ITEM_RULES if r.matches(item, ctx, self)), None)
                    found += rule.claims(item, ctx, self) if rule else []
                if trailing:
                    ctx = replace(ctx, kind=trailing, entry=False)
            return found
        finally:
            self._support = saved

    def trailing_line_label(self, item):
        """ "- fast  \\n Cons:": a label on the item's last line (a line that was no bullet
        joins the item above it) labels the items after it, and is no part of this one."""
        lines = item.inline.lines()
        if item.children or len(lines) < 2 or not lines[-1][1].text.rstrip().endswith((":", "：")):
            return item, None
        kind = label_of(lines[-1][1].text, self.names.keys, strict=True)
        if kind is None:
            return item, None
        runs = [run for _, line in lines[:-1] for run in [*line.runs, Run("\n")]][:-1]
        return replace(item, inline=Inline(runs)), kind

    def item_label(self, item) -> Kind | None:
        """A bullet that is only a label ("- **Pros:**", "- Kelebihan dari Flask:"): the kind of
        the bullets after it. A link is the name of a page, never a label."""
        if item.children or item.inline.link_only:
            return None
        return label_of(item.inline.text, self.names.keys, strict=True)

    def label_claims(self, ctx: Context, kind: Kind, label: str, rest: str, line: int) -> list[Draft]:
        """A label with its claims on the same line: a summary is one claim titled by its label;
        "fast, simple, small" is a claim per item."""
        if kind == Kind.SUMMARY:
            return [rules.draft(ctx, kind, label.strip(" :："), rest, line)]
        return [rules.draft(ctx, kind, short_title(item), item, line) for item in short_items(rest)]

    def cost_topic(self) -> str | None:
        return self.topics.by_name.get("cost")

    # -- results ----------------------------------------------------------------------------------

    def add_all(self, drafts: list[Draft]) -> None:
        for found in drafts:
            self.add(found)

    def add(self, found: Draft) -> None:
        text = found.text.strip()
        if not found.framework or len(text) < 2 or COMMAND.match(text):
            return
        if len(self.claims) >= MAX_CLAIMS:
            self.dropped += 1
            return
        if len(text) > MAX_CLAIM_TEXT:
            text = text[:MAX_CLAIM_TEXT].rsplit(" ", 1)[0] + "…"
        said = (found.title.strip() or short_title(text))[:MAX_CLAIM_TITLE]
        framework = self.add_framework(found.framework)
        kind = Kind(found.kind)
        topic = found.topic or self.topics.classify(said, text, found.headings, kind, found.subheadings)
        title = shown_title(said, text)
        claim = ParsedClaim(framework, kind, title, text, topic, found.heading[:300], found.line)
        claim.headings, claim.subheadings, claim.known_as = found.headings, found.subheadings, said
        self.claims.append(claim)

    def finish(self) -> None:
        if self.dropped:
            self.warnings.append(
                f"the article has more than {MAX_CLAIMS:,} claims; kept the first {MAX_CLAIMS:,}"
            )
        used = {claim.framework for claim in self.claims}
        for name, entry in list(self.frameworks.items()):
            if name not in used:
                del self.frameworks[name]  # a framework with no claims is not worth an entry
                if not entry.known:
                    self.warnings.append(
                        f"line {entry.line or '?'}: {name!r} looked like a framework but has no claims"
                    )
        counts: dict[str, int] = {}
        for claim in self.claims:
            base = f"{name_key(claim.framework)}|{claim.kind}|{name_key(claim.known_as)[:120]}"
            counts[base] = counts.get(base, 0) + 1
            if counts[base] > 1:
                base = f"{base}|{counts[base]}"
            claim.key = hashlib.sha256(base.encode("utf-8")).hexdigest()[:40]
