from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from perizinan.maintenance.backup import BackupError, create


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump custom format; SQLite: online backup) and every "
        "uploaded and generated file into one folder with a manifest (SHA-256 of each file)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", nargs="?", help="new or empty folder (default: backups/perizinan-<UTC time>)"
        )

    def handle(self, *args, folder: str | None, **options):
        target = Path(folder or f"backups/perizinan-{timezone.now():%Y%m%dT%H%M%SZ}")
        try:
            manifest = create(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Backup written to {target}: {manifest['engine']} database, {len(manifest['files'])} file(s)."
        )
