import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from perizinan.errors import NotFound
from perizinan.workflow.actions import acting_role, available_actions, get_action
from perizinan.workflow.services import take_action
from perizinan.workflow.states import STATE_STEP

from .applications import _load, detail_of
from .auth import AUTH, current_user
from .schemas import PROTECTED, ActionOut, ApplicationOut, Error

router = Router(tags=["actions"], auth=AUTH)


@router.get("/{int:pk}/actions", response={200: list[ActionOut], **PROTECTED})
def list_actions(request: HttpRequest, pk: int) -> Any:
    """The actions the caller may take now, each with all its input fields."""
    user = current_user(request)
    app = _load(request, pk)
    return [
        {
            "name": a.name,
            "label": str(a.label),
            "step": a.step if a.step is not None else STATE_STEP[app.state],
            "direction": a.direction,
            "role": acting_role(user, app, a),
            "fields": [
                {
                    "name": f.name,
                    "label": str(f.label),
                    "type": f.type,
                    "required": f.required,
                    "choices": list(f.choices),
                }
                for f in a.fields
            ],
        }
        for a in available_actions(user, app)
    ]


ACTION_BODY = {
    "requestBody": {
        "content": {
            "application/json": {"schema": {"type": "object", "additionalProperties": True}},
            "multipart/form-data": {"schema": {"type": "object", "additionalProperties": True}},
        },
        "required": False,
    }
}


@router.post(
    "/{int:pk}/actions/{name}",
    response={200: ApplicationOut, 409: Error, **PROTECTED},
    openapi_extra=ACTION_BODY,
)
def take(request: HttpRequest, pk: int, name: str) -> Any:
    """Take one action with its fields (JSON, or multipart when a field is a file)."""
    user = current_user(request)
    app = _load(request, pk)
    if get_action(name) is None:
        raise NotFound
    if request.content_type and request.content_type.startswith("multipart/"):
        data: dict[str, Any] = request.POST.dict()
        files = request.FILES.dict()
    else:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return Status(422, {"detail": _("Isi permintaan bukan JSON yang valid."), "errors": None})
        if not isinstance(data, dict):
            return Status(422, {"detail": _("Isi permintaan harus berupa objek JSON."), "errors": None})
        files = {}
    take_action(application=app, name=name, by=user, data=data, files=files)
    return detail_of(request, pk)
