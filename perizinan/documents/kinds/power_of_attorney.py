"""3. The two powers of attorney: to sign for the director, and to handle the application."""

from typing import Any

from perizinan.applications.models import Application

from .parts import DocumentSpec, common

ROLE_DIRECTOR = "Direktur"


def _grantor(app: Application | None) -> dict[str, str] | None:
    return {"name": app.director_name, "nik": app.director_nik, "position": ROLE_DIRECTOR} if app else None


def build_sign(app: Application | None, **extra: Any) -> dict[str, Any]:
    ctx = common(SIGN, app, extra)
    ctx["grantor"] = _grantor(app)
    ctx["grantee"] = {"name": app.signer_name, "nik": ""} if app and app.delegated_signing else None
    return ctx


def build_handle(app: Application | None, **extra: Any) -> dict[str, Any]:
    ctx = common(HANDLE, app, extra)
    ctx["grantor"] = _grantor(app)
    ctx["grantee"] = {"name": app.agent_name, "nik": app.agent_nik} if app and app.agent_name else None
    return ctx


SIGN = DocumentSpec(
    "power_of_attorney_sign",
    "Surat Kuasa Penandatanganan",
    "documents/power_of_attorney_sign.html",
    None,
    True,
    build_sign,
)
HANDLE = DocumentSpec(
    "power_of_attorney_handle",
    "Surat Kuasa Pengurusan",
    "documents/power_of_attorney_handle.html",
    None,
    True,
    build_handle,
)
