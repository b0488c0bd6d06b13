from django.core.management.base import BaseCommand, CommandError

from perizinan.applications.models import Application
from perizinan.maintenance.anchors import AnchoredHead, AnchorStoreError, missing_from_database, read_latest
from perizinan.workdays.calendar import to_wita
from perizinan.workflow.log import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the process log: every keyed hash chain, each application's state against its last "
        "entry, and every chain against the latest signed anchor (docs/adr/0016): a deleted tail, a "
        "deleted chain, a history rewritten since the anchor, or an anchor whose signature fails. "
        "Exit 1 if anything is broken; a missing anchor is reported, not a failure."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "registration_numbers", nargs="*", help="registration numbers or ids (default: all)"
        )

    def handle(self, *args, registration_numbers: list[str], **options):
        anchored, broken = self._anchor(registration_numbers)
        qs = Application.objects.order_by("pk")
        if registration_numbers:
            ids = [int(r) for r in registration_numbers if r.isdigit()]
            qs = qs.filter(registration_number__in=registration_numbers) | qs.filter(pk__in=ids)
        checked = 0
        for app_id, reg in qs.values_list("pk", "registration_number"):
            at = anchored.get(app_id)
            report = verify_chain(
                app_id, anchored_seq=at.seq if at else 0, anchored_head=at.head if at else ""
            )
            checked += 1
            if not report.ok:
                broken += 1
                self.stdout.write(
                    f"BROKEN application {reg or app_id}: entry #{report.broken_seq}: {report.reason}"
                )
        self.stdout.write(f"{checked} application(s) checked, {broken} broken chain(s).")
        if broken:
            raise CommandError(f"{broken} broken process-log chain(s)")

    def _anchor(self, only: list[str]) -> tuple[dict[int, AnchoredHead], int]:
        """The heads of the latest anchor by application, and the problems found with it."""
        try:
            reading = read_latest(only=only)
        except AnchorStoreError as e:
            raise CommandError(str(e)) from e
        anchor = reading.anchor
        if anchor is None:
            self.stdout.write(
                "NO ANCHOR: no anchor of the process log found (run manage.py anchor_process_log)."
            )
            return {}, 0
        if not anchor.ok:
            self.stdout.write(f"ANCHOR {anchor.name} FAILS verification: {anchor.check.reason}")
            return {}, 1
        assert anchor.created_at is not None
        self.stdout.write(
            f"Anchor {anchor.name} of {to_wita(anchor.created_at):%Y-%m-%d %H:%M} WITA: "
            f"{len(anchor.heads)} chain(s), SHA-256 {anchor.digest}, signature valid ({anchor.check.signer})."
        )
        for h in reading.missing:
            self.stdout.write(f"BROKEN application {missing_from_database(h)}")
        return reading.heads, len(reading.missing)
