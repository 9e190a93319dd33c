"""Every existing claim gets its point, grouped as the importer groups new ones."""

from django.db import migrations

from articles.points import PointIndex

BATCH = 2000


def group(apps, schema_editor):
    Claim = apps.get_model("articles", "Claim")
    index = PointIndex(apps.get_model("articles", "Point"), apps.get_model("frameworks", "Framework"))
    claims = Claim.objects.filter(point__isnull=True).only("pk", "framework_id", "kind", "topic_id", "title", "text")
    last = 0
    while batch := list(claims.filter(pk__gt=last).order_by("pk")[:BATCH]):
        Claim.objects.bulk_update(index.assign(batch), ["point"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_points")]

    operations = [migrations.RunPython(group, migrations.RunPython.noop)]
