"""The action forms of the pages, generated from the workflow's action definitions (as the API's)."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from perizinan.accounts.roles import ROLE_LABELS
from perizinan.workflow.actions import ActionDef, holders_of
from perizinan.workflow.fields import Field
from perizinan.workflow.states import FINAL_STATES, State

LONG_TEXT = {"reason", "note", "remark", "question", "answer", "result", "activity", "agenda"}


@dataclass(frozen=True)
class Widget:
    name: str
    label: str
    required: bool
    input: str  # textarea | text | password | date | checkbox | file | select
    choices: tuple[str, ...]
    value: Any
    errors: list[str]
    kept: str = ""  # a file field: the name of the file kept from an attempt that failed


def widget(
    f: Field, values: dict[str, Any], errors: dict[str, list[str]], kept: dict[str, str] | None = None
) -> Widget:
    if f.type == "text":
        kind = "password" if f.name == "passphrase" else ("textarea" if f.name in LONG_TEXT else "text")
    else:
        kind = {"date": "date", "bool": "checkbox", "file": "file", "choice": "select"}[f.type]
    return Widget(
        f.name,
        str(f.label),
        f.required,
        kind,
        f.choices,
        values.get(f.name, ""),
        errors.get(f.name, []),
        (kept or {}).get(f.name, "") if f.type == "file" else "",
    )


@dataclass(frozen=True)
class ActionForm:
    name: str
    label: str
    step: int | None
    direction: str
    doc: str
    multipart: bool
    widgets: list[Widget]
    errors: list[str]
    next: str  # what happens after this action, and who acts then
    current: bool  # an action of the step the application is at (the others are folded away)


def whats_next(target: str | None) -> str:
    """What happens after an action that moves the application to `target` (None: a note), and
    who acts then: said in each form and in the confirmation after the action."""
    if target is None:
        return _("Dicatat di map pengendali proses; permohonan tetap pada langkah ini.")
    label = State(target).label
    if target in FINAL_STATES:
        return _("Permohonan berakhir: %(state)s.") % {"state": label}
    who = ", ".join(str(ROLE_LABELS[r]) for r in holders_of(target))
    return _("Berikutnya: %(state)s — ditangani oleh %(who)s.") % {"state": label, "who": who}


def forms_for(
    actions: list[ActionDef],
    *,
    step: int | None = None,
    failed: str = "",
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    kept: dict[str, dict[str, str]] | None = None,
) -> list[ActionForm]:
    """One form per action; the one that failed keeps its values and errors."""
    out = []
    for a in actions:
        v = values or {} if a.name == failed else {}
        e = errors or {} if a.name == failed else {}
        out.append(
            ActionForm(
                name=a.name,
                label=str(a.label),
                step=a.step,
                direction=a.direction,
                doc=a.doc,
                multipart=any(f.type == "file" for f in a.fields),
                widgets=[widget(f, v, e, (kept or {}).get(a.name)) for f in a.fields],
                errors=[m for k, msgs in e.items() if k not in {f.name for f in a.fields} for m in msgs],
                next=whats_next(a.target),
                current=step is None or a.step == step or a.name == failed,
            )
        )
    order = {"forward": 0, "note": 1, "back": 2, "reject": 3}
    return sorted(out, key=lambda f: order.get(f.direction, 9))
