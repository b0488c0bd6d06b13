from django.core.management.base import BaseCommand, CommandError

from perizinan.documents.signing.base import SigningError
from perizinan.maintenance.anchors import write_anchor
from perizinan.maintenance.tasks import anchor_process_log


class Command(BaseCommand):
    help = (
        "Write the daily anchor of the process log: every application's chain head, signed with the "
        "office's seal, into the anchor store (docs/adr/0016). --enqueue hands it to the task worker "
        "(the periodic timer does this)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="let the task worker write it")

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            result = anchor_process_log.enqueue()
            self.stdout.write(f"Anchor queued for the task worker (task {result.id}).")
            return
        try:
            name = write_anchor()
        except SigningError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Anchor written: {name}")
