"""The archive of one application (section U): uploads, generated PDFs and the process log, with a manifest."""

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from perizinan.applications.models import Application
from perizinan.workflow.log import verify_chain

from .models import GeneratedDocument
from .registry import render


def _entry(e: Any) -> dict[str, Any]:
    """A process-log entry as the dossier's JSON keeps it: the actor by name, the time as ISO text."""

    def columns(*names: str) -> dict[str, Any]:
        return {name: getattr(e, name) for name in names}

    return {
        **columns("seq", "step", "action", "direction", "from_state", "to_state"),
        "actor": e.actor_name,
        "role": e.role,
        "at": e.at.isoformat(),
        **columns(
            "note", "initial", "data", "seconds_taken", "standard", "due_on", "late", "prev_hash", "hash"
        ),
    }


def export_dossier(app: Application, output: Path) -> dict[str, Any]:
    """Write the ZIP; return its manifest."""

    files: list[tuple[str, bytes]] = []
    for d in app.documents.select_related("requirement").order_by("requirement__number", "uploaded_at"):
        with d.file.open("rb") as f:
            state = "current" if d.is_current else "replaced"
            files.append(
                (
                    f"uploads/{d.requirement.number:02d}-{state}-{d.sha256[:12]}.{d.content_type.split('/')[-1]}",
                    f.read(),
                )
            )
    for g in GeneratedDocument.objects.filter(application=app).order_by("id"):
        with g.file.open("rb") as f:
            files.append((f"generated/{g.id:04d}-step{g.step or 0:02d}-{g.kind}.pdf", f.read()))
    log = [_entry(e) for e in app.log.order_by("seq")]
    files.append(
        ("process-log.json", json.dumps(log, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode())
    )
    files.append(("process-log.pdf", render("process_control_sheet", app)))
    chain = verify_chain(app.pk)
    manifest = {
        "registration_number": app.registration_number,
        "company": str(app.company),
        "state": app.state,
        "exported_at": timezone.now().isoformat(),
        "process_log_chain": {"ok": chain.ok, "entries": chain.entries, "broken_seq": chain.broken_seq},
        "files": [{"path": p, "sha256": hashlib.sha256(c).hexdigest(), "size": len(c)} for p, c in files],
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path, content in files:
            z.writestr(path, content)
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest
