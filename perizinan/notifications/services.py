"""Writes of notifications: outbox rows in the caller's transaction (idempotent per event), and preferences."""

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role
from perizinan.accounts.roles import Role
from perizinan.applications.models import Application

from . import compose
from .models import Channel, ContactPreference, Notification
from .tasks import deliver


@dataclass(frozen=True)
class Recipient:
    name: str
    language: str
    email: str = ""
    phone: str = ""
    channels: tuple[str, ...] = (Channel.EMAIL,)
    user: User | None = None


def preference_of(user: User) -> ContactPreference:
    pref = ContactPreference.objects.filter(user=user).first()
    return pref if pref is not None else ContactPreference(user=user)


def recipient_for(user: User) -> Recipient:
    pref = preference_of(user)
    channels = []
    if pref.email and user.email:
        channels.append(Channel.EMAIL)
    if pref.phone:
        channels += [
            c for c, wanted in ((Channel.SMS, pref.sms), (Channel.WHATSAPP, pref.whatsapp)) if wanted
        ]
    return Recipient(
        name=user.get_full_name() or user.username,
        language=pref.language,
        email=user.email,
        phone=pref.phone,
        channels=tuple(channels),
        user=user,
    )


def applicant_recipients(app: Application) -> list[Recipient]:
    """The applicant's accounts; for a walk-in application without one, the company's e-mail."""
    users = {u.pk: u for u in app.company.members.filter(is_active=True)}
    if app.created_by.is_active and has_role(app.created_by, Role.APPLICANT):
        users.setdefault(app.created_by.pk, app.created_by)
    found = [recipient_for(u) for u in users.values() if has_role(u, Role.APPLICANT)]
    if not found and app.company.email:
        found = [Recipient(name=app.company.name, language="id", email=app.company.email)]
    return found


def queue(
    *,
    event: str,
    key: str,
    recipients: list[Recipient],
    context: dict[str, Any],
    application: Application | None = None,
) -> list[Notification]:
    """Write one outbox row per recipient and channel, unless this event already wrote it; deliver after commit."""
    created: list[Notification] = []
    with transaction.atomic():
        for r in recipients:
            subject, body, short = compose.render(event, r.language, {**context, "name": r.name})
            for channel in r.channels:
                to = r.email if channel == Channel.EMAIL else r.phone
                if not to or Notification.objects.filter(key=key, channel=channel, to=to).exists():
                    continue
                try:
                    with transaction.atomic():
                        n = Notification.objects.create(
                            key=key,
                            event=event,
                            channel=channel,
                            to=to,
                            recipient=r.user,
                            application=application,
                            language=r.language,
                            subject=subject if channel == Channel.EMAIL else "",
                            body=body if channel == Channel.EMAIL else short,
                        )
                except IntegrityError:
                    continue  # written concurrently by the same event
                created.append(n)
                transaction.on_commit(partial(deliver.enqueue, n.pk))
    return created


def set_preference(
    *, user: User, by: User, email: bool, sms: bool, whatsapp: bool, phone: str, language: str
) -> ContactPreference:
    """A person's own channels (SMS/WhatsApp need a mobile number)."""
    if by.pk != user.pk:
        raise ValidationError(_("Hanya pemilik akun yang mengubah pilihan notifikasinya."))
    if (sms or whatsapp) and not phone:
        raise ValidationError({"phone": [_("Isi nomor HP untuk SMS atau WhatsApp.")]})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Bahasa tidak dikenal.")]})
    with transaction.atomic():
        pref, _created = ContactPreference.objects.update_or_create(
            user=user,
            defaults={"email": email, "sms": sms, "whatsapp": whatsapp, "phone": phone, "language": language},
        )
        return pref
