from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perizinan.maintenance.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `backup` into an empty database and an empty file storage, "
        "checking every file's SHA-256 against the manifest and the restored records."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder: str, **options):
        try:
            done = restore(Path(folder))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Restored the database and {done.files} file(s)"
            + (f" ({done.skipped} written after the dump left out)." if done.skipped else ".")
            + " Run `manage.py check_integrity` next."
        )
