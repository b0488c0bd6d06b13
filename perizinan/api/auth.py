from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.security import HttpBearer, django_auth

from perizinan.accounts.models import ApiToken, User

from .schemas import RESPONSES_401, Error, TokenIn, TokenOut


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


# Bearer tokens for integrations; browser sessions (with CSRF) work too.
AUTH: list[Any] = [BearerToken(), django_auth]


def current_user(request: HttpRequest) -> User:
    user = request.auth if isinstance(getattr(request, "auth", None), User) else request.user  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


router = Router(tags=["auth"])


@router.post("/token", response={200: TokenOut, **RESPONSES_401, 422: Error}, auth=None)
def issue_token(request: HttpRequest, payload: TokenIn) -> Any:
    """Exchange a username and password for a bearer token."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        return Status(401, {"detail": _("Nama pengguna atau kata sandi salah.")})
    return Status(200, {"token": ApiToken.issue(user)})
