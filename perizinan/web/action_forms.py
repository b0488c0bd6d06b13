"""The action forms of the pages, generated from the workflow's action definitions (as the API's)."""

from dataclasses import dataclass
from typing import Any

from perizinan.workflow.actions import ActionDef
from perizinan.workflow.fields import Field

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


def widget(f: Field, values: dict[str, Any], errors: dict[str, list[str]]) -> Widget:
    if f.type == "text":
        kind = "password" if f.name == "passphrase" else ("textarea" if f.name in LONG_TEXT else "text")
    else:
        kind = {"date": "date", "bool": "checkbox", "file": "file", "choice": "select"}[f.type]
    return Widget(
        f.name, str(f.label), f.required, kind, f.choices, values.get(f.name, ""), errors.get(f.name, [])
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


def forms_for(
    actions: list[ActionDef],
    *,
    failed: str = "",
    values: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
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
                widgets=[widget(f, v, e) for f in a.fields],
                errors=[m for k, msgs in e.items() if k not in {f.name for f in a.fields} for m in msgs],
            )
        )
    order = {"forward": 0, "note": 1, "back": 2, "reject": 3}
    return sorted(out, key=lambda f: order.get(f.direction, 9))
