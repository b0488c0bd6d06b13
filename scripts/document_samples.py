"""Render every document of one complete demo application and write page 1 of each as PNG
into docs/documents/ (needs pdftoppm from poppler-utils). Run: make docs-images"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import TMP, setup_database, teardown_database  # noqa: E402


def main() -> None:
    from django.conf import settings

    from perizinan.documents.signing.pki import create_demo_pki

    create_demo_pki(TMP / "pki", passphrase=b"samples")
    settings.PERIZINAN_PKI_DIR = TMP / "pki"
    settings.PERIZINAN_SIGNING_PASSPHRASE = "samples"
    users = setup_database()
    from perizinan.demo import DEMO_APPLICATION, new_application, run_forward
    from perizinan.documents.models import GeneratedDocument
    from perizinan.documents.registry import DOCUMENTS, render

    data = {
        **DEMO_APPLICATION,
        "agent": {"name": "Joni Saputra", "nik": "6471011501900001"},
        "signer_name": "Andi Wijaya",
    }
    app = run_forward(new_application(users, data=data), users)
    out_dir = ROOT / "docs" / "documents"
    out_dir.mkdir(parents=True, exist_ok=True)
    pdfs: dict[str, bytes] = {}
    for kind, spec in DOCUMENTS.items():
        if kind == "licence":
            continue
        pdfs[kind] = render(kind, app)
        if spec.blank_allowed:
            pdfs[f"{kind}-blank"] = render(kind, None)
    final = GeneratedDocument.objects.filter(application=app, kind="licence").order_by("-id").first()
    pdfs["licence-signed"] = final.file.read()
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in sorted(pdfs.items()):
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(content)
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "70",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(out_dir / name),
                ],
                check=True,
            )
            print(f"docs/documents/{name}.png")
    teardown_database()


if __name__ == "__main__":
    main()
