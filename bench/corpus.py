"""Generate article files for the import benchmark and the soak test, in the formats real blogs use.

Deterministic (seeded). Ten layouts rotate: YAML front matter with `### Pros`/`### Cons`;
YAML with numbered `## 1. Name: tagline` headings and `**Pros**` labels; TOML front matter with
`Pros:` labels; no front matter, setext headings and `#### Advantages` with en-dash bullets;
a per-framework table (Framework | Pros | Cons | Best for); emoji bullets; `### 2) Name` with
Strengths/Weaknesses; topic-first sections (`## Performance` / `### Django`); CRLF with a BOM
and Italian labels; MDX with imports, JSX and `- **Pros:**` items at one-space indent.
The prose is written here from small vocabularies; nothing is copied from real articles.

    python bench/corpus.py DIR [--count 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

# Names the catalogue (fixtures/frameworks.json) knows, most discussed first, and names it does not.
KNOWN = [
    "Django", "Flask", "FastAPI", "Litestar", "Starlette", "Pyramid", "Tornado", "Sanic", "Quart",
    "Bottle", "Falcon", "aiohttp", "Streamlit", "Gradio", "Dash", "Panel", "Reflex", "NiceGUI",
    "Flet", "CherryPy", "Masonite", "web2py",
]  # fmt: skip
UNKNOWN = ["Quorvel", "Tessaro", "Brindle API", "Halcyon Web", "Murmur", "Pellucid", "Korvid", "Zintra"]
SOURCES = [
    "Harbor Lane Dev", "The Midnight Compiler", "Nordkap Consulting", "Plain Python Review",
    "Sturdy Stack Labs", "Little Lambda", "Orchard Engineering", "Relay Weekly", "Lantern Notes",
    "Kettle & Code",
]  # fmt: skip
AUTHORS = ["Ines Varga", "Tomas Reyes", "Maya Lind", "Olu Bankole", "Sana Mirza", "Jon Aaberg", "Lea Voss"]

# topic word -> (pro claims, con claims, feature phrases); the topic words are in fixtures/topics.json.
TOPICS = {
    "Performance": (
        ["Fast request handling|Simple endpoints answer quickly, with low latency even on small servers."],
        ["Slow under load|Throughput drops once the default middleware stack is enabled."],
        ["response caching"],
    ),
    "Learning curve": (
        ["Easy to learn|A beginner can follow the tutorial and ship a page on the first afternoon."],
        ["Steep learning curve|There are many conventions to absorb before a newcomer feels productive."],
        ["a getting started guide"],
    ),
    "Documentation": (
        ["Thorough docs|The documentation covers every setting, with examples that actually run."],
        ["Thin documentation|Advanced topics are covered only by issue threads and old blog posts."],
        ["an API reference"],
    ),
    "Ecosystem": (
        ["Rich ecosystem|There is a maintained package for payments, search, tagging and more."],
        ["Small ecosystem|Few third-party packages exist, so teams write their own integrations."],
        ["a plugin registry"],
    ),
    "Async": (
        ["Native async|Handlers are async functions and concurrency with many connections is cheap."],
        ["Sync at heart|Async support is partial and blocking calls sneak into the event loop."],
        ["background tasks"],
    ),
    "Admin": (
        ["Generated admin|Editors get a back office for every model without extra code."],
        ["No admin|Every back-office screen has to be written by hand."],
        ["an admin interface"],
    ),
    "Database": (
        ["Capable ORM|Queries read well and schema migrations are generated for you."],
        ["Bring your own ORM|Choosing and wiring a database layer is left entirely to you."],
        ["schema migrations"],
    ),
    "Security": (
        ["Secure defaults|CSRF protection and escaping are on unless you turn them off."],
        ["Security is on you|Sessions and CSRF protection need extra packages and care."],
        ["CSRF protection"],
    ),
    "Scalability": (
        ["Scales out|Stateless workers behind a load balancer carried our traffic peaks."],
        ["Hard to scale|The monolithic layout made splitting the service painful as it grew."],
        ["horizontal scaling"],
    ),
    "Deployment": (
        ["Simple deployment|One container image and a process manager is all it needs."],
        ["Fiddly deployment|Its own server needs special care behind a reverse proxy."],
        ["a production server"],
    ),
    "Typing": (
        ["Typed validation|Type hints drive request validation and serialisation."],
        ["Weak typing support|Validation is manual and type checkers miss most mistakes."],
        ["request validation"],
    ),
    "Real-time": (
        ["WebSockets built in|Live updates over WebSockets need no extra server."],
        ["No real-time story|Pushing live updates requires a separate service."],
        ["WebSocket support"],
    ),
}
LABELS = {
    "english": ("Pros", "Cons"),
    "italian": ("Vantaggi", "Svantaggi"),
    "strengths": ("Strengths", "Weaknesses"),
    "advantages": ("Advantages", "Disadvantages"),
}
INTRO = [
    "We rebuilt the same booking service in each of these frameworks and wrote down what stuck.",
    "Every team we advise asks the same question, so here is the answer we keep giving.",
    "This is not a benchmark post: it is about living with a framework for a couple of years.",
    "Our notes from a year of maintaining services in production, trimmed to what matters.",
]
OUTRO = [
    "Pick the framework whose trade-offs you can live with, then stop comparing.",
    "If two options look equal, choose the one your team already knows.",
]


class Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def frameworks(self) -> list[str]:
        rng = self.rng
        names: list[str] = []
        while len(names) < rng.randint(3, 7):
            pool = UNKNOWN if rng.random() < 0.08 else KNOWN[: rng.choice([4, 8, len(KNOWN)])]
            name = rng.choice(pool)
            if name not in names:
                names.append(name)
        return names

    def claims(self, name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
        """(pros, cons, features) for one framework: (title, text) pairs."""
        rng = self.rng
        topics = rng.sample(list(TOPICS), rng.randint(3, 6))
        pros, cons, features = [], [], []
        for topic in topics:
            good, bad, feature = TOPICS[topic]
            is_good = rng.random() < 0.6
            title, text = rng.choice(good if is_good else bad).split("|")
            if rng.random() < 0.5:
                text = f"With {name}, {text if text[:2].isupper() else text[0].lower() + text[1:]}"
            (pros if is_good else cons).append((title, text))
            if rng.random() < 0.3:
                features.append(rng.choice(feature))
        if not pros:
            pros.append(("Pleasant to use", f"{name} stays out of the way for small services."))
        if not cons:
            cons.append(("Smaller community", f"Answers for {name} problems are harder to find online."))
        return pros, cons, features

    def article(self, index: int) -> tuple[str, str]:
        """(file name, text) of article number `index`."""
        rng = self.rng
        names = self.frameworks()
        layout = index % 10
        codename = "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).capitalize()
        title = rng.choice(
            [
                f"{names[0]} or {names[1]}? What project {codename} taught us",
                f"{len(names)} Python frameworks we tried for {codename}",
                f"Notes from the {codename} rewrite: {', '.join(names[:3])}",
            ]
        )
        published = date(2021, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        source = rng.choice(SOURCES) if rng.random() < 0.9 else ""
        authors = rng.sample(AUTHORS, rng.choice([1, 1, 2]))
        body = self.body(layout, names, title)
        if layout in (0, 4, 5, 7):
            front = "\n".join(
                [
                    "---",
                    f'title: "{title}"',
                    f"author: {authors[0]}" if len(authors) == 1 else "authors: [" + ", ".join(authors) + "]",
                    f"date: {published.isoformat()}",
                    *([f"source: {source}"] if source else []),
                    f"tags: [python, {names[0].lower()}, frameworks]",
                    f"canonical_url: https://blog-{index % 17}.example.org/"
                    f"{published.year}/{codename.lower()}-{index}/",
                    "---",
                ]
            )
            text = f"{front}\n\n{body}"
        elif layout in (1, 8):
            front = "\n".join(
                [
                    "---",
                    f'title: "{title}"' if ":" in title else f"title: {title}",
                    "authors:",
                    *(f"  - {a}" for a in authors),
                    f"date: '{published.isoformat()}'",
                    *([f'source: "{source}"'] if source else []),
                    "tags:",
                    "  - python",
                    "  - web",
                    "---",
                ]
            )
            text = f"{front}\n\n{body}"
        elif layout == 2:
            front = "\n".join(
                [
                    "+++",
                    f'title = "{title}"',
                    f"date = {published.isoformat()}",
                    "authors = [" + ", ".join(f'"{a}"' for a in authors) + "]",
                    *([f'source = "{source}"'] if source else []),
                    'tags = ["python", "frameworks"]',
                    "+++",
                ]
            )
            text = f"{front}\n\n{body}"
        elif layout == 9:
            front = "\n".join(
                ["---", f'title: "{title}"', f"authors: [{authors[0]}]", f"date: {published.isoformat()}"]
                + ([f"source: {source}"] if source else [])
                + ["---"]
            )
            imports = (
                "import Callout from '@site/src/components/Callout';\n"
                "import { Tabs } from '@site/src/components/Tabs';"
            )
            text = f"{front}\n\n{imports}\n\n{body}"
        else:  # 3 and 6: no front matter, the title is the first heading
            text = body if body.startswith("#") else f"# {title}\n\n{body}"
        if layout == 8:
            text = "\ufeff" + text.replace("\n", "\r\n")
        extension = ".mdx" if layout == 9 else ".md"
        return f"{published.isoformat()}-{codename.lower()}-{index:05d}{extension}", text

    def body(self, layout: int, names: list[str], title: str) -> str:
        rng = self.rng
        out = [rng.choice(INTRO), ""]
        if layout == 3:
            out = [title, "=" * len(title), "", *out]
        if layout == 6:
            out = [f"# {title}", "", *out]
        if layout == 9:
            out += [
                "<!--truncate-->",
                "",
                '<Callout type="info">',
                "We maintain none of these tools.",
                "</Callout>",
                "",
            ]
        if layout == 4:
            out += ["## The short version", "", "| Framework | Pros | Cons | Best for |", "|---|---|---|---|"]
            for name in names:
                pros, cons, _features = self.claims(name)
                out.append(
                    f"| {name} | {'; '.join(t for t, _ in pros)} | {'; '.join(t for t, _ in cons)} | "
                    f"{rng.choice(['APIs', 'dashboards', 'content sites', 'prototypes'])} |"
                )
            out.append("")
        if layout == 7:
            for topic in rng.sample(list(TOPICS), 4):
                out += [f"## {topic}", ""]
                for name in names[:4]:
                    good, bad, _feature = TOPICS[topic]
                    claim = rng.choice(good) if rng.random() < 0.6 else rng.choice(bad)
                    emoji = "👍" if claim in good else "👎"
                    out += [f"### {name}", "", f"- {emoji} {claim.split('|')[1]}", ""]
        else:
            for number, name in enumerate(names, start=1):
                pros, cons, features = self.claims(name)
                out += self.section(layout, number, name, pros, cons, features)
        out += ["## Conclusion", "", rng.choice(OUTRO), ""]
        return "\n".join(out)

    def section(self, layout, number, name, pros, cons, features) -> list[str]:
        rng = self.rng
        about = rng.choice(["APIs", "web apps", "dashboards"])
        lead = f"{name} comes up in nearly every conversation we have about {about}."
        if layout == 0:
            lines = [f"## {name}", "", lead, ""]
            if features:
                lines += ["Key features include:", "", *(f"- {f.capitalize()}" for f in features), ""]
            lines += ["### Pros", "", *(f"- **{t}**: {x}" for t, x in pros), ""]
            lines += ["### Cons", "", *(f"- **{t}**: {x}" for t, x in cons), ""]
        elif layout == 1:
            lines = [
                f"## {number}. {name}: {rng.choice(['The Steady Choice', 'Small and Sharp', 'For APIs'])}",
                "",
                lead,
                "",
            ]
            lines += ["**Pros**", "", *(f"- **{t}**: {x}" for t, x in pros), ""]
            lines += ["**Cons**", "", *(f"- **{t}**: {x}" for t, x in cons), ""]
        elif layout == 2:
            lines = [
                f"## {name}",
                "",
                f"Learn more: https://{name.lower().replace(' ', '')}.example.org/",
                "",
                lead,
                "",
            ]
            lines += ["Pros:", *(f"- **{t}**: {x}" for t, x in pros), ""]
            lines += ["Cons:", *(f"- **{t}**: {x}" for t, x in cons), ""]
        elif layout == 3:
            lines = [name, "-" * len(name), "", lead, ""]
            good, bad = LABELS["advantages"]
            lines += [f"#### {good}", "", *(f"- **{t}** – {x}" for t, x in pros), ""]
            lines += [f"#### {bad}", "", *(f"- **{t}** – {x}" for t, x in cons), ""]
        elif layout == 4:
            lines = [f"### {name}", "", lead, ""]
            if features:
                lines += ["Highlights include:", "", *(f"- {f.capitalize()}" for f in features), ""]
        elif layout == 5:
            lines = [f"## {name}", "", lead, ""]
            lines += [*(f"- ✅ {x}" for _t, x in pros), *(f"- ❌ {x}" for _t, x in cons), ""]
        elif layout == 6:
            good, bad = LABELS["strengths"]
            lines = [f"### {number}) {name}", "", lead, ""]
            lines += [f"**{good}**", "", *(f"- **{t}**: {x}" for t, x in pros), ""]
            lines += [f"**{bad}**", "", *(f"- **{t}**: {x}" for t, x in cons), ""]
        elif layout == 8:
            good, bad = LABELS["italian"]
            lines = [f"## {name}", "", lead, ""]
            lines += [f"### {good}", "", *(f"- **{t}**: {x}" for t, x in pros), ""]
            lines += [f"### {bad}", "", *(f"- **{t}**: {x}" for t, x in cons), ""]
        else:  # 9: MDX
            lines = [f"## {number}. {name}", "", lead, "", f'<FrameworkCard name="{name}" />', ""]
            lines += ["### Key Features & Considerations", ""]
            lines += ["- **Pros:**", *(f" - {x}" for _t, x in pros)]
            lines += ["- **Cons:**", *(f" - {x}" for _t, x in cons), ""]
        return lines


def write_corpus(directory: Path, count: int, seed: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    paths = []
    for index in range(count):
        name, text = writer.article(index)
        path = directory / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write_corpus(args.directory, args.count, args.seed)
    print(f"{len(paths)} files in {args.directory}")


if __name__ == "__main__":
    main()
