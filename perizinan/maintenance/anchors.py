"""The daily anchor of the process log (docs/adr/0016): every application's chain head, in one
JSON document signed with the office's seal (a detached CMS signature beside it), written
through Django's storage (alias "anchors") and never into the database.

Nothing in the database points at the anchors: the latest one is found by listing the store
(`process-log-anchors/<year>/<UTC time>.json`), so whoever holds the database can neither
hide an anchor nor redirect the check to an older one. The signing and the writing run with
no transaction open (a single SELECT reads every head at one moment)."""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from perizinan.applications.models import Application
from perizinan.documents.signing import seal_key
from perizinan.documents.signing.base import SigningError
from perizinan.documents.signing.detached import DetachedCheck, check_detached, sign_detached
from perizinan.workflow.models import ProcessLogEntry

logger = logging.getLogger(__name__)
FOLDER = "process-log-anchors"
FORMAT = "perizinan-process-log-anchor/1"
TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"


def anchor_storage() -> Storage:
    return storages["anchors"]


@dataclass(frozen=True)
class AnchoredHead:
    application: int
    registration_number: str
    seq: int
    head: str
    key_id: str


@dataclass(frozen=True)
class Anchor:
    """An anchor as read back: `check` says whether its signature verifies; its heads are
    read only from a document whose signature does."""

    name: str
    digest: str
    check: DetachedCheck
    created_at: datetime | None = None
    heads: list[AnchoredHead] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.check.ok


def chain_heads() -> list[AnchoredHead]:
    """Every application's head as kept on its row, with the key id of its last entry."""
    key_id = ProcessLogEntry.objects.filter(application_id=OuterRef("pk"), seq=OuterRef("log_seq")).values(
        "key_id"
    )[:1]
    rows = (
        Application.objects.filter(log_seq__gt=0)
        .annotate(head_key_id=Subquery(key_id))
        .order_by("pk")
        .values_list("pk", "registration_number", "log_seq", "log_head", "head_key_id")
    )
    return [AnchoredHead(pk, reg or "", seq, head, key or "") for pk, reg, seq, head, key in rows]


