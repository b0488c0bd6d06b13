"""The files the records name, and the files the storage holds (disk or object storage,
through Django's storage API only: no `.path`, so both backends behave alike)."""

import hashlib
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from perizinan.applications.models import Document
from perizinan.documents.models import GeneratedDocument

# Folders the application writes under (applications.models.upload_path, documents.models.generated_path).
ROOTS = ("applications", "generated")


def recorded() -> dict[str, str]:
    """Storage name -> SHA-256 the record holds, for every uploaded and generated file."""
    names = dict(Document.objects.values_list("file", "sha256"))
    names.update(GeneratedDocument.objects.values_list("file", "sha256"))
    return names


def walk(storage: Storage | None = None, top: str = "") -> Iterator[str]:
    """Every file name under the application's folders."""
    storage = storage or default_storage
    tops = [top] if top else [r for r in ROOTS if _has_children(storage, r)]
    for folder in tops:
        dirs, files = storage.listdir(folder)
        for f in files:
            yield f"{folder}/{f}"
        for d in dirs:
            yield from walk(storage, f"{folder}/{d}")


def _has_children(storage: Storage, folder: str) -> bool:
    # Object storage has no folders: a prefix "exists" only through the objects under it.
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return False
    return bool(dirs or files)


def sha256_of(name: str, storage: Storage | None = None) -> str:
    digest = hashlib.sha256()
    with (storage or default_storage).open(name, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def orphans(*, older_than: timedelta) -> list[str]:
    """Files no record names, last written more than `older_than` ago. A request writes its
    files before its transaction commits (docs/adr/0007); one killed in between leaves its
    file behind. Younger files may still be waiting for their commit."""
    known = recorded()
    cutoff: datetime = timezone.now() - older_than
    return [
        name for name in walk() if name not in known and default_storage.get_modified_time(name) <= cutoff
    ]


def sweep(*, older_than: timedelta) -> list[str]:
    """Remove orphaned files (see `orphans`); return their names."""
    gone = orphans(older_than=older_than)
    for name in gone:
        default_storage.delete(name)
    return gone
