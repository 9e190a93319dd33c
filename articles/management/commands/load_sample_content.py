import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Source
from frameworks.models import CAPABILITIES, Framework, MajorRelease, Topic

FIXTURES = settings.BASE_DIR / "fixtures"


def fill_sourced_facts() -> int:
    """Give frameworks already in the database the catalogue's sourced facts, where a fact has
    no source yet (an editor's sourced fact is never replaced). Returns how many were filled."""
    catalogue = {
        row["fields"]["slug"]: row["fields"]
        for row in json.loads((FIXTURES / "frameworks.json").read_text(encoding="utf-8"))
        if row["model"] == "frameworks.framework"
    }
    filled = 0
    for framework in Framework.objects.filter(slug__in=catalogue):
        known, changed = catalogue[framework.slug], []
        for name, _label in CAPABILITIES:
            if known.get(f"{name}_source") and not getattr(framework, f"{name}_source"):
                for part in ("", "_source", "_checked", "_note"):
                    field = f"{name}{part}"
                    setattr(framework, field, Framework._meta.get_field(field).to_python(known.get(field)))
                    changed.append(field)
                filled += 1
        if changed:
            framework.save(update_fields=changed)
    return filled


class Command(BaseCommand):
    help = (
        "Load the topic vocabulary, the framework catalogue with its major releases and the sample "
        "sources where they are missing, fill the catalogue's sourced facts where a framework has "
        "none, then import the sample articles. Safe to run again: existing rows, and editors' "
        "changes to them, are left alone."
    )

    def handle(self, *args, **options):
        fixtures = (
            (Topic, "topics"),
            (Framework, "frameworks"),
            (MajorRelease, "releases"),
            (Source, "sources"),
        )
        for model, fixture in fixtures:
            if model.objects.exists():
                self.stdout.write(f"{model._meta.verbose_name_plural.capitalize()} already loaded.")
            else:
                call_command("loaddata", FIXTURES / f"{fixture}.json", verbosity=1)
        filled = fill_sourced_facts()
        if filled:
            self.stdout.write(f"Filled {filled} capability facts from the catalogue's sources.")
        try:
            call_command("import_articles", FIXTURES / "articles", verbosity=1)
        except SystemExit as exit_:
            if exit_.code:
                self.stderr.write("Some sample articles failed to import (see above).")
