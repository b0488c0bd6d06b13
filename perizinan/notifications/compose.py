"""Render an event's message in a language: the administrator's template if any, else the shipped one."""

from typing import Any

from django.template import Context, Engine

from .defaults import DEFAULTS
from .models import MessageTemplate

_ENGINE = Engine(autoescape=False)


def texts(event: str, language: str) -> tuple[str, str, str]:
    """(subject, body, short) sources for `event` in `language` (falls back to Indonesian)."""
    row = MessageTemplate.objects.filter(event=event, language=language).first()
    if row is not None:
        return row.subject, row.body, row.short
    shipped = DEFAULTS[event]
    return shipped.get(language) or shipped["id"]


def render(event: str, language: str, context: dict[str, Any]) -> tuple[str, str, str]:
    subject, body, short = texts(event, language)
    ctx = Context(context, autoescape=False)
    subject, body, short = (_ENGINE.from_string(s).render(ctx).strip() for s in (subject, body, short))
    return subject, body, short
