"""The Performance topic no longer lists "lightweight", where its keywords are still the ones we
shipped: a small core is about flexibility (articles/parsing/topics.toml), and the word filed
"Lightweight" claims under Performance. Keywords an editor changed are left as they are.

Claims already filed keep their topic until their article changes or an editor re-files them.
"""

from django.db import migrations

SHIPPED = (
    "performance, performant, fast, faster, fastest, speed, speedy, slow, slower, benchmark, "
    "benchmarks, throughput, latency, efficient, efficiency, inefficiency, lightweight, "
    "overhead, blazing, high-performance, re-runs, reruns, caching, cache, memory, rendimiento,"
    " rápido, veloce, prestazioni, performances, rapide, leistung, schnell, desempenho"
)


def drop_lightweight(apps, schema_editor):
    Topic = apps.get_model("frameworks", "Topic")
    kept = ", ".join(word.strip() for word in SHIPPED.split(",") if word.strip() != "lightweight")
    Topic.objects.filter(slug="performance", keywords=SHIPPED).update(keywords=kept)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0006_major_releases")]

    operations = [migrations.RunPython(drop_lightweight, migrations.RunPython.noop, elidable=True)]
