"""`manage.py backup` / `restore` on the suite's engine (PostgreSQL: pg_dump/pg_restore;
SQLite: the online backup API): completed applications are backed up, restored by a separate
process into an empty database and an empty storage, and there every application, log chain,
file hash and licence verifies and matches the original.

The applications are made once for the module and committed (`tests/dossier.committed_world`):
`pg_dump` and the restoring process only see committed rows. No test here changes them."""

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from perizinan.applications.models import Document
from perizinan.demo import DEMO_APPLICATION
from perizinan.documents.models import GeneratedDocument
from tests.dossier import SharedWorld, committed_world
from tests.helpers import create_complete, run_until
from tests.maintenance.conftest import manage, this_database_url
from tests.worker import drain


def _integrity(*args: str) -> dict:  # type: ignore[type-arg]
    out = io.StringIO()
    call_command("check_integrity", "--json", "--orphan-grace", "0", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def committed_applications(
    django_db_setup, django_db_blocker, demo_pki, tmp_path_factory
) -> Iterator[SharedWorld]:  # type: ignore[no-untyped-def]
    """Two applications with their licence issued and one stopped before the signature."""
    with committed_world(django_db_blocker, demo_pki, tmp_path_factory) as world:
        done = [create_complete(world.api, json.loads(json.dumps(DEMO_APPLICATION))) for _ in range(2)]
        for app_id in done:
            run_until(world.api, app_id)
        halfway = create_complete(world.api, json.loads(json.dumps(DEMO_APPLICATION)))
        run_until(world.api, halfway, stop_before="sign")
        drain()
        yield world


@pytest.mark.django_db  # (also: pytest-django sets up the test database only for marked tests)
def test_the_applications_are_seen_by_another_process(committed_applications, tmp_path):
    counted = manage(
        "shell",
        "--no-imports",
        "-c",
        "from perizinan.applications.models import Application; print(Application.objects.count())",
        database_url=this_database_url(),
        media_root=tmp_path,
    )
    assert counted.stdout.strip() == "3"


def test_backup_restores_into_an_empty_database_and_storage(committed_applications, tmp_path, empty_database):
    original = _integrity()
    assert original["problems"] == []
    assert original["counts"]["licences"] == 2
    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=io.StringIO())

    manifest = json.loads((folder / "manifest.json").read_text())
    names = set(Document.objects.values_list("file", flat=True)) | set(
        GeneratedDocument.objects.values_list("file", flat=True)
    )
    assert {f["name"] for f in manifest["files"]} == names
    assert manifest["database"]["file"] in {"database.dump", "database.sqlite3"}

    media = tmp_path / "restored-media"
    manage("restore", str(folder), database_url=empty_database, media_root=media)
    checked = manage(
        "check_integrity", "--json", "--orphan-grace", "0", database_url=empty_database, media_root=media
    )
    restored = json.loads(checked.stdout)
    assert restored["problems"] == []
    assert restored["fingerprint"] == original["fingerprint"]
    assert restored["counts"] == original["counts"]
    assert sorted(p.name for p in media.rglob("*") if p.is_file()) == sorted(Path(n).name for n in names)
    # The process-log command agrees, in the restored copy.
    manage("verify_process_log", database_url=empty_database, media_root=media)


def test_restore_refuses_a_changed_file_and_writes_nothing(committed_applications, tmp_path, empty_database):
    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=io.StringIO())
    victim = next(p for p in (folder / "files").rglob("*") if p.is_file())
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))

    media = tmp_path / "restored-media"
    done = manage("restore", str(folder), database_url=empty_database, media_root=media, check=False)
    assert done.returncode != 0
    assert victim.name in done.stderr and "SHA-256" in done.stderr
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    # The database is still empty: a second, clean restore would be accepted.
    tables = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection; print(len(connection.introspection.table_names()))",
        database_url=empty_database,
        media_root=media,
    )
    assert tables.stdout.strip() == "0"


def test_restore_refuses_a_database_that_is_not_empty(committed_applications, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=io.StringIO())
    done = manage(
        "restore", str(folder), database_url=this_database_url(), media_root=tmp_path / "m2", check=False
    )
    assert done.returncode != 0 and "not empty" in done.stderr
