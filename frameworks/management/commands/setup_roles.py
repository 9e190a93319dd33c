from django.core.management.base import BaseCommand

from frameworks.roles import EDITORS, SENIOR_EDITORS, ensure_roles


class Command(BaseCommand):
    help = f"Create or update the {EDITORS!r} and {SENIOR_EDITORS!r} groups and their permissions."

    def handle(self, *args, **options):
        ensure_roles()
        self.stdout.write(f"Groups {EDITORS!r} and {SENIOR_EDITORS!r} are up to date.")
