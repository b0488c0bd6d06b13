import json
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from perizinan.maintenance.integrity import check, fingerprint


class Command(BaseCommand):
    help = (
        "Check that the data holds together: states match the process log and its chains verify "
        "(through the latest signed anchor, when there is one), "
        "files and records match (SHA-256), licence numbers have no gap, licences verify, document "
        "jobs are done. Exit 1 on any problem."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--orphan-grace",
            type=int,
            default=3600,
            help="seconds a file may wait for its record's commit before it counts as orphaned",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print counts, problems and a fingerprint"
        )

    def handle(self, *args, orphan_grace: int, as_json: bool, **options):
        report = check(orphan_grace=timedelta(seconds=orphan_grace))
        if as_json:
            self.stdout.write(_dumps(report.counts, report.problems))
        else:
            for problem in report.problems:
                self.stdout.write(f"PROBLEM {problem}")
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in report.counts.items()))
        if not report.ok:
            raise CommandError(f"{len(report.problems)} problem(s)")


def _dumps(counts: dict[str, int], problems: list[str]) -> str:
    return json.dumps({"counts": counts, "problems": problems, "fingerprint": fingerprint()}, sort_keys=True)
