from django.core.management.base import BaseCommand

from perizinan.demo import new_application, run_forward, seed_users
from perizinan.workdays.calendar import to_wita


class Command(BaseCommand):
    help = "Run one PAK application through all 17 steps as the demo accounts; print the process log."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo12345")

    def handle(self, *args, password: str, **options):
        users = seed_users(password)
        app = new_application(users)
        app = run_forward(app, users)
        rows = [("#", "Langkah", "Tindakan", "Oleh", "Peran", "Waktu (WITA)", "Paraf", "Catatan")]
        for e in app.log.order_by("seq"):
            rows.append(
                (
                    str(e.seq),
                    str(e.step or ""),
                    e.action,
                    e.actor_name,
                    e.role,
                    to_wita(e.at).strftime("%d-%m-%Y %H:%M:%S"),
                    e.initial,
                    e.note[:40],
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for i, r in enumerate(rows):
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
            if i == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("")
        self.stdout.write(f"Nomor registrasi: {app.registration_number}")
        self.stdout.write(f"Nomor izin: {app.licence.number}  (status: {app.licence.status})")
        self.stdout.write(f"Status permohonan: {app.state}")
