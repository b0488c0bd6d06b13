from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from perizinan.demo import seed_users


class Command(BaseCommand):
    help = "Create one demo account per role (username = role code). Idempotent; refused when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo12345")
        parser.add_argument(
            "--force", action="store_true", help="allow with DJANGO_DEBUG=0 (never in production)"
        )

    def handle(self, *args, password: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo refuses to run with DJANGO_DEBUG=0 (production settings).")
        users = seed_users(password)
        self.stdout.write(f"{len(users)} demo accounts ready: {', '.join(users)} (password: {password})")
