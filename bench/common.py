"""Shared set-up for the benchmarks: a fresh throwaway database (SQLite file or the PostgreSQL
given by DATABASE_URL), migrated, with the demo accounts; uploads go to a temporary folder."""

import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
TMP = Path(tempfile.mkdtemp(prefix="perizinan-bench-"))
os.environ.setdefault("MEDIA_ROOT", str(TMP / "media"))


def setup_database():  # type: ignore[no-untyped-def]
    import django
    from django.conf import settings

    django.setup()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(TMP / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    # A fresh clone has no signing keys (make seed makes the demo's): a throwaway demo PKI.
    from perizinan.documents.signing.pki import create_demo_pki

    pki = create_demo_pki(TMP / "pki", passphrase=b"bench-passphrase")
    settings.PERIZINAN_PKI_DIR = pki.root_pem.parent
    settings.PERIZINAN_SIGNING_PASSPHRASE = "bench-passphrase"
    settings.PERIZINAN_TRUST_ROOTS = [str(pki.root_pem)]
    settings.PERIZINAN_SIGNER = "local"
    from perizinan.demo import seed_users

    return seed_users("bench-pass")


def teardown_database() -> None:
    from django.db import connection

    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def vendor() -> str:
    from django.db import connection

    return connection.vendor


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)
