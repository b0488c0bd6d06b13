"""A demo certificate authority and the office's signing keys, for development and tests.

Production uses keys issued by a real CA (or the national e-signature service, BSrE). The
demo CA makes a root, the head of the office's signing certificate and the registry's seal
certificate (for the number stamp of step 15), each as a PKCS#12 file.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ORG = "DPMPTSP Provinsi Kalimantan Timur"


@dataclass(frozen=True)
class Pki:
    root_pem: Path
    head_p12: Path
    seal_p12: Path


def _key(algorithm: str):
    if algorithm == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _cert(subject, issuer, public_key, signing_key, *, ca: bool, days: int):
    now = datetime.now(UTC) - timedelta(minutes=5)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def create_demo_pki(directory: Path, *, passphrase: bytes, algorithm: str = "ec", days: int = 3650) -> Pki:
    """Write root.pem, head.p12 and seal.p12 into `directory` (overwriting)."""
    directory.mkdir(parents=True, exist_ok=True)
    root_key = _key(algorithm)
    root_name = _name(f"Perizinan Demo Root CA ({ORG})")
    root = _cert(root_name, root_name, root_key.public_key(), root_key, ca=True, days=days)
    pki = Pki(directory / "root.pem", directory / "head.p12", directory / "seal.p12")
    pki.root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    for path, cn in [
        (pki.head_p12, "Kepala DPMPTSP Provinsi Kalimantan Timur"),
        (pki.seal_p12, "Segel Elektronik Tata Usaha DPMPTSP Provinsi Kalimantan Timur"),
    ]:
        key = _key(algorithm)
        cert = _cert(_name(cn), root_name, key.public_key(), root_key, ca=False, days=days)
        data = pkcs12.serialize_key_and_certificates(
            cn.encode(), key, cert, [root], serialization.BestAvailableEncryption(passphrase)
        )
        path.write_bytes(data)
        path.chmod(0o600)
    return pki
