from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Source
from frameworks.models import Framework, Topic

FIXTURES = settings.BASE_DIR / "fixtures"


class Command(BaseCommand):
    help = (
        "Load the topic vocabulary, the framework catalogue and the sample sources where they "
        "are missing, then import the sample articles. Safe to run again: existing rows, and "
        "editors' changes to them, are left alone."
    )

    def handle(self, *args, **options):
        for model, fixture in ((Topic, "topics"), (Framework, "frameworks"), (Source, "sources")):
            if model.objects.exists():
                self.stdout.write(f"{model._meta.verbose_name_plural.capitalize()} already loaded.")
            else:
                call_command("loaddata", FIXTURES / f"{fixture}.json", verbosity=1)
        try:
            call_command("import_articles", FIXTURES / "articles", verbosity=1)
        except SystemExit as exit_:
            if exit_.code:
                self.stderr.write("Some sample articles failed to import (see above).")