def document(heads: list[AnchoredHead], at: datetime) -> bytes:
    """The anchor's bytes: canonical JSON (sorted keys, no spaces, UTF-8)."""
    body = {
        "format": FORMAT,
        "created_at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "count": len(heads),
        "chains": [
            {
                "application": h.application,
                "registration_number": h.registration_number,
                "seq": h.seq,
                "head": h.head,
                "key_id": h.key_id,
            }
            for h in heads
        ],
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def name_for(at: datetime) -> str:
    at = at.astimezone(UTC)
    return f"{FOLDER}/{at:%Y}/{at.strftime(TIME_FORMAT)}.json"


def signature_name(name: str) -> str:
    return name.removesuffix(".json") + ".p7s"


def write_anchor(*, at: datetime | None = None) -> str:
    """Read every head, sign the document with the seal and store it (signature first: a JSON
    file without its signature never appears). Returns the document's storage name."""
    at = at or timezone.now()
    data = document(chain_heads(), at)
    signature = sign_detached(data, seal_key())  # slow work: no transaction is open
    storage = anchor_storage()
    name = name_for(at)
    storage.save(signature_name(name), ContentFile(signature))
    return storage.save(name, ContentFile(data))


class AnchorStoreError(Exception):
    """The anchor store cannot be read now: whether it holds an anchor is unknown."""


def latest_name(storage: Storage | None = None) -> str | None:
    """The newest anchor in the store, by its name (its UTC time), or None when it holds none.
    Raises AnchorStoreError when the store cannot be listed."""
    storage = storage or anchor_storage()
    try:
        years, _files = storage.listdir(FOLDER)
        for year in sorted(years, reverse=True):
            _dirs, files = storage.listdir(f"{FOLDER}/{year}")
            names = sorted(f for f in files if f.endswith(".json"))
            if names:
                return f"{FOLDER}/{year}/{names[-1]}"
    except FileNotFoundError:
        return None
    except Exception as e:  # a folder out of reach (OSError), a bucket out of reach (the S3 client's errors)
        raise AnchorStoreError(f"the anchor store cannot be read: {e}") from e
    return None


def office_certificate() -> Any:
    """The seal's certificate, when this host holds the seal; else None (trust roots only)."""
    try:
        return seal_key().signing_cert
    except SigningError:
        return None


def _read(storage: Storage, name: str) -> bytes:
    """The file's bytes; empty when it is missing (both storages raise FileNotFoundError).
    Raises AnchorStoreError when the store fails otherwise: a fault of the disk or the bucket
    is not a missing signature."""
    try:
        with storage.open(name, "rb") as f:
            return bytes(f.read())
    except FileNotFoundError:
        return b""
    except Exception as e:  # OSError on disk, the S3 client's own errors in a bucket
        raise AnchorStoreError(f"the anchor store cannot be read: {e}") from e


def read_anchor(name: str) -> Anchor:
    """The anchor stored as `name`, its signature checked. Raises AnchorStoreError when one of
    its files cannot be read (a missing signature is a failed check, not an error)."""
    storage = anchor_storage()
    data = _read(storage, name)
    digest = hashlib.sha256(data).hexdigest()
    signature = _read(storage, signature_name(name))
    if not signature:
        return Anchor(name, digest, DetachedCheck(False, reason="signature file missing"))
    check = check_detached(data, signature, expected=office_certificate())
    if not check.ok:
        return Anchor(name, digest, check)
    try:
        body = json.loads(data)
        created_at = datetime.fromisoformat(body["created_at"])
        heads = [
            AnchoredHead(
                int(c["application"]),
                str(c["registration_number"]),
                int(c["seq"]),
                str(c["head"]),
                str(c["key_id"]),
            )
            for c in body["chains"]
        ]
    except (ValueError, KeyError, TypeError):
        return Anchor(name, digest, DetachedCheck(False, check.signer, reason="signed, but not an anchor"))
    if body.get("format") != FORMAT or name_for(created_at) != name:
        # A genuine older anchor copied under a newer name must not pass for the latest.
        return Anchor(
            name, digest, DetachedCheck(False, check.signer, reason="name does not match its signed time")
        )
    return Anchor(name, digest, check, created_at, heads)


def latest_anchor() -> Anchor | None:
    """The newest anchor, read and checked; None when the store holds none (AnchorStoreError
    when it cannot be read)."""
    name = latest_name()
    return read_anchor(name) if name else None


@dataclass(frozen=True)
class AnchorPanel:
    """What the supervisors' pages print about the latest anchor: the anchor (None: there is
    none), or that the store cannot be read now."""

    anchor: Anchor | None
    unreachable: bool = False


def anchor_panel() -> AnchorPanel:
    try:
        return AnchorPanel(latest_anchor())
    except AnchorStoreError:
        logger.exception("process-log anchor store unreadable")
        return AnchorPanel(None, unreachable=True)


def missing_applications(anchor: Anchor, *, only: list[str] | None = None) -> list[AnchoredHead]:
    """Anchored applications whose row is gone from the database (the chain with it); `only`:
    registration numbers or ids to look at (default: all)."""
    heads = [
        h for h in anchor.heads if not only or h.registration_number in only or str(h.application) in only
    ]
    present = set(
        Application.objects.filter(pk__in=[h.application for h in heads]).values_list("pk", flat=True)
    )
    return [h for h in heads if h.application not in present]


@dataclass(frozen=True)
class AnchorReading:
    """What the latest anchor says about the database: `heads` by application id (empty when
    there is no anchor or its signature fails), and the anchored applications gone from it."""

    anchor: Anchor | None
    heads: dict[int, AnchoredHead]
    missing: list[AnchoredHead]


def read_latest(*, only: list[str] | None = None) -> AnchorReading:
    """The latest anchor, checked, with its heads by application and the applications it holds
    that the database no longer does (`only`: see `missing_applications`). Raises
    AnchorStoreError when the store cannot be read."""
    anchor = latest_anchor()
    if anchor is None or not anchor.ok:
        return AnchorReading(anchor, {}, [])
    return AnchorReading(
        anchor, {h.application: h for h in anchor.heads}, missing_applications(anchor, only=only)
    )


def missing_from_database(head: AnchoredHead) -> str:
    """How both checks name an anchored application whose row is gone."""
    return (
        f"{head.registration_number or head.application}: anchored at #{head.seq}, missing from the database"
    )
