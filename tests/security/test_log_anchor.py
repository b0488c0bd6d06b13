"""The daily anchor of the process log (docs/adr/0016): every chain head signed with the
office's seal and kept outside the database; each attack on the log after anchoring is found,
a forged or edited anchor fails its signature, a missing anchor is reported, not a crash."""

import io
import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from perizinan.applications.models import Application
from perizinan.applications.services import create_application
from perizinan.catalog.models import PermitType
from perizinan.demo import DEMO_APPLICATION
from perizinan.documents.signing.detached import sign_detached
from perizinan.documents.signing.local import LocalSigner
from perizinan.maintenance import anchors
from perizinan.maintenance.anchors import anchor_storage, latest_anchor, signature_name, write_anchor
from perizinan.web.templatetags.perizinan import wita
from perizinan.workflow import log
from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry
from tests.worker import drain

pytestmark = pytest.mark.django_db
TABLE = ProcessLogEntry._meta.db_table
APPS = Application._meta.db_table


def sql(statement: str, params: list) -> None:  # type: ignore[type-arg]
    with connection.cursor() as cur:
        cur.execute(statement, params)


@pytest.fixture
def app_ids(users) -> list[int]:  # type: ignore[no-untyped-def]
    """Two drafts with three entries each, written by the services (no lifecycle)."""
    ids = []
    for owner in ("applicant", "applicant2"):
        app = create_application(
            by=users[owner], permit_type=PermitType.objects.get(code="PAK"), data=DEMO_APPLICATION
        )
        for note in ("satu", "dua"):
            log.append(
                application=app, by=users[owner], role="applicant", action="edit", direction="note",
                step=None, from_state="draft", to_state="draft", at=app.created_at, note=note,
            )  # fmt: skip
        ids.append(app.pk)
    return ids


def entries(app_id: int) -> list[ProcessLogEntry]:
    return list(ProcessLogEntry.objects.filter(application_id=app_id).order_by("seq"))


def verify() -> str:
    out = io.StringIO()
    call_command("verify_process_log", stdout=out)
    return out.getvalue()


def verify_fails() -> str:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_process_log", stdout=out)
    return out.getvalue()


def set_head(app_id: int, seq: int, head: str, state: str = "draft") -> None:
    sql(
        f"UPDATE {APPS} SET log_seq = %s, log_head = %s, state = %s WHERE id = %s", [seq, head, state, app_id]
    )


def test_the_anchor_lists_every_head_signed_by_the_seal(app_ids):
    name = write_anchor()
    anchor = latest_anchor()
    assert anchor is not None and anchor.ok and anchor.name == name
    assert anchor.check.signer.startswith("Segel Elektronik")
    rows = Application.objects.filter(pk__in=app_ids).order_by("pk").values_list("pk", "log_seq", "log_head")
    assert [(h.application, h.seq, h.head) for h in anchor.heads] == list(rows)
    assert all(h.seq == 3 and h.key_id == settings.PROCESS_LOG_KEY_ID for h in anchor.heads)
    # Outside the database, in the file store; any CMS tool checks the seal against the root.
    folder = Path(settings.MEDIA_ROOT)
    assert (folder / name).is_file() and (folder / signature_name(name)).is_file()
    done = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", folder / signature_name(name),
         "-content", folder / name, "-CAfile", settings.PERIZINAN_TRUST_ROOTS[0], "-purpose", "any",
         "-out", "/dev/null"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 chain(s)" in verify() and "signature valid" in verify()


def test_a_tail_deleted_after_anchoring_is_found(app_ids):
    write_anchor()
    _first, second, third = entries(app_ids[0])
    sql(f"DELETE FROM {TABLE} WHERE id = %s", [third.pk])
    set_head(app_ids[0], 2, second.hash)  # the row is moved back too: only the anchor knows
    assert verify_chain(app_ids[0]).ok
    assert "chain ends at 2, anchored at 3" in verify_fails()


def test_a_chain_deleted_after_anchoring_is_found(app_ids):
    write_anchor()
    sql(f"DELETE FROM {TABLE} WHERE application_id = %s", [app_ids[0]])
    set_head(app_ids[0], 0, "")
    assert verify_chain(app_ids[0]).ok  # a draft without entries, as far as the database says
    assert "chain ends at 0, anchored at 3" in verify_fails()


def test_an_application_deleted_with_its_chain_is_found(app_ids):
    write_anchor()
    sql(f"DELETE FROM {TABLE} WHERE application_id = %s", [app_ids[1]])
    Application.objects.filter(pk=app_ids[1]).delete()
    out = verify_fails()
    assert f"application {app_ids[1]}: anchored at #3, missing from the database" in out


def test_a_history_rewritten_with_the_key_is_found(app_ids):
    """Whoever holds the database and the log key rewrites entry 1 and recomputes the chain:
    every HMAC verifies, the head differs from the anchored one."""
    write_anchor()
    prev = log.GENESIS
    for e in entries(app_ids[0]):
        e.note = "ditulis ulang" if e.seq == 1 else e.note
        e.prev_hash = prev
        e.hash = log.entry_hash(e)
        sql(
            f"UPDATE {TABLE} SET note = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [e.note, prev, e.hash, e.pk],
        )
        prev = e.hash
    set_head(app_ids[0], 3, prev)
    assert verify_chain(app_ids[0]).ok
    assert "entry #3: entry differs from its anchored head" in verify_fails()


