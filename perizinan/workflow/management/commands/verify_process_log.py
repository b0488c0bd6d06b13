from django.core.management.base import BaseCommand, CommandError

from perizinan.applications.models import Application
from perizinan.workflow.log import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the process log; name the first broken entry. Exit 1 if any is broken."

    def add_arguments(self, parser):
        parser.add_argument(
            "registration_numbers", nargs="*", help="registration numbers or ids (default: all)"
        )

    def handle(self, *args, registration_numbers: list[str], **options):
        qs = Application.objects.order_by("pk")
        if registration_numbers:
            ids = [int(r) for r in registration_numbers if r.isdigit()]
            qs = qs.filter(registration_number__in=registration_numbers) | qs.filter(pk__in=ids)
        broken = 0
        checked = 0
        for app_id, reg in qs.values_list("pk", "registration_number"):
            report = verify_chain(app_id)
            checked += 1
            if not report.ok:
                broken += 1
                self.stdout.write(
                    f"BROKEN application {reg or app_id}: entry #{report.broken_seq}: {report.reason}"
                )
        self.stdout.write(f"{checked} application(s) checked, {broken} broken chain(s).")
        if broken:
            raise CommandError(f"{broken} broken process-log chain(s)")
