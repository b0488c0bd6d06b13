"""Backups that restore: the database (see `database`) and every file a record names, in one
folder with a manifest (SHA-256 of each file).

Order matters. Files are written before the rows that name them commit and are never changed
afterwards, so dumping the database first and copying files second gives every row in the
dump its file. A file written after the dump is copied too; restore takes only the files the
restored rows name.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils import timezone

from . import database, stored
from .database import BackupError

MANIFEST = "manifest.json"
FILES = "files"
FORMAT = 1


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _safe(folder: Path, name: str) -> Path:
    target = (folder / FILES / name).resolve()
    if not target.is_relative_to((folder / FILES).resolve()):
        raise BackupError(f"file name outside the backup: {name}")
    return target


def create(folder: Path) -> dict[str, Any]:
    """Write a backup into `folder` (created; must not exist or be empty)."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty")
    db_file = database.dump(folder)
    files = []
    for name, sha in sorted(stored.recorded().items()):
        target = _safe(folder, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with default_storage.open(name, "rb") as src, target.open("wb") as out:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != sha:
            raise BackupError(f"stored file differs from its record's SHA-256: {name}")
        files.append({"name": name, "size": target.stat().st_size, "sha256": sha})
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": database.engine(),
        "database": {"file": db_file, "sha256": _sha256_file(folder / db_file)},
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return manifest


@dataclass
class Restored:
    files: int
    skipped: int  # copied after the dump; no restored row names them


def verify(folder: Path) -> dict[str, Any]:
    """Check every file of the backup against its manifest before anything is written."""
    manifest = json.loads((folder / MANIFEST).read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')}")
    db = manifest["database"]
    if _sha256_file(folder / db["file"]) != db["sha256"]:
        raise BackupError(f"{db['file']}: SHA-256 does not match the manifest")
    for entry in manifest["files"]:
        if _sha256_file(_safe(folder, entry["name"])) != entry["sha256"]:
            raise BackupError(f"{entry['name']}: SHA-256 does not match the manifest")
    return manifest


def restore(folder: Path) -> Restored:
    """Restore into an empty database and an empty storage."""
    manifest = verify(folder)
    if not database.is_empty():
        raise BackupError("the database is not empty: restore only into a new, empty database")
    if next(stored.walk(), None) is not None:
        raise BackupError("the file storage is not empty: restore only into an empty storage")
    database.load(folder, manifest["database"]["file"])
    in_backup = {e["name"]: e["sha256"] for e in manifest["files"]}
    wanted = stored.recorded()
    missing = sorted(n for n in wanted if in_backup.get(n) != wanted[n])
    if missing:
        raise BackupError(f"{len(missing)} recorded file(s) missing from the backup, e.g. {missing[0]}")
    for name in sorted(wanted):
        with _safe(folder, name).open("rb") as f:
            saved = default_storage.save(name, File(f))
        if saved != name:
            raise BackupError(f"storage stored {name} as {saved}")
    return Restored(files=len(wanted), skipped=len(in_backup) - len(wanted))
