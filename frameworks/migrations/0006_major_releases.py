import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0005_sourced_capability_facts")]

    operations = [
        migrations.CreateModel(
            name="MajorRelease",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.CharField(help_text="As the project names it, e.g. 5.0.", max_length=30)),
                ("released", models.DateField(help_text="The day the final release came out (not a beta).")),
                (
                    "notes_url",
                    models.URLField(
                        blank=True,
                        help_text="The project's own release notes or announcement.",
                        verbose_name="release notes",
                    ),
                ),
                (
                    "framework",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="major_releases",
                        to="frameworks.framework",
                    ),
                ),
            ],
            options={
                "ordering": ["framework", "released"],
                "constraints": [
                    models.UniqueConstraint(fields=("framework", "version"), name="one_release_per_version")
                ],
            },
        ),
    ]
