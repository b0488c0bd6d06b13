"""The account page: who is signed in, and the API tokens of the account (each can be revoked)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from perizinan.accounts.models import ApiToken, User


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required
    return request.user


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.active().filter(user=_user(request)).order_by("-last_used_at")
    return render(request, "web/account/account.html", {"tokens": tokens})


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    deleted, _rows = ApiToken.objects.filter(pk=pk, user=_user(request)).delete()
    if not deleted:
        raise Http404  # another account's token, or gone already
    messages.success(request, _("Token dicabut. Integrasi yang memakainya harus meminta token baru."))
    return redirect("web:account")


urlpatterns: list[URLPattern] = [
    path("akun/", account, name="account"),
    path("akun/token/<int:pk>/cabut/", revoke_token, name="revoke_token"),
]
