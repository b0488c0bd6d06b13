from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.security import HttpBearer, SessionAuth

from perizinan import throttle
from perizinan.accounts.models import ApiToken, User

from .limits import LIMITED, too_many
from .schemas import RESPONSES_401, Error, TokenIn, TokenOut


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = ApiToken.find(token)
        if found is None:
            return None
        request.user = found.user
        return found.user


class RevokableBearerToken(HttpBearer):
    """The bearer token itself as `request.auth` (for revoking the token the request carries)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return ApiToken.find(token)


class BrowserSession(SessionAuth):
    """A signed-in browser session, with Django's CSRF check. A request without a signed-in
    session is simply not authenticated by it (401, never a CSRF 403: the contract)."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# Bearer tokens for integrations; browser sessions (with CSRF) work too.
AUTH: list[Any] = [BearerToken(), BrowserSession()]


def current_user(request: HttpRequest) -> User:
    auth = getattr(request, "auth", None)  # set by ninja: what the route's authenticator returned
    user = auth if isinstance(auth, User) else request.user
    assert isinstance(user, User)
    return user


router = Router(tags=["auth"])


@router.post("/token", response={200: TokenOut, **RESPONSES_401, 422: Error, **LIMITED}, auth=None)
def issue_token(request: HttpRequest, payload: TokenIn) -> Any:
    """Exchange a username and password for a bearer token. Failed attempts count with the web
    login's (per account and per account+address): an account the login has locked gets 429."""
    subjects = throttle.account_subjects(request, payload.username)
    verdict = throttle.check("login", **subjects)
    if not verdict.allowed:
        return too_many(verdict)
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        verdict = throttle.hit("login", **subjects)
        if not verdict.allowed:
            return too_many(verdict)
        return Status(401, {"detail": _("Nama pengguna atau kata sandi salah.")})
    throttle.reset("login", account_address=subjects["account_address"])
    return Status(200, {"token": ApiToken.issue(user)})


@router.delete("/token", response={204: None, **RESPONSES_401}, auth=RevokableBearerToken())
def revoke_token(request: HttpRequest) -> Any:
    """Revoke the bearer token this request carries."""
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)
    ApiToken.objects.filter(pk=token.pk).delete()
    return HttpResponse(status=204)
