"""The pure parser on the structural quirks real articles have (our own sample text)."""

from collections import Counter
from datetime import date

import pytest

from articles.parsing import ArticleError, Catalogue, TopicRule, decode, name_key, parse_article

KNOWN = ["Django", "Flask", "FastAPI", "Pyramid", "Starlette", "Tornado", "Reflex", "Streamlit", "Bottle",
         "Gradio", "Dash", "Litestar", "Sanic", "Quart", "Pydantic", "Uvicorn"]  # fmt: skip
TOPICS = [
    TopicRule("performance", "Performance", ("fast", "performance", "speed", "slow")),
    TopicRule("learning-curve", "Learning curve", ("learn", "beginner", "easy", "steep")),
    TopicRule("admin", "Admin", ("admin",)),
    TopicRule("cost", "Cost", ("price", "free", "paid")),
    TopicRule("scalability", "Scalability", ("scale", "scalable", "monolithic")),
]


def catalogue():
    names = {name_key(n): n for n in KNOWN}
    names[name_key("Pynecone")] = "Reflex"
    names[name_key("Plotly Dash")] = "Dash"
    names[name_key("Starlite")] = "Litestar"
    return Catalogue(names=names, topics=TOPICS)


def parse(text):
    return parse_article(text, catalogue())


def tally(article):
    result = {}
    for claim in article.claims:
        result.setdefault(claim.framework, Counter())[claim.kind] += 1
    return {name: dict(c) for name, c in result.items()}


def test_toml_front_matter():
    article = parse(
        '+++\ntitle = "Picking a framework"\ndate = 2024-09-01\nauthors = ["Ana", "Bo"]\n'
        'tags = ["web"]\nsource = "Byte blog"\n+++\n\n## Flask\n\n**Pros**\n\n- Small and easy to learn\n'
    )
    assert article.title == "Picking a framework"
    assert article.published == date(2024, 9, 1)
    assert article.authors == ["Ana", "Bo"]
    assert article.source == "Byte blog"
    assert tally(article) == {"Flask": {"pro": 1}}


def test_no_front_matter_title_from_first_heading_with_bom_and_crlf():
    raw = "\ufeff# Which framework?\r\n\r\n## Django\r\n\r\nPros:\r\n- Admin for free\r\n".encode()
    article = parse(decode(raw))
    assert article.title == "Which framework?"
    assert article.slug == "which-framework"
    assert tally(article) == {"Django": {"pro": 1}}
    assert article.claims[0].line == 6
    assert "Which framework?" not in article.body


def test_lone_cr_line_endings():
    article = parse("---\rtitle: Old Mac file\r---\r## Flask\r\rCons:\r- Sync by default\r")
    assert tally(article) == {"Flask": {"con": 1}}


def test_setext_headings_and_advantages_sections():
    article = parse(
        "---\ntitle: T\n---\n\nDjango\n======\n\n#### Advantages\n\n- Built-in admin\n- Mature\n\n"
        "#### Disadvantages\n\n- Monolithic\n\nFlask\n-----\n\nStrengths:\n\n- Tiny core\n\nWeaknesses:\n\n- DIY\n"
    )
    assert tally(article) == {"Django": {"pro": 2, "con": 1}, "Flask": {"pro": 1, "con": 1}}


def test_numbered_headings_in_many_shapes():
    article = parse(
        "---\ntitle: T\n---\n"
        "## 1. Django: The full-stack one\n\n**Pros**\n- Admin\n\n"
        "### 2) FastAPI\n\nPros:\n- Fast\n\n"
        "## Reflex--Frontend. Backend. Python.\n\nPros:\n- Pure Python\n\n"
        "## Litestar (formerly Starlite)\n\nPros:\n- Fast\n\n"
        "### [Sanic](https://sanic.dev)\n\nPros:\n- Async\n\n"
        "## Quart { #quart }\n\nPros:\n- Flask API, async\n"
    )
    assert set(tally(article)) == {"Django", "FastAPI", "Reflex", "Litestar", "Sanic", "Quart"}
    sanic = next(f for f in article.frameworks if f.name == "Sanic")
    assert sanic.website == "https://sanic.dev"


def test_formerly_alias_is_recorded_for_unknown_old_name():
    article = parse("---\ntitle: T\n---\n## Reflex (formerly Nebula)\n\nPros:\n- Pure Python\n")
    assert article.frameworks[0].aliases == ["Nebula"]


