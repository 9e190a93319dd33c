"""Chinese, Japanese and Korean in the stored search vectors: PostgreSQL's parser keeps a run of
those scripts as one word ("异步支持很好" is one lexeme), so a word inside it could never be found.
search_cjk_bigrams() cuts each run into overlapping character pairs plus its last character
("异步 步支 支持 持很 很好 好"), and the triggers add them to every vector, unstemmed ('simple'),
with the weights of the fields they come from. Search asks for a CJK word's pairs
(articles/search.py); articles/search_words.py cuts alike (tests/test_search_cjk.py checks both).

The triggers compute what `search_vector()` on ArticleQuerySet and ClaimQuerySet computes (used
by refresh_search_vectors()). Only rows that hold CJK text are rewritten: for the others the
pairs are empty and the vector stays as it was. Other databases have no vectors.
"""

from django.db import migrations

CJK_CLASS = r"[\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]"

BIGRAMS = f"""
    CREATE OR REPLACE FUNCTION search_cjk_bigrams(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(
            CASE WHEN i < length(runs.run) THEN substr(runs.run, i, 2) ELSE substr(runs.run, i, 1) END,
            ' ' ORDER BY runs.n, i), '')
        FROM regexp_matches(coalesce(value, ''), '{CJK_CLASS}+', 'g') WITH ORDINALITY AS found(parts, n)
        CROSS JOIN LATERAL (SELECT found.parts[1] AS run, found.n) AS runs
        CROSS JOIN LATERAL generate_series(1, length(runs.run)) AS i
    $$
"""


def _vector(fields):
    english = [f"setweight(to_tsvector('english'::regconfig, coalesce({f}, '')), '{w}')" for f, w in fields]
    pairs = [f"setweight(to_tsvector('simple'::regconfig, coalesce(search_cjk_bigrams({f}), '')), '{w}')" for f, w in fields]
    return "\n            || ".join(english + pairs)


ARTICLE = [("NEW.title", "A"), ("NEW.description", "B"), ("NEW.body", "C")]
CLAIM = [("NEW.title", "A"), ("framework_name", "B"), ("topic_name", "B"), ("NEW.text", "C")]
FUNCTIONS = {
    "articles_article": f"""
        BEGIN
            NEW.search_vector := {_vector(ARTICLE)};
            RETURN NEW;
        END
    """,
    "articles_claim": f"""
        DECLARE
            framework_name text := (SELECT name FROM frameworks_framework WHERE id = NEW.framework_id);
            topic_name text := (SELECT name FROM frameworks_topic WHERE id = NEW.topic_id);
        BEGIN
            NEW.search_vector := {_vector(CLAIM)};
            RETURN NEW;
        END
    """,
}
# As migration 0007 wrote them, for going back.
PREVIOUS = {
    "articles_article": """
        BEGIN
            NEW.search_vector :=
                setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A')
                || setweight(to_tsvector('english'::regconfig, coalesce(NEW.description, '')), 'B')
                || setweight(to_tsvector('english'::regconfig, coalesce(NEW.body, '')), 'C');
            RETURN NEW;
        END
    """,
    "articles_claim": """
        BEGIN
            NEW.search_vector :=
                setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A')
                || setweight(to_tsvector('english'::regconfig, coalesce(
                    (SELECT name FROM frameworks_framework WHERE id = NEW.framework_id), '')), 'B')
                || setweight(to_tsvector('english'::regconfig, coalesce(
                    (SELECT name FROM frameworks_topic WHERE id = NEW.topic_id), '')), 'B')
                || setweight(to_tsvector('english'::regconfig, coalesce(NEW.text, '')), 'C');
            RETURN NEW;
        END
    """,
}
# Rows whose vector changes: those with CJK in a field the vector is built from.
WITH_CJK = {
    "articles_article": f"concat_ws(' ', title, description, body) ~ '{CJK_CLASS}'",
    "articles_claim": f"""concat_ws(' ', title, text) ~ '{CJK_CLASS}'
        OR framework_id IN (SELECT id FROM frameworks_framework WHERE name ~ '{CJK_CLASS}')
        OR topic_id IN (SELECT id FROM frameworks_topic WHERE name ~ '{CJK_CLASS}')""",
}


def _install(schema_editor, functions):
    for table, body in functions.items():
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger AS $$\n{body}\n$$ LANGUAGE plpgsql"
        )
        schema_editor.execute(f"UPDATE {table} SET title = title WHERE {WITH_CJK[table]}")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(BIGRAMS)
    _install(schema_editor, FUNCTIONS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _install(schema_editor, PREVIOUS)
    schema_editor.execute("DROP FUNCTION IF EXISTS search_cjk_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_trigram_extension")]

    operations = [migrations.RunPython(forwards, backwards)]
