"""How the pages load an application for the signed-in user and ask whether it may be edited
(the services' own rules; the pages only translate them into 404s and messages)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from perizinan.accounts.models import User
from perizinan.accounts.permissions import signed_in_user
from perizinan.applications.models import Application
from perizinan.applications.selectors import get_application_for_user
from perizinan.applications.services import editor_role
from perizinan.errors import Conflict, NotFound


def load_application(request: HttpRequest, pk: int) -> Application:
    """The application if the signed-in user may see it; otherwise a 404."""
    try:
        return get_application_for_user(signed_in_user(request), pk)
    except NotFound:
        raise Http404 from None


def edit_refusal(user: User, app: Application) -> str:
    """Why the services refuse `user` changes to `app` now ("" when they allow them).

    Raises PermissionDenied (a 403) when the user has no business editing it at all.
    """
    try:
        editor_role(user, app)
    except Conflict as exc:
        return str(exc)
    return ""


def can_edit(user: User, app: Application) -> bool:
    """Whether the viewer may still change the data and documents."""
    try:
        return not edit_refusal(user, app)
    except PermissionDenied:
        return False
