"""Applicant accounts: sign-up and e-mail verification.

A new applicant account is created INACTIVE in the "applicant" group; the link sent to its
e-mail address activates it. The link carries a signed token (`TimestampSigner`, valid
`VERIFICATION_MAX_AGE`) naming the user and a digest of the account's state (password hash,
e-mail, active flag, last login), so it works once: after activation, a password change or a
login the digest no longer matches. Mail leaves in `transaction.on_commit`, never for a
rolled-back account.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .models import User
from .roles import Role
from .selectors import office_record

logger = logging.getLogger(__name__)

VERIFICATION_MAX_AGE = timedelta(days=3)
_SALT = "perizinan.accounts.verify-email"


class VerificationFailed(ValidationError):
    """The verification link is expired (code "expired") or not valid (code "invalid")."""


@dataclass(frozen=True)
class Verification:
    user: User
    activated: bool  # False: the account was already active (nothing changed)


def _split_name(full_name: str) -> tuple[str, str]:
    first, _sep, last = full_name.strip().partition(" ")
    return first, last.strip()


def _clean_signup(*, username: str, email: str, password: str, full_name: str) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    username = (username or "").strip()
    email = (email or "").strip()
    full_name = " ".join((full_name or "").split())
    if not username:
        errors.setdefault("username", []).append(_("Kolom ini wajib diisi."))
    elif len(username) > 150:
        errors.setdefault("username", []).append(_("Terlalu panjang (maksimal %d karakter).") % 150)
    else:
        for validator in User._meta.get_field("username").validators:
            try:
                validator(username)
            except ValidationError as exc:
                errors.setdefault("username", []).extend(exc.messages)
        if "username" not in errors and User.objects.filter(username__iexact=username).exists():
            errors.setdefault("username", []).append(_("Nama pengguna ini sudah dipakai; pilih yang lain."))
    if not full_name:
        errors.setdefault("full_name", []).append(_("Kolom ini wajib diisi."))
    elif len(full_name) > 150:
        errors.setdefault("full_name", []).append(_("Terlalu panjang (maksimal %d karakter).") % 150)
    if not email:
        errors.setdefault("email", []).append(_("Kolom ini wajib diisi."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("email", []).append(_("Alamat e-mail tidak valid."))
        else:
            if User.objects.filter(email__iexact=email).exists():
                errors.setdefault("email", []).append(
                    _("Alamat e-mail ini sudah terdaftar. Masuk, atau pakai “Lupa kata sandi”.")
                )
    if not password:
        errors.setdefault("password", []).append(_("Kolom ini wajib diisi."))
    else:
        first, last = _split_name(full_name)
        probe = User(username=username, email=email, first_name=first, last_name=last)
        try:
            password_validation.validate_password(password, user=probe)
        except ValidationError as exc:
            errors.setdefault("password", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return {"username": username, "email": email, "full_name": full_name}


def register_applicant(
    *, username: str, email: str, password: str, full_name: str, base_url: str | None = None
) -> User:
    """Create an inactive applicant account and e-mail its verification link (after commit).

    `base_url` is the site's address for the link (the request's); default PERIZINAN_PUBLIC_URL.
    Raises ValidationError naming the field: username, email, password or full_name.
    """
    clean = _clean_signup(username=username, email=email, password=password, full_name=full_name)
    first, last = _split_name(clean["full_name"])
    try:
        with transaction.atomic():
            user = User(
                username=clean["username"],
                email=clean["email"],
                first_name=first,
                last_name=last,
                is_active=False,
            )
            user.set_password(password)
            user.save()
            group, _created = Group.objects.get_or_create(name=Role.APPLICANT.value)
            user.groups.add(group)
            transaction.on_commit(
                partial(_send_verification, user.pk, base_url, translation.get_language()), robust=True
            )
    except IntegrityError:  # the same username, taken by a concurrent sign-up
        raise ValidationError(
            {"username": [_("Nama pengguna ini sudah dipakai; pilih yang lain.")]}
        ) from None
    return user


def resend_verification(*, email: str, base_url: str | None = None) -> None:
    """Send a fresh link to every inactive, never-used account with this address.

    Says nothing about whether such an account exists (the caller shows the same page).
    """
    email = (email or "").strip()
    if not email:
        return
    users = User.objects.filter(email__iexact=email, is_active=False, last_login__isnull=True)
    for pk in users.values_list("pk", flat=True):
        transaction.on_commit(
            partial(_send_verification, pk, base_url, translation.get_language()), robust=True
        )


def _state_digest(user: User) -> str:
    state = f"{user.pk}|{user.password}|{user.email}|{int(user.is_active)}|{user.last_login}"
    return salted_hmac(_SALT, state, algorithm="sha256").hexdigest()[:32]


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=_SALT)


def make_verification_token(user: User) -> str:
    return _signer().sign(f"{user.pk}.{_state_digest(user)}")


def _read(token: str) -> tuple[User, str, bool]:
    """The user a token names, its digest, and whether it has expired."""
    signer = _signer()
    expired = False
    try:
        value = signer.unsign(token, max_age=VERIFICATION_MAX_AGE)
    except signing.SignatureExpired:
        expired = True
        value = signer.unsign(token)
    except signing.BadSignature:
        raise VerificationFailed(_("Tautan verifikasi tidak valid."), code="invalid") from None
    pk, _sep, digest = value.partition(".")
    user = User.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
    if user is None:
        raise VerificationFailed(_("Tautan verifikasi tidak valid."), code="invalid")
    return user, digest, expired


def check_verification(token: str) -> User:
    """The account a link would activate (or has activated) — without changing anything."""
    user, digest, expired = _read(token)
    if user.is_active:
        return user
    if expired:
        raise VerificationFailed(_("Tautan verifikasi sudah kedaluwarsa."), code="expired")
    if not constant_time_compare(digest, _state_digest(user)):
        raise VerificationFailed(_("Tautan verifikasi tidak valid."), code="invalid")
    return user


def verify_email(token: str) -> Verification:
    """Activate the account the link names. Raises VerificationFailed (expired / invalid)."""
    with transaction.atomic():
        user, digest, expired = _read(token)
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active:
            return Verification(user=user, activated=False)
        if expired:
            raise VerificationFailed(_("Tautan verifikasi sudah kedaluwarsa."), code="expired")
        if not constant_time_compare(digest, _state_digest(user)):
            raise VerificationFailed(_("Tautan verifikasi tidak valid."), code="invalid")
        user.is_active = True
        user.save(update_fields=["is_active"])
    return Verification(user=user, activated=True)


def _send_verification(user_pk: int, base_url: str | None, language: str | None) -> None:
    user = User.objects.filter(pk=user_pk, is_active=False).first()
    if user is None or not user.email:
        return
    root = (base_url or settings.PERIZINAN_PUBLIC_URL).rstrip("/")
    with translation.override(language or settings.LANGUAGE_CODE):
        link = root + reverse("web:verify_email", kwargs={"token": make_verification_token(user)})
        context = {
            "user": user,
            "full_name": user.get_full_name() or user.username,
            "link": link,
            "days": VERIFICATION_MAX_AGE.days,
            "office": office_record(),
        }
        subject = " ".join(render_to_string("registration/verify_subject.txt", context).split())
        body = render_to_string("registration/verify_email.txt", context)
    send_mail(subject, body, None, [user.email])