def test_bold_pros_bullet_with_one_space_items():
    article = parse(
        "---\ntitle: T\n---\n## Pyramid\n\n### Key Features & Considerations\n\n"
        "- **Pros:**\n - Flexible\n - Documented\n- **Cons:**\n - Small community\n"
    )
    assert tally(article) == {"Pyramid": {"pro": 2, "con": 1}}


def test_emoji_bullets_without_labels():
    article = parse(
        "---\ntitle: T\n---\n## Gradio\n\n- ✅ Quick demos\n- 👍 Share links\n- ❌ Not for big apps\n- 👎 Limited layout\n"
    )
    assert tally(article) == {"Gradio": {"pro": 2, "con": 2}}
    assert {c.title for c in article.claims} >= {"Quick demos", "Not for big apps"}


def test_bullet_shapes_titles_and_continuations():
    article = parse(
        "---\ntitle: T\n---\n## Flask\n\n**Pros**\n\n"
        "- **Tiny core** – you add only what you need\n"
        "- **Jinja built in**\n"
        "- **Huge ecosystem**: extensions for\neverything you can think of\n"
    )
    titles = {c.title: c.text for c in article.claims}
    assert titles["Tiny core"] == "you add only what you need"
    assert titles["Jinja built in"] == "Jinja built in"
    assert titles["Huge ecosystem"] == "extensions for everything you can think of"


def test_feature_lists_after_an_introducing_sentence():
    article = parse(
        "---\ntitle: T\n---\n### Tornado\n\nTornado is an async server. Key features include:\n\n"
        "- **Non-blocking I/O**\n- **WebSockets**\n\n- Learn more: https://www.tornadoweb.org/\n"
    )
    assert tally(article) == {"Tornado": {"feature": 2}}
    assert article.frameworks[0].website == "https://www.tornadoweb.org/"


def test_row_per_framework_table_with_line_breaks():
    article = parse(
        "---\ntitle: T\n---\n## Summary table\n\n| Framework | Pros | Cons | Best for |\n|---|---|---|---|\n"
        "| Django | Admin<br>ORM | Heavy | Big sites |\n| Flask (Official Docs) | Small | DIY | APIs |\n"
    )
    assert tally(article) == {
        "Django": {"pro": 2, "con": 1, "summary": 1},
        "Flask": {"pro": 1, "con": 1, "summary": 1},
    }
    assert {claim.line for claim in article.claims} == {8, 9}


def test_frameworks_as_columns_table():
    article = parse(
        "---\ntitle: T\n---\n## Side by side\n\n| Feature | Django | Flask | FastAPI |\n|---|---|---|---|\n"
        "| Admin | ✅ | ❌ | ❌ |\n| Performance | Good | Good | Excellent |\n| Pros | Batteries | Freedom | Speed |\n"
    )
    # Rows of attributes and ratings are facts for editors; a row of a kind of claim is claims.
    assert tally(article) == {"Django": {"pro": 1}, "Flask": {"pro": 1}, "FastAPI": {"pro": 1}}
    assert [c.text for c in article.claims] == ["Batteries", "Freedom", "Speed"]


def test_topic_first_layout_merges_per_framework():
    article = parse(
        "---\ntitle: T\n---\n## Performance\n\n### Django\n\nPros:\n- Caching framework\n\n"
        "### Flask\n\nCons:\n- Sync by default\n\n## Learning curve\n\n### Django\n\nCons:\n- Lots to learn\n\n"
        "### Flask\n\nPros:\n- Quick to start\n"
    )
    assert tally(article) == {"Django": {"pro": 1, "con": 1}, "Flask": {"pro": 1, "con": 1}}
    topics = {(c.framework, c.kind): c.topic for c in article.claims}
    assert topics[("Django", "pro")] == "performance"
    assert topics[("Flask", "pro")] == "learning-curve"


@pytest.mark.parametrize(
    ("pro", "con"),
    [("Vantaggi", "Svantaggi"), ("Avantages", "Inconvénients"), ("Ventajas", "Desventajas"),
     ("优点", "缺点"), ("優點", "缺點"), ("Vorteile", "Nachteile"), ("Güçlü yönleri", "Zayıf yönleri"),
     ("Pontos positivos", "Pontos negativos")],
)  # fmt: skip
def test_labels_in_other_languages(pro, con):
    article = parse(f"---\ntitle: T\n---\n## Django\n\n### {pro}\n\n- Uno\n- Due\n\n**{con}:**\n\n- Tre\n")
    assert tally(article) == {"Django": {"pro": 2, "con": 1}}


