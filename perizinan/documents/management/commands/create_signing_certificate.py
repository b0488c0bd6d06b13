from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from perizinan.documents.signing.pki import create_demo_pki


class Command(BaseCommand):
    help = (
        "Create a DEMO certificate authority, the head of office's signing key and the registry's seal key."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--algorithm", choices=["ec", "rsa"], default="ec", help="EC P-256 (default) or RSA-2048"
        )
        parser.add_argument("--force", action="store_true", help="replace existing keys")
        parser.add_argument("--dir", default=None, help="default: PERIZINAN_PKI_DIR")

    def handle(self, *args, algorithm: str, force: bool, dir: str | None, **options):
        directory = Path(dir or settings.PERIZINAN_PKI_DIR)
        if (directory / "head.p12").exists() and not force:
            self.stdout.write(f"Signing keys already exist in {directory} (use --force to replace).")
            return
        if not settings.PERIZINAN_SIGNING_PASSPHRASE:
            raise CommandError("Set PERIZINAN_SIGNING_PASSPHRASE first.")
        pki = create_demo_pki(
            directory, passphrase=settings.PERIZINAN_SIGNING_PASSPHRASE.encode(), algorithm=algorithm
        )
        self.stdout.write(f"Demo CA and keys written: {pki.root_pem}, {pki.head_p12}, {pki.seal_p12}")
