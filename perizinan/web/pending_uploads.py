"""Files of an action form whose other fields were refused, kept for the next attempt so that
nobody has to choose them again (issue 13 item 11). They wait in storage under `pending/`,
named in the session of whoever uploaded them, until the action succeeds or is abandoned."""

from typing import Any
from uuid import uuid4

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.utils.text import get_valid_filename

KEY = "pending_uploads"


def _slot(app_pk: int, action: str) -> str:
    return f"{app_pk}:{action}"


def keep(request: HttpRequest, *, app_pk: int, action: str, files: dict[str, Any], refused: set[str]) -> None:
    """Keep every file of the attempt except those refused themselves."""
    store = request.session.get(KEY, {})
    slot = store.setdefault(_slot(app_pk, action), {})
    for field, upload in files.items():
        if field in refused:
            continue
        if field in slot:
            default_storage.delete(slot[field]["path"])
        name = get_valid_filename(upload.name or "berkas") or "berkas"
        upload.seek(0)
        path = default_storage.save(f"pending/{uuid4().hex}/{name}", upload)
        slot[field] = {"path": path, "name": upload.name, "content_type": upload.content_type}
    request.session[KEY] = store


def kept(request: HttpRequest, *, app_pk: int) -> dict[str, dict[str, str]]:
    """action -> field -> the kept file's name."""
    prefix = f"{app_pk}:"
    return {
        key.removeprefix(prefix): {field: f["name"] for field, f in slot.items()}
        for key, slot in request.session.get(KEY, {}).items()
        if key.startswith(prefix)
    }


def with_kept(request: HttpRequest, *, app_pk: int, action: str, files: dict[str, Any]) -> dict[str, Any]:
    """The attempt's files, completed with the kept ones it does not replace."""
    out = dict(files)
    for field, f in request.session.get(KEY, {}).get(_slot(app_pk, action), {}).items():
        if field not in out and default_storage.exists(f["path"]):
            with default_storage.open(f["path"], "rb") as fh:
                out[field] = SimpleUploadedFile(f["name"], fh.read(), content_type=f["content_type"])
    return out


def clear(request: HttpRequest, *, app_pk: int, action: str) -> None:
    store = request.session.get(KEY, {})
    slot = store.pop(_slot(app_pk, action), None)
    if slot is None:
        return
    for f in slot.values():
        default_storage.delete(f["path"])
    request.session[KEY] = store