def test_an_edited_anchor_fails_its_signature(app_ids):
    name = write_anchor()
    path = Path(settings.MEDIA_ROOT) / name
    path.write_bytes(path.read_bytes().replace(b'"seq":3', b'"seq":2', 1))
    anchor = latest_anchor()
    assert anchor is not None and not anchor.ok and anchor.heads == []
    assert "does not match the content" in anchor.check.reason
    assert f"ANCHOR {name} FAILS verification" in verify_fails()


def test_an_anchor_signed_with_another_key_fails(app_ids, demo_pki):
    """A forged anchor signed with a key the office trusts but that is not its seal."""
    name = write_anchor()
    path = Path(settings.MEDIA_ROOT)
    body = json.loads((path / name).read_bytes())
    body["chains"] = body["chains"][1:]
    forged = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    (path / name).write_bytes(forged)
    head_key = LocalSigner(demo_pki.head_p12, settings.PERIZINAN_SIGNING_PASSPHRASE.encode()).key()
    (path / signature_name(name)).write_bytes(sign_detached(forged, head_key))
    assert "seal certificate" in verify_fails()


def test_an_older_anchor_under_a_newer_name_fails(app_ids):
    old = write_anchor()
    newer = old.replace(old.rsplit("/", 1)[1][:4], str(int(old.rsplit("/", 1)[1][:4]) + 1))
    storage = anchor_storage()
    for src, dst in ((old, newer), (signature_name(old), signature_name(newer))):
        with storage.open(src, "rb") as f:
            storage.save(dst, f)
    anchor = latest_anchor()
    assert anchor is not None and anchor.name == newer and "signed time" in anchor.check.reason


def test_a_missing_anchor_is_reported_not_a_failure(app_ids):
    assert latest_anchor() is None
    assert "NO ANCHOR" in verify()
    name = write_anchor()
    (Path(settings.MEDIA_ROOT) / signature_name(name)).unlink()
    assert "signature file missing" in verify_fails()


def test_a_signature_that_cannot_be_read_is_a_store_fault_not_a_missing_signature(app_ids, users):
    # The store lists the anchor but fails to read its signature (an I/O error, as a failing
    # disk or bucket gives): whether the signature exists is unknown, so nothing says "missing".
    name = write_anchor()
    signature = Path(settings.MEDIA_ROOT) / signature_name(name)
    signature.unlink()
    signature.mkdir()  # opening it raises IsADirectoryError, an OSError that is not "not found"
    with pytest.raises(CommandError, match="anchor store cannot be read"):
        call_command("verify_process_log", stdout=io.StringIO())
    page = dashboard(users)
    assert "Penyimpanan jangkar log proses tidak dapat dibaca saat ini" in page
    assert "signature file missing" not in page


def test_the_periodic_job_runs_through_the_worker(app_ids):
    call_command("anchor_process_log", "--enqueue", stdout=io.StringIO())
    assert latest_anchor() is None  # queued, not written
    assert drain() == 1
    anchor = latest_anchor()
    assert anchor is not None and anchor.ok and len(anchor.heads) == 2


def test_the_command_writes_an_anchor_now(app_ids):
    out = io.StringIO()
    call_command("anchor_process_log", stdout=out)
    assert f"Anchor written: {anchors.latest_name()}" in out.getvalue()


def dashboard(users, **headers: str) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(users["office_head"])
    response = client.get(reverse("reports:dashboard"), headers=headers)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_supervision_dashboard_prints_the_latest_anchor(app_ids, users):
    assert "Belum ada jangkar log proses" in dashboard(users)
    name = write_anchor()
    anchor = latest_anchor()
    assert anchor is not None and anchor.created_at is not None
    page = dashboard(users)
    assert f"Jangkar terakhir {wita(anchor.created_at)}: 2 rantai." in page
    assert "Tanda tangan segel dinas sah." in page and anchor.digest in page
    english = dashboard(users, **{"Accept-Language": "en"})
    assert "Latest anchor" in english and "2 chains" in english and "signature is valid" in english
    path = Path(settings.MEDIA_ROOT) / name
    path.write_bytes(path.read_bytes() + b" ")
    assert "TIDAK lolos pemeriksaan tanda tangan" in dashboard(users)


def test_the_yearly_report_pdf_prints_the_latest_anchor(app_ids, users):
    write_anchor()
    anchor = latest_anchor()
    assert anchor is not None
    client = Client()
    client.force_login(users["office_head"])
    response = client.get(reverse("reports:yearly_pdf"))
    assert response.status_code == 200
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(response.content)).pages)
    flat = "".join(text.split())
    assert "Jangkarlogprosesterakhir" in flat and "2rantai" in flat and anchor.digest in flat
    assert "tandatangansegeldinassah" in flat


def test_an_anchor_store_out_of_reach_is_said_on_the_dashboard_not_a_server_error(app_ids, users):
    # The store's folder is unusable (as an unmounted share would be): a file where it should be.
    folder = Path(settings.MEDIA_ROOT) / anchors.FOLDER
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_bytes(b"")
    page = dashboard(users)
    assert "Penyimpanan jangkar log proses tidak dapat dibaca saat ini" in page
    assert "Belum ada jangkar log proses" not in page  # unknown, not "none"
    client = Client()
    client.force_login(users["office_head"])
    response = client.get(reverse("reports:yearly_pdf"))
    assert response.status_code == 200
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "penyimpananjangkartidakdapatdibaca" in "".join(text.split())
    with pytest.raises(CommandError, match="anchor store"):  # the check says so too, and fails
        call_command("verify_process_log", stdout=io.StringIO())
