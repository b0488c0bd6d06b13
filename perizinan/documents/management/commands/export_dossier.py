from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perizinan.applications.models import Application
from perizinan.documents.dossier import export_dossier


class Command(BaseCommand):
    help = "Write a ZIP of everything about one application (uploads, generated PDFs, process log) with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("registration_number")
        parser.add_argument("--output", "-o", default=None, help="default: ./<registration number>.zip")

    def handle(self, *args, registration_number: str, output: str | None, **options):
        app = Application.objects.filter(registration_number=registration_number).first()
        if app is None:
            raise CommandError(f"No application with registration number {registration_number}")
        path = Path(output or f"{registration_number.replace('/', '-')}.zip")
        manifest = export_dossier(app, path)
        self.stdout.write(
            f"{path}: {len(manifest['files'])} files, log chain ok={manifest['process_log_chain']['ok']}"
        )
