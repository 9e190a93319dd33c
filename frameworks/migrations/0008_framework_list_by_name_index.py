"""The reader's framework list in its order (lowered name, then id), for the frameworks readers
see: a page of the list is read from the index and the reading stops, where every framework was
read and sorted on each request (2 ms at 1,500 frameworks)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0007_lightweight_is_not_performance")]

    operations = [
        migrations.AddIndex(
            model_name="framework",
            index=models.Index(
                django.db.models.functions.text.Lower("name"),
                models.F("id"),
                condition=models.Q(("needs_review", False)),
                name="framework_list_by_name",
            ),
        ),
    ]
