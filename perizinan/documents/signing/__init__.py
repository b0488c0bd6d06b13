"""Which signer signs: configured by settings (PERIZINAN_SIGNER = "local" | "bsre")."""

from pathlib import Path

from django.conf import settings
from pyhanko.sign.signers import SimpleSigner

from .base import PdfSigner
from .bsre import BsreClient, BsreSigner
from .local import LocalSigner


def head_signer() -> PdfSigner:
    """The head of the office's signer (step 14)."""
    if settings.PERIZINAN_SIGNER == "bsre":
        return BsreSigner(
            BsreClient(
                settings.PERIZINAN_BSRE_URL, settings.PERIZINAN_BSRE_USER, settings.PERIZINAN_BSRE_PASSWORD
            )
        )
    return LocalSigner(
        Path(settings.PERIZINAN_PKI_DIR) / "head.p12", settings.PERIZINAN_SIGNING_PASSPHRASE.encode()
    )


def seal_signer() -> LocalSigner:
    """The registry's electronic seal, which stamps the licence number and date (step 15)."""
    return LocalSigner(
        Path(settings.PERIZINAN_PKI_DIR) / "seal.p12", settings.PERIZINAN_SIGNING_PASSPHRASE.encode()
    )


def seal_key() -> SimpleSigner:
    """The office's seal key and certificate (the one that seals licences), for the detached
    signature of the process log's daily anchor (docs/adr/0016)."""
    return seal_signer().key()
