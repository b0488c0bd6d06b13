"""The process log (map pengendali proses): append-only, hash-chained per application."""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from perizinan.applications.models import Application
from perizinan.workdays.calendar import to_wita

from .models import ProcessLogEntry

GENESIS = "0" * 64


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """What the JSON column gives back, so the hash survives a round trip."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True))


class UnknownKey(Exception):
    """An entry names a key id that this installation does not hold."""


def current_key_id() -> str:
    return str(settings.PROCESS_LOG_KEY_ID)


def _key(key_id: str) -> bytes:
    keys: dict[str, str] = settings.PROCESS_LOG_KEYS
    if key_id not in keys:
        raise UnknownKey(key_id)
    return keys[key_id].encode()


def entry_hash(e: ProcessLogEntry) -> str:
    """HMAC-SHA256 of the entry's canonical JSON under the key its `key_id` names (docs/adr/0014).
    Entries written before the log was keyed were keyed by migration workflow 0004."""
    return hmac.new(_key(e.key_id), f"{e.key_id}:{canonical(e)}".encode(), hashlib.sha256).hexdigest()


def canonical(e: ProcessLogEntry) -> str:
    """The entry as canonical JSON (its key id is bound separately, in the HMAC's message)."""
    payload = {
        "application": e.application_id,
        "seq": e.seq,
        "step": e.step,
        "action": e.action,
        "direction": e.direction,
        "from_state": e.from_state,
        "to_state": e.to_state,
        "actor": e.actor_id,
        "actor_name": e.actor_name,
        "role": e.role,
        "at": e.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "note": e.note,
        "initial": e.initial,
        "data": e.data,
        "seconds_taken": e.seconds_taken,
        "standard": e.standard,
        "due_on": e.due_on.isoformat() if e.due_on else None,
        "late": e.late,
        "prev_hash": e.prev_hash,
    }
    return json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    )


@dataclass(frozen=True)
class Head:
    """The last entry of an application's chain, as kept on its row."""

    seq: int
    hash: str
    at: datetime | None

    @classmethod
    def of(cls, application: Any) -> "Head":
        return cls(application.log_seq, application.log_head, application.log_at)


def next_entry(
    *,
    application: Any,
    head: Head,
    by: Any,
    role: str,
    action: str,
    direction: str,
    step: int | None,
    from_state: str,
    to_state: str,
    at: datetime,
    note: str = "",
    data: dict[str, Any] | None = None,
    standard: str = "",
    initial: str = "",
    due_on: date | None = None,
) -> ProcessLogEntry:
    """The entry that follows `head`, hashed, not yet saved. The caller saves it and the new
    head (the entry's seq, hash and time on the application row) in the transaction that
    holds the row."""
    entry = ProcessLogEntry(
        application_id=application.pk,
        seq=head.seq + 1,
        step=step,
        action=action,
        direction=direction,
        from_state=from_state,
        to_state=to_state,
        actor=by,
        actor_name=(by.get_full_name() or by.username)[:200],
        role=role,
        at=at,
        note=note or "",
        initial=initial,
        data=normalise(data or {}),
        seconds_taken=max(0, int((at - head.at).total_seconds())) if head.at else None,
        standard=str(standard),
        due_on=due_on,
        late=bool(due_on and to_wita(at).date() > due_on),
        prev_hash=head.hash or GENESIS,
        key_id=current_key_id(),
    )
    entry.hash = entry_hash(entry)
    return entry


def append(*, application: Any, **fields: Any) -> ProcessLogEntry:
    """Append one entry (a service's own note: upload, edit, tick...). The caller holds the
    application's row lock (same transaction); the head is read from and written to the row."""
    seq, head_hash, at = (
        Application.objects.filter(pk=application.pk).values_list("log_seq", "log_head", "log_at").get()
    )
    entry = next_entry(application=application, head=Head(seq, head_hash, at), **fields)
    entry.save()
    Application.objects.filter(pk=application.pk).update(
        log_seq=entry.seq, log_head=entry.hash, log_at=entry.at
    )
    return entry


@dataclass(frozen=True)
class ChainReport:
    application_id: int
    entries: int
    broken_seq: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


INITIAL_STATE = "draft"


def verify_chain(application_id: int, *, anchored_seq: int = 0, anchored_head: str = "") -> ChainReport:
    """Recompute every keyed hash; name the first entry whose content, key or link does not
    match. Also: the chain reaches the head kept on the application row and at least the last
    anchored length (`anchored_seq`), its entry at that length is the anchored one
    (`anchored_head`: a history rewritten even with the key differs there), and the
    application's state is its last entry's."""
    prev = GENESIS
    count = 0
    expected_seq = 1
    last_state = None
    for e in ProcessLogEntry.objects.filter(application_id=application_id).order_by("seq").iterator():
        count += 1
        if e.seq != expected_seq:
            return ChainReport(application_id, count, e.seq, f"sequence gap: expected {expected_seq}")
        if e.prev_hash != prev:
            return ChainReport(application_id, count, e.seq, "link to the previous entry does not match")
        try:
            if not hmac.compare_digest(entry_hash(e), e.hash):
                return ChainReport(application_id, count, e.seq, "content does not match its hash")
        except UnknownKey:
            return ChainReport(application_id, count, e.seq, f"unknown log key id {e.key_id!r}")
        if e.seq == anchored_seq and anchored_head and not hmac.compare_digest(e.hash, anchored_head):
            return ChainReport(application_id, count, e.seq, "entry differs from its anchored head")
        prev = e.hash
        last_state = e.to_state
        expected_seq += 1
    seq, head, state = (
        Application.objects.filter(pk=application_id).values_list("log_seq", "log_head", "state").get()
    )
    if (seq, head or GENESIS) != (count, prev):
        # Entries deleted from the end (or the whole chain): the row still names the last one.
        return ChainReport(
            application_id, count, count + 1, f"chain ends at {count}, its application at {seq}"
        )
    if count < anchored_seq:
        return ChainReport(
            application_id, count, count + 1, f"chain ends at {count}, anchored at {anchored_seq}"
        )
    if state != (last_state or INITIAL_STATE):
        return ChainReport(
            application_id, count, count + 1, f"state {state} is not that of its last entry ({last_state})"
        )
    return ChainReport(application_id, count, None)
