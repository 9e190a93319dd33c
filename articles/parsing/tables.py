"""Claims in tables, in the three shapes articles use.

- Inside one framework's section, a column per kind: | Pros | Cons |.
- A row per framework: | Framework | Pros | Cons | Best for |, or | Web框架 | 特点 |.
- Frameworks as columns, a row per kind: | | Django | Flask | with rows "Pros", "Cons".

Attribute and rating tables (| Admin | ✅ | ❌ |, stars, benchmark figures) are facts for
editors, not claims, and are left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from articles.parsing.blocks import Block, Inline, Run
from articles.parsing.claims import Context, Draft, draft
from articles.parsing.model import Kind
from articles.parsing.names import PARENS, heading_name, is_resource, looks_like_name
from articles.parsing.titles import short_title
from articles.parsing.vocabulary import label_of, plain

# The first column of a table of frameworks, in the languages we read.
NAME_COLUMNS = {
    "framework", "frameworks", "tool", "tools", "name", "library", "option", "platform",
    "resource", "technology", "project", "", "marco", "cadre", "herramienta", "ferramenta",
    "strumento", "werkzeug", "框架", "web框架", "フレームワーク", "프레임워크", "фреймворк",
    "инструмент", "biblioteca", "librería", "bibliothek", "solution", "solutions", "stack",
    "package", "candidate", "alternative", "alternatives", "choice", "outil", "technologie",
    "bibliothèque", "librairie", "nom", "nombre", "opción", "solución", "tecnología", "nome",
    "opção", "solução", "tecnologia", "lösung", "soluzione", "libreria", "strumenti", "narzędzie",
    "biblioteka", "технология", "библиотека", "araç", "kütüphane", "alat", "công cụ", "工具", "库",
    "ツール", "라이브러리", "도구",
}  # fmt: skip
COST_WORDS = {"price", "pricing", "cost", "access", "precio", "prezzo", "prix", "preis", "価格", "价格"}
NO_VALUES = {"", "no", "none", "n/a", "na", "?", "✗", "×", "-", "—", "not built in", "no built-in"}


def column_kind(header: str) -> Kind | str | None:
    """The kind of claims a column holds: a label ("Pros", "Ventajas", "特点", "Key advantages"),
    "cost" for a price column, else None."""
    text = plain(header.replace("/", " / "))
    kind = label_of(header)
    if kind:
        return kind
    for part in text.split(" / "):
        kind = label_of(part)
        if kind:
            return kind
    return "cost" if set(text.split()) & COST_WORDS else None


def table_claims(block: Block, ctx: Context, reader) -> list[Draft]:
    if len(block.rows) < 2:
        return []
    header = [cell.text for cell in block.rows[0][1]]
    kinds = [column_kind(h) for h in header]
    if ctx.framework and all(kinds):
        return _kind_columns(block, header, kinds, ctx, reader)
    columns = [reader.names.known(PARENS.sub("", h).strip()) for h in header]
    named = _named_columns(block, columns, ctx, reader)
    if named is not None:
        return named
    if any(kinds[1:]):
        return _framework_rows(block, header, kinds, ctx, reader)
    if ctx.kind and ctx.framework:
        return _titled_rows(block, ctx)
    return []


def _named_columns(block, columns, ctx, reader) -> list[Draft] | None:
    """A column per framework: | Flask | Tornado | under a label, or | | Django | Flask |."""
    if ctx.kind and len(columns) >= 2 and all(columns):
        return _label_columns(block, columns, ctx, reader)
    if sum(1 for name in columns[1:] if name) >= 2:
        return _framework_columns(block, columns[1:], ctx, reader)
    return None


def _titled_rows(block, ctx) -> list[Draft]:
    """Under a label, | Reason | Description |: a claim per row, titled by its first cell."""
    found = []
    for line, cells in block.rows[1:]:
        title = cells[0].text.strip(" :：") if cells else ""
        text = "; ".join(cell.text for cell in cells[1:] if cell.text.strip(" -–—").lower() not in NO_VALUES)
        if len(title) >= 2 and len(title.split()) <= 12:
            found.append(draft(ctx, ctx.kind, title, text or title, line))
    return found


def _kind_columns(block, header, kinds, ctx, reader) -> list[Draft]:
    found = []
    for line, cells in block.rows[1:]:
        for kind, heading, cell in zip(kinds, header, cells, strict=False):
            found += cell_claims(cell, kind, heading, line, ctx, reader)
    return found


def _framework_columns(block, columns, ctx, reader) -> list[Draft]:
    found = []
    for line, cells in block.rows[1:]:
        kind = column_kind(cells[0].text) if cells else None
        if not kind:
            continue  # an attribute row: | Admin | yes | no |
        for index, cell in enumerate(cells[1:]):
            name = columns[index] if index < len(columns) else None
            if name:
                framework = reader.add_framework(name)
                found += cell_claims(
                    cell, kind, cells[0].text, line, replace(ctx, framework=framework), reader
                )
    return found


def _label_columns(block, columns, ctx, reader) -> list[Draft]:
    """Under a label ("### Advantages"), | Flask | Tornado |: each column lists its framework's."""
    found = []
    for line, cells in block.rows[1:]:
        for name, cell in zip(columns, cells, strict=False):
            inner = replace(ctx, framework=reader.add_framework(name))
            found += cell_claims(cell, ctx.kind, "", line, inner, reader)
    return found


