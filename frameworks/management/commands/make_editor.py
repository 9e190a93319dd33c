from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from frameworks.roles import EDITORS, SENIOR_EDITORS, make_editor


class Command(BaseCommand):
    help = (
        f"Put a user in the {EDITORS!r} group (or {SENIOR_EDITORS!r} with --senior) and give them "
        "staff status, so they can log in to the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--senior", action="store_true", help=f"Add to {SENIOR_EDITORS!r} instead.")
        parser.add_argument(
            "--create", action="store_true", help="Create the account if there is none (without a password)."
        )

    def handle(self, *args, username, senior, create, **options):
        users = get_user_model().objects
        user = users.filter(username=username).first()
        created = user is None and create
        if created:
            user = users.create_user(username)  # no usable password until one is set
        elif user is None:
            raise CommandError(f"No user {username!r}: check the name, or pass --create.")
        make_editor(user, senior=senior)
        self.stdout.write(
            f"{username} is in {SENIOR_EDITORS if senior else EDITORS!r} and can log in at /admin/."
        )
        if created or not user.has_usable_password():
            self.stdout.write(f"Set their password first: manage.py changepassword {username}")
