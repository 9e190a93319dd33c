"""Re-render stored HTML that linked bare file names (app.py, README.md) as web addresses.

Only rows whose HTML has a link without a scheme in the source can have such a link: those
are rendered again with the current renderer (guide.markdown.LINK_TLDS).
"""

from django.db import migrations

from guide.markdown import render_inline, render_markdown


def rerender(apps, schema_editor):
    alias = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    Claim = apps.get_model("articles", "Claim")
    for model, source, target, render in (
        (Article, "body", "body_html", render_markdown),
        (Claim, "text", "text_html", render_inline),
    ):
        rows = model.objects.using(alias).filter(**{f"{target}__contains": 'href="http://'}).only("pk", source)
        batch = []
        for row in rows.iterator(chunk_size=500):
            setattr(row, target, render(getattr(row, source)))
            batch.append(row)
            if len(batch) == 500:
                model.objects.using(alias).bulk_update(batch, [target])
                batch = []
        model.objects.using(alias).bulk_update(batch, [target])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0008_leaner_indexes"),
    ]

    operations = [
        migrations.RunPython(rerender, migrations.RunPython.noop),
    ]