def _framework_rows(block, header, kinds, ctx, reader) -> list[Draft]:
    body = block.rows[1:]
    names = [_row_name(cells[0].text, reader) if cells else None for _, cells in body]
    known = sum(1 for name in names if name and reader.names.known(name))
    if not (plain(header[0]) in NAME_COLUMNS or known * 2 >= len(names)):
        return []
    found = []
    for (line, cells), name in zip(body, names, strict=False):
        if name and cells and (reader.names.known(name) or looks_like_name(name, reader.topic_keys)):
            found += _row_claims(name, line, cells, header, kinds, ctx, reader)
    return found


def _row_claims(name, line, cells, header, kinds, ctx, reader) -> list[Draft]:
    framework = reader.add_framework(name)
    if is_resource([m.group(1) for m in PARENS.finditer(cells[0].text)]) and framework in reader.frameworks:
        reader.frameworks[framework].resource = True
    inner = replace(ctx, framework=framework)
    return [
        claim
        for index, cell in enumerate(cells[1:], start=1)
        if index < len(kinds) and kinds[index]
        for claim in cell_claims(cell, kinds[index], header[index], line, inner, reader)
    ]


def _row_name(text: str, reader) -> str | None:
    heading = heading_name(Inline([Run(text)]))
    return reader.names.known(heading.name) or reader.names.in_heading(heading) or heading.name or None


def cell_claims(cell: Inline, kind, header: str, line: int, ctx: Context, reader) -> list[Draft]:
    """A claim per line of a cell ("<br>" between them). A summary column ("Best for") titles
    its claims with the column's header; a price column files them as features on cost."""
    parts = cell.split_breaks() if cell.breaks else _listed(cell.text, kind)
    header = header.strip() or "Feature"
    found = []
    for part in parts:
        value = part.strip()
        if value.strip(" -–—").lower() in NO_VALUES or len(value) < 2:
            continue
        if kind == "cost":
            found.append(replace(draft(ctx, Kind.FEATURE, header, value, line), topic=reader.cost_topic()))
            continue
        title = header if kind == Kind.SUMMARY else short_title(value)
        column = replace(ctx, kind=kind, headings=(*ctx.headings, header))  # "| Performance |" files it
        found.append(draft(column, kind, title, value, line))
    return found


def _listed(text: str, kind) -> list[str]:
    """ "Small; fast to start" in a Pros or Cons cell: the items of a list written on one line
    (each a few words; a sentence with a semicolon in it stays one claim)."""
    if kind not in (Kind.PRO, Kind.CON):
        return [text]
    items = [item.strip(" .") for item in re.split(r"\s*[;；]\s*|\s+[•·]\s+", text) if item.strip(" .")]
    if len(items) >= 2 and all(len(item.split()) <= 8 for item in items):
        return items
    return [text]
