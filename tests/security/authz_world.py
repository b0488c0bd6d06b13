"""The rows the authorisation matrix and the schema fuzz run against, made directly (no lifecycle).

An application is put into a state by setting its state field: the matrix asks who may do
what in each state, not whether the state was reached honestly. Every request of the matrix
runs in a savepoint that is rolled back (`isolated`), so each one meets the same rows.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from perizinan.accounts.models import TechnicalAgency, User
from perizinan.applications import services
from perizinan.applications.models import Application
from perizinan.catalog.selectors import get_permit_type
from perizinan.demo import DEMO_APPLICATION, pdf_upload, sample_pdf, seed_users
from perizinan.documents.models import DocumentJob, GeneratedDocument, JobState
from perizinan.documents.selectors import NUMBERED_LICENCE
from perizinan.frontoffice.models import QueueTicket, TicketStatus
from perizinan.frontoffice.services import ensure_services
from perizinan.workflow.models import ProcessLogEntry
from tests.clients import PASSWORD, Api, load_catalogue

from .authz_rules import ANONYMOUS, OTHER_APPLICANT, OWNER, PRINCIPALS, REFERRED_STATES


@dataclass
class World:
    users: dict[str, User]
    apps: dict[str, int] = field(default_factory=dict)  # state -> application id
    documents: dict[int, int] = field(default_factory=dict)  # application -> uploaded document
    generated: dict[int, int] = field(default_factory=dict)  # application -> step document
    jobs: dict[int, int] = field(default_factory=dict)  # application -> failed document job
    ticket: int = 0  # a called ticket of the CS queue
    clients: dict[str, Api] = field(default_factory=dict)

    def api(self, principal: str) -> Api:
        if principal not in self.clients:
            self.clients[principal] = Api(None if principal == ANONYMOUS else self.users[principal])
        return self.clients[principal]


def principal_users() -> dict[str, User]:
    """One user per role (the demo accounts, plus a site admin) and an applicant who owns nothing."""
    load_catalogue()
    demo = seed_users(PASSWORD)
    users = {name: user for name, user in demo.items() if name != "applicant2"}
    users[OTHER_APPLICANT] = demo["applicant2"]
    admin, _ = User.objects.get_or_create(username="site_admin", defaults={"first_name": "Admin"})
    admin.set_password(PASSWORD)
    admin.save()
    admin.groups.set([Group.objects.get(name="site_admin")])
    users["site_admin"] = admin
    return users


def make_application(owner: User, state: str) -> Application:
    """A draft filed by `owner` through the service, then put into `state` directly."""
    data = json.loads(json.dumps(DEMO_APPLICATION))
    permit_type = get_permit_type(data["permit_type"])
    assert permit_type is not None
    app = services.create_application(by=owner, permit_type=permit_type, data=data)
    agency = TechnicalAgency.objects.get(code="dinkes-kaltim") if state in REFERRED_STATES else None
    Application.objects.filter(pk=app.pk).update(
        state=state, referred_agency=agency, registration_number=f"REG-{app.pk}" if state != "draft" else None
    )
    return app


def attach_files(world: World, app: Application) -> None:
    """An uploaded document, a step document (the numbered licence) and a failed document job."""
    doc = services.upload_document(
        application=Application.objects.get(pk=app.pk),
        by=world.users["cs"],
        requirement_number="1",
        upload=pdf_upload("r1.pdf"),
    )
    world.documents[app.pk] = doc.pk
    pdf = sample_pdf("Izin")
    generated = GeneratedDocument(application=app, kind=NUMBERED_LICENCE, sha256="0" * 64, size=len(pdf))
    generated.file.save("izin.pdf", ContentFile(pdf), save=False)
    generated.save()
    world.generated[app.pk] = generated.pk
    entry = ProcessLogEntry.objects.filter(application=app).order_by("-seq").first()
    job = DocumentJob.objects.create(
        application=app, log_entry=entry, kinds=["receipt"], state=JobState.FAILED
    )
    world.jobs[app.pk] = job.pk


def called_ticket() -> int:
    service = next(s for s in ensure_services() if s.code == "cs")
    now = timezone.now()
    ticket = QueueTicket.objects.create(
        service=service,
        day=timezone.localdate(now),
        seq=1,
        number="B-001",
        status=TicketStatus.CALLED,
        issued_at=now,
        called_at=now,
        last_called_at=now,
        calls=1,
        counter="1",
    )
    return ticket.pk


def build_world(states: tuple[str, ...]) -> World:
    world = World(users=principal_users())
    for state in states:
        world.apps[state] = make_application(world.users[OWNER], state).pk
    world.ticket = called_ticket()
    for principal in PRINCIPALS:
        world.api(principal)  # tokens issued here, outside the rolled-back savepoints
    return world


@contextmanager
def isolated() -> Iterator[None]:
    """A savepoint rolled back afterwards. Marked as a test case's block, a step's durable
    transaction nests in it as in any test (Django exempts those blocks from the check)."""
    block: Any = transaction.atomic()
    block._from_testcase = True
    block.__enter__()
    try:
        yield
    finally:
        transaction.set_rollback(True)
        block.__exit__(None, None, None)
