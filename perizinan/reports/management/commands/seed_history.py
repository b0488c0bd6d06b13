from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from perizinan.applications.models import Application
from perizinan.demo import seed_users
from perizinan.reports.history import seed_history
from perizinan.workdays.calendar import current_calendar, today_wita


class Command(BaseCommand):
    help = (
        "Play a realistic past year of applications through the services (take_action), so the "
        "dashboards have data. Demo only: refused when DEBUG is off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=120, help="applications (default 120)")
        parser.add_argument("--days", type=int, default=365, help="how far back they start (default 365)")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--password", default="demo12345")
        parser.add_argument(
            "--force", action="store_true", help="allow with DJANGO_DEBUG=0 (never in production)"
        )
        parser.add_argument(
            "--again", action="store_true", help="add a history even when applications already exist"
        )

    def handle(
        self, *args, count: int, days: int, seed: int, password: str, force: bool, again: bool, **options
    ):
        if not settings.DEBUG and not force:
            raise CommandError("seed_history refuses to run with DJANGO_DEBUG=0 (production settings).")
        if count < 1 or days < 1:
            raise CommandError("--count and --days must be at least 1.")
        if Application.objects.exists() and not again:
            self.stdout.write("Applications exist already: no history added (use --again to add one).")
            return
        users = seed_users(password)
        today = today_wita()

        def progress(n: int, app) -> None:
            if n % 20 == 0 or n == count:
                self.stdout.write(f"{n}/{count} applications")

        apps = seed_history(
            users,
            count=count,
            first=today - timedelta(days=days),
            last=today,
            cal=current_calendar(),
            seed=seed,
            until=timezone.now(),
            progress=progress,
        )
        self.stdout.write(f"{len(apps)} applications with a history played through the workflow.")