def test_unknown_framework_is_kept_and_resources_are_classified():
    article = parse(
        "---\ntitle: T\n---\n## 1. Django\n\nPros:\n- Admin\n\n## 2. BlackSheep\n\nPros:\n- Fast\n\n"
        "## 3. Full Stack Python (Learning Platform)\n\nWhile not a framework itself, a good guide.\n\nPros:\n- Free\n"
    )
    frameworks = {f.name: f for f in article.frameworks}
    assert set(frameworks) == {"Django", "BlackSheep", "Full Stack Python"}
    assert not frameworks["BlackSheep"].known and not frameworks["BlackSheep"].resource
    assert frameworks["Full Stack Python"].resource


def test_libraries_that_are_not_web_frameworks_stay_what_the_catalogue_says():
    article = parse(
        "---\ntitle: T\n---\n## Pydantic\n\nPros:\n- Validation\n\n## Uvicorn\n\nPros:\n- Fast ASGI server\n"
    )
    assert {f.name: f.known for f in article.frameworks} == {"Pydantic": True, "Uvicorn": True}


def test_sections_that_are_not_about_one_framework_create_nothing():
    article = parse(
        "---\ntitle: T\n---\n## Introduction\n\nPros:\n- Something\n\n## Flask vs Django\n\n"
        "Pros:\n- Both are fine\n\n## Key Factors in Your Decision\n\n* **Team size:** matters\n\n"
        "# TODO(sam): add a chart\n\n## Conclusion\n\nSome closing words.\n"
    )
    assert article.frameworks == []
    assert article.claims == []
    assert any("no framework matched" in w for w in article.warnings)


def test_conclusion_bullets_become_summaries_per_framework():
    article = parse(
        "---\ntitle: T\n---\n## Django\n\nPros:\n- Admin\n\n## Conclusion\n\n"
        "- **Django** suits large teams with deadlines.\n- **Flask** and **FastAPI** suit small services and APIs.\n"
        "- **Tip**: read the docs first.\n"
    )
    assert tally(article) == {
        "Django": {"pro": 1, "summary": 1},
        "Flask": {"summary": 1},
        "FastAPI": {"summary": 1},
    }


def test_mdx_imports_jsx_and_exec_fences_are_removed():
    article = parse(
        "---\ntitle: T\ncanonical_url: https://blog.example.org/posts/t\n---\n"
        "import Callout from '@site/src/components/Callout';\n\n"
        '<Callout type="info">\nDjango is great.\n</Callout>\n\n```python exec\nimport x\n```\n\n'
        "<!--truncate-->\n\n![chart](/img/chart.png)\n\n## Django\n\n<Tabs>\n\nPros:\n- Admin\n\n</Tabs>\n"
    )
    assert tally(article) == {"Django": {"pro": 1}}
    assert "import Callout" not in article.body and "<Callout" not in article.body
    assert "python exec" not in article.body and "truncate" not in article.body
    assert "https://blog.example.org/img/chart.png" in article.body
    assert "Django is great." in article.body


def test_relative_images_without_canonical_url_are_dropped():
    article = parse("---\ntitle: T\n---\nIntro ![x](/blog/x.png) and ![y](https://cdn.example.org/y.png)\n")
    assert "/blog/x.png" not in article.body
    assert "https://cdn.example.org/y.png" in article.body


