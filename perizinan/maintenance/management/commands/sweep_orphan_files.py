from datetime import timedelta

from django.core.management.base import BaseCommand

from perizinan.maintenance.stored import orphans, sweep


class Command(BaseCommand):
    help = (
        "Remove uploaded/generated files that no record names and that are older than --older-than "
        "seconds: left by a request or worker killed between writing a file and committing its row. "
        "Run periodically (see docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=3600, help="seconds (default 3600)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, older_than: int, dry_run: bool, **options):
        age = timedelta(seconds=older_than)
        found = orphans(older_than=age) if dry_run else sweep(older_than=age)
        for name in found:
            self.stdout.write(("would remove " if dry_run else "removed ") + name)
        self.stdout.write(f"{len(found)} orphaned file(s).")
