"""The parser's plain data: what it is given (the catalogue) and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from articles.parsing.text import name_key


class Kind(StrEnum):
    """What a claim says about its framework. The values are what the database stores."""

    PRO = "pro"
    CON = "con"
    FEATURE = "feature"
    SUMMARY = "summary"


@dataclass(frozen=True)
class TopicRule:
    slug: str
    name: str
    keywords: tuple[str, ...]

    @classmethod
    def listed(cls, slug: str, name: str, keywords: str) -> TopicRule:
        """A topic whose keywords are written as editors write them: "fast, speed, latency"."""
        return cls(slug, name, tuple(word.strip().lower() for word in keywords.split(",") if word.strip()))


@dataclass
class Catalogue:
    """What the importer already knows: framework names and aliases, and the topics."""

    names: dict[str, str] = field(default_factory=dict)  # name_key -> canonical name
    topics: list[TopicRule] = field(default_factory=list)
    libraries: set[str] = field(default_factory=set)  # name keys of libraries and servers

    def lookup(self, name: str) -> str | None:
        return self.names.get(name_key(name))

    @classmethod
    def from_fixtures(cls, rows: list[dict]) -> Catalogue:
        """The catalogue Django fixture rows describe (fixtures/*.json, as `make run` loads them),
        for tests and tools that read it without a database."""
        frameworks = {r["pk"]: r["fields"] for r in rows if r["model"] == "frameworks.framework"}
        names = {name_key(f["name"]): f["name"] for f in frameworks.values()}
        for row in rows:
            if row["model"] == "frameworks.frameworkalias":
                names[name_key(row["fields"]["name"])] = frameworks[row["fields"]["framework"]]["name"]
        topics = [
            TopicRule.listed(r["fields"]["slug"], r["fields"]["name"], r["fields"]["keywords"])
            for r in sorted(
                (r for r in rows if r["model"] == "frameworks.topic"), key=lambda r: r["fields"]["position"]
            )
        ]
        libraries = {name_key(f["name"]) for f in frameworks.values() if f["kind"] == "library"}
        return cls(names=names, topics=topics, libraries=libraries)


@dataclass
class ParsedFramework:
    name: str
    known: bool
    resource: bool = False
    aliases: list[str] = field(default_factory=list)
    website: str = ""
    heading: str = ""
    line: int | None = None


@dataclass
class ParsedClaim:
    framework: str
    kind: Kind
    title: str
    text: str
    topic: str | None
    heading: str
    line: int
    key: str = ""
    headings: tuple[str, ...] = ()  # every heading above it, outermost first
    subheadings: tuple[str, ...] = ()  # those between its label and it ("#### ✅ Type safety")
    # What the claim's key is made from: its title as the article gives it, or for an untitled
    # claim the opening words of its text, as they were first read (see titles.short_title).
    known_as: str = ""


@dataclass
class Metadata:
    """What the front matter says, normalised."""

    title: str
    slug: str
    published: date | None
    authors: list[str]
    description: str
    tags: list[str]
    draft: bool
    canonical_url: str
    source: str
    language: str = ""  # ISO 639-1, from the front matter or detected from the text


@dataclass
class ParsedArticle(Metadata):
    body: str = ""
    frameworks: list[ParsedFramework] = field(default_factory=list)
    claims: list[ParsedClaim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