def test_stray_rule_after_front_matter_is_not_content():
    article = parse("---\ntitle: T\n---\n---\n\nHello\n")
    assert article.body == "Hello\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-03-05", date(2024, 3, 5)), ("'2024-03-05'", date(2024, 3, 5)), ("March 5, 2024", date(2024, 3, 5)),
     ("5 March 2024", date(2024, 3, 5)), ("2024/03/05", date(2024, 3, 5)), ("2024-03-05T10:00:00Z", date(2024, 3, 5)),
     ("Tue, 05 Mar 2024 10:00:00 +0000", date(2024, 3, 5)), ("March 5th, 2024", date(2024, 3, 5))],
)  # fmt: skip
def test_date_formats(value, expected):
    assert parse(f"---\ntitle: T\ndate: {value}\n---\nx\n").published == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: T\n", "never closed"),
        ("---\ntitle: [unclosed\n---\nx", "invalid YAML"),
        ("---\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\nx", "!!python"),
        ("---\na: &a [1]\nb: *a\n---\nx", "anchors"),
        ("---\ntitle: [a, b]\n---\nx", "'title' must be text"),
        ("---\n- a\n- b\n---\nx", "must be a mapping"),
        ("+++\ntitle = \n+++\nx", "invalid TOML"),
        (f"---\ntitle: {'x' * 400}\n---\nx", "limit is 300"),
        (f"---\ntitle: T\nslug: {'x' * 300}\n---\nx", "limit is 200"),
    ],
)
def test_bad_input_raises_a_clear_error(text, message):
    with pytest.raises(ArticleError, match=message):
        parse(text)


def test_front_matter_errors_name_the_line():
    with pytest.raises(ArticleError, match=r"^line 3: "):
        parse("---\ntitle: T\ndate: [oops\n---\nx")


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"  \n", "empty"), (b"abc\x00def", "NUL byte at offset 3"),
     (b"caf\xe9 au lait", "invalid UTF-8 at byte offset 3"), (bytes(range(1, 32)) * 4, "binary")],
)  # fmt: skip
def test_decoding_errors(data, message):
    with pytest.raises(ArticleError, match=message):
        decode(data)


def test_utf16_with_bom_is_read():
    assert decode("# Hello\n".encode("utf-16")) == "# Hello\n"


def test_alias_bomb_is_refused_quickly():
    bomb = (
        "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
            for i in range(9)
        )
        + "---\nx"
    )
    with pytest.raises(ArticleError, match="anchors"):
        parse(bomb)


def test_claim_keys_are_stable_and_unique():
    text = "---\ntitle: T\n---\n## Flask\n\nPros:\n- Small\n- Small\n"
    first, second = parse(text), parse(text)
    assert [c.key for c in first.claims] == [c.key for c in second.claims]
    assert len({c.key for c in first.claims}) == 2


def test_claims_written_as_paragraphs():
    article = parse(
        "---\ntitle: T\n---\n## Zapp\n\n**Pros:** one file, no dependencies.\n\n**Cons:** a small ecosystem.\n\n"
        "## Django\n\n✔️ Very fast to build with\n✔️ Admin included\n❌ Heavy for tiny services\n"
    )
    assert tally(article) == {"Zapp": {"pro": 2, "con": 1}, "Django": {"pro": 2, "con": 1}}
    assert [c.line for c in article.claims if c.framework == "Django"] == [12, 13, 14]


def test_framework_named_with_its_pros_and_cons_in_the_heading():
    article = parse(
        "---\ntitle: T\n---\n## Django Pros and Cons\n\n### Django Pros\n- Batteries\n\n### Django Cons\n- Big\n"
    )
    assert tally(article) == {"Django": {"pro": 1, "con": 1}}


def test_impossible_date_in_yaml_is_a_clear_error():
    with pytest.raises(ArticleError, match="invalid value in YAML front matter"):
        parse("---\ntitle: T\ndate: 2024-02-30\n---\nx")


def test_dateline_in_the_text_when_front_matter_has_no_date():
    article = parse(
        "# Async compared\n\n*Published 12 October 2022 by Sam*\n\n## Sanic\n\nPros:\n- Fast start\n"
    )
    assert article.published == date(2022, 10, 12)
    assert article.authors == ["Sam"]


def test_a_huge_bullet_is_parsed_in_bounded_time():
    import time

    started = time.monotonic()
    parse("---\ntitle: T\n---\n## Flask\n\nPros:\n- " + "a," * 200_000 + "\n")
    assert time.monotonic() - started < 30  # a guard against hangs, not a speed target


def test_pros_and_cons_table_inside_a_framework_section():
    article = parse(
        "---\ntitle: T\n---\n## Django\n\n| Pros | Cons |\n|---|---|\n| Admin included | Heavy |\n| Mature ORM | |\n"
    )
    assert tally(article) == {"Django": {"pro": 2, "con": 1}}


def test_inline_label_with_a_short_list_gives_one_claim_per_item():
    article = parse(
        "---\ntitle: T\n---\n## Flask\n\n**Pros:** lightweight, flexible, huge ecosystem.\n\n"
        "**Cons:** it is synchronous by default, which hurts under load.\n"
    )
    assert tally(article) == {"Flask": {"pro": 3, "con": 1}}
    assert {c.text for c in article.claims if c.kind == "pro"} == {
        "lightweight",
        "flexible",
        "huge ecosystem",
    }


