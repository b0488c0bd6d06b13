"""Demo survey responses and complaints, so that the IKM report and the complaint pages have
something to show. Through the services; deterministic; idempotent; refused in production."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from perizinan.accounts.models import User
from perizinan.catalog.models import PermitType
from perizinan.feedback import services
from perizinan.feedback.ikm import ELEMENT_FIELDS
from perizinan.feedback.models import (
    AgeGroup,
    ComplaintCategory,
    ComplaintChannel,
    Education,
    Occupation,
    Sex,
    SurveyChannel,
    SurveyResponse,
)

COMPLAINTS = [
    (
        "waktu",
        ComplaintChannel.WEB,
        "Permohonan saya sudah lewat 7 hari kerja sejak rekomendasi, belum ada kabar.",
    ),
    ("sarana", ComplaintChannel.BOX, "Ruang tunggu panas dan kursi kurang pada jam ramai."),
    ("prosedur", ComplaintChannel.PHONE, "Daftar persyaratan di situs berbeda dengan yang diminta di loket."),
]


class Command(BaseCommand):
    help = "Create demo survey responses and complaints (idempotent; refused when DEBUG is off)."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=60)
        parser.add_argument(
            "--force", action="store_true", help="allow with DJANGO_DEBUG=0 (never in production)"
        )

    def handle(self, *args, responses: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_feedback_demo refuses to run with DJANGO_DEBUG=0 (production settings).")
        if SurveyResponse.objects.exists():
            self.stdout.write("Survey responses exist already: nothing done.")
            return
        rnd = random.Random(14_2017)
        permit_type = PermitType.objects.filter(active=True).first()
        for _ in range(responses):
            base = rnd.choice([3, 3, 3, 4, 4])
            answers = {f: max(1, min(4, base + rnd.choice([-1, 0, 0, 0, 1]))) for f in ELEMENT_FIELDS}
            answers["u3"] = max(1, answers["u3"] - rnd.choice([0, 1]))  # waiting time rated lower
            services.submit_survey(
                answers=answers,
                channel=rnd.choice([SurveyChannel.KIOSK, SurveyChannel.LINK]),
                permit_type=permit_type,
                profile={
                    "sex": rnd.choice(Sex.values),
                    "age_group": rnd.choice(AgeGroup.values),
                    "education": rnd.choice(Education.values),
                    "occupation": rnd.choice(Occupation.values),
                },
                by=None,
            )
        staff = User.objects.filter(username="cs").first()
        for code, channel, text in COMPLAINTS:
            category = ComplaintCategory.objects.filter(code=code).first()
            if category is None or (channel != ComplaintChannel.WEB and staff is None):
                continue
            services.file_complaint(
                channel=channel,
                category=category,
                description=text,
                phone="081255550000",
                by=None if channel == ComplaintChannel.WEB else staff,
            )
        self.stdout.write(f"{responses} survey responses and {len(COMPLAINTS)} complaints created.")
