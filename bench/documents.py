"""Licence documents: render alone, sign alone, render + sign; RSA-2048 against EC P-256 keys.

Median ms and licences per second over REPEATS runs, on a complete demo application.
Run: make bench, or  .venv/bin/python bench/documents.py [REPEATS]
"""

import sys
import time
from pathlib import Path

from common import TMP, median, percentile, setup_database, teardown_database


def timed(fn, repeats: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm (fonts, templates, key parsing)
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main(repeats: int) -> None:
    from django.conf import settings

    from perizinan.documents.signing.pki import create_demo_pki

    for algorithm in ("ec", "rsa"):
        create_demo_pki(TMP / f"pki-{algorithm}", passphrase=b"bench", algorithm=algorithm)
    settings.PERIZINAN_SIGNING_PASSPHRASE = "bench"
    settings.PERIZINAN_PKI_DIR = TMP / "pki-ec"
    users = setup_database()
    from perizinan.demo import new_application, run_forward
    from perizinan.documents.services import render_licence, sign_licence, stamp_number
    from perizinan.documents.signing.base import HEAD_SIGNATURE_BOX, Placement
    from perizinan.documents.signing.local import LocalSigner

    app = run_forward(new_application(users), users)
    licence = app.licence
    head = users["office_head"]

    def render() -> bytes:
        return render_licence(app, code=licence.verification_code)

    pdf = render()
    rows = [("render licence (WeasyPrint)", timed(render, repeats))]
    for algorithm, label in (("ec", "EC P-256"), ("rsa", "RSA-2048")):
        signer = LocalSigner(Path(TMP / f"pki-{algorithm}" / "head.p12"), b"bench")
        placement = Placement(
            "KepalaDinas", 0, HEAD_SIGNATURE_BOX, "Ditandatangani secara elektronik", "bench"
        )
        rows.append((f"sign only, {label}", timed(lambda s=signer, pl=placement: s.sign(pdf, pl), repeats)))
        settings.PERIZINAN_PKI_DIR = TMP / f"pki-{algorithm}"
        rows.append(
            (
                f"render + sign (step 14), {label}",
                timed(lambda: sign_licence(app, code=licence.verification_code, by=head), repeats),
            )
        )
        signed = sign_licence(app, code=licence.verification_code, by=head)
        rows.append(
            (
                f"number seal (step 15), {label}",
                timed(
                    lambda s=signed: stamp_number(s, number=licence.number, issued_on=licence.issued_on),
                    repeats,
                ),
            )
        )
    print(f"# licence documents, {repeats} runs each")
    print("| operation | median ms | p95 ms | licences/s |")
    print("|---|---|---|---|")
    for label, times in rows:
        print(f"| {label} | {median(times):.1f} | {percentile(times, 95):.1f} | {1000 / median(times):.1f} |")
    teardown_database()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