def test_tutorial_steps_are_not_frameworks():
    article = parse(
        "---\ntitle: T\n---\n## 1. Django\n\nPros:\n- Admin site\n\n## 2. Deploy\n\nPros:\n- Easy enough\n"
    )
    assert [f.name for f in article.frameworks] == ["Django"]


def test_per_item_labels_and_best_for_lines():
    article = parse(
        "---\ntitle: T\n---\n## Bottle\n\n- Pro: one file\n- Con: few plugins\n- Best for: tiny tools\n\n"
        "**Best for:** scripts that need a web page.\n\n#### What could be better\n\n- Async story\n"
    )
    assert tally(article) == {"Bottle": {"pro": 1, "con": 2, "summary": 2}}
    assert {c.title for c in article.claims if c.kind == "summary"} == {"Best for"}


def test_bold_paragraphs_naming_frameworks_act_as_headings():
    article = parse(
        "# Best frameworks\n\n**1. Django**\n\nPros:\n- Admin site\n\nCons:\n- Heavy app\n\n**2. Flask**\n\nPros:\n- Tiny core\n"
    )
    assert tally(article) == {"Django": {"pro": 1, "con": 1}, "Flask": {"pro": 1}}


def test_when_to_use_sections_are_summaries():
    article = parse(
        "---\ntitle: T\n---\n### Django\n\n#### When to use Django\n\n- Big teams with deadlines\n"
    )
    assert tally(article) == {"Django": {"summary": 1}}


def test_javascript_style_dates_and_other_date_keys():
    article = parse("---\ntitle: X\ndatePublished: Mon Mar 04 2024 10:00:00 GMT+0000 (UTC)\n---\nx\n")
    assert article.published == date(2024, 3, 4)


def test_soft_metadata_problems_are_warnings_that_name_the_field():
    article = parse_article("---\ntitle: T\ndate: someday\n---\nx", catalogue(), path="posts/2021-10-05-a.md")
    assert article.published == date(2021, 10, 5)  # from the file name
    assert any("'date'" in w and "someday" in w for w in article.warnings)
    untitled = parse_article("no heading and no front matter", catalogue(), path="notes/flask_study.md")
    assert untitled.title == "Flask study"
    assert any("no title" in w and "file name" in w for w in untitled.warnings)
    bracketed = parse("---\ntitle: T\ndate: (2022-03-14)\n---\nx")
    assert bracketed.published == date(2022, 3, 14) and not bracketed.warnings


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("title: Flask: a review", "Flask: a review"),
        ("title: It's Flask: a review\ntags: [a]", "It's Flask: a review"),
    ],
)
def test_a_plain_value_with_a_colon_is_read_as_text(header, title):
    assert parse(f"---\n{header}\ndate: 2024-03-05\n---\nx\n").title == title


@pytest.mark.parametrize(
    ("line", "expected"),
    [("*Pubblicato il 5 febbraio 2025*", date(2025, 2, 5)), ("Yayın tarihi: 10 Mart 2025", date(2025, 3, 10)),
     ("2024年10月5日", date(2024, 10, 5)), ("2025년 3월 2일 작성", date(2025, 3, 2)),
     ("Ngày đăng: 22/04/2025", date(2025, 4, 22)), ("Autor: Jonas Becker, 12.01.2025", date(2025, 1, 12)),
     ("Опубликовано 3 марта 2024 г.", date(2024, 3, 3)), ("First release: 21 July 2005", None),
     ("Version 5.0 released 4 December 2023", None)],
)  # fmt: skip
def test_datelines_in_many_languages(line, expected):
    assert parse(f"# T\n\n{line}\n\nText.\n").published == expected


def test_a_front_matter_date_in_words_of_its_language():
    assert parse("---\ntitle: T\ndate: 5 febbraio 2025\n---\nx\n").published == date(2025, 2, 5)


def test_a_dateline_in_its_language_names_the_author():
    article = parse("# T\n\n*Publié le 3 mars 2024 par Léa Martin*\n\nTexte.\n")
    assert (article.published, article.authors) == (date(2024, 3, 3), ["Léa Martin"])
