"""Accounts: sign in and out, applicant sign-up with e-mail verification, password reset."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from perizinan import throttle
from perizinan.accounts import services as accounts
from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role
from perizinan.accounts.roles import Role
from perizinan.accounts.selectors import office_record

from .account_forms import NewPasswordForm, ResendVerificationForm, ResetRequestForm, SignupForm
from .form_style import decorate


class ThrottledLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's Indonesian text repeats the field's name ("nama pengguna nama pengguna").
        "invalid_login": gettext_lazy(
            "Nama pengguna atau kata sandi salah. Huruf besar dan kecil dibedakan."
        ),
        "throttled": gettext_lazy(
            "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi dalam %(minutes)s menit."
        ),
        "inactive": gettext_lazy(
            "Akun ini belum aktif. Buka tautan verifikasi yang kami kirim ke e-mail Anda, "
            "atau minta tautan baru di bawah."
        ),
    }

    def clean(self):
        username = self.data.get("username", "")
        request = self.request
        if request is None:  # LoginView always passes it; the throttle counts by its address
            raise ImproperlyConfigured("ThrottledLoginForm needs the request")
        subjects = throttle.account_subjects(request, username)
        verdict = throttle.check("login", **subjects)
        if not verdict.allowed:
            self.retry_after = verdict.retry_after
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": throttle.minutes(verdict)},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.hit("login", **subjects)
            if self._inactive_with_right_password(username, self.data.get("password", "")):
                raise forms.ValidationError(self.error_messages["inactive"], code="inactive") from None
            raise
        throttle.reset("login", account_address=subjects["account_address"])
        return cleaned

    @staticmethod
    def _inactive_with_right_password(username: str, password: str) -> bool:
        user = User.objects.filter(username=username, is_active=False).first()
        return bool(user and password and user.check_password(password))


class LoginView(auth_views.LoginView):
    template_name = "web/account/login.html"
    form_class = ThrottledLoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        retry_after = getattr(form, "retry_after", 0)
        if retry_after:
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
        return response

    def get_default_redirect_url(self) -> str:
        if has_role(self.request.user, Role.APPLICANT):
            return reverse("web:my_applications")
        return super().get_default_redirect_url()


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _mail_allowed(request: HttpRequest, email: str) -> bool:
    """Count one mail asked for `email`; False once its quota is used (protects inboxes)."""
    return throttle.hit("mail", account=email.strip().lower(), address=throttle.address(request)).allowed


SIGNUP_FIELDS = {"username": "username", "email": "email", "password": "password1", "full_name": "full_name"}


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Sign-up of an applicant: an inactive account, activated by the link sent by e-mail."""
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        verdict = throttle.hit("signup", address=throttle.address(request))
        if not verdict.allowed:
            return throttle.refused_page(request, verdict)
        if form.is_valid():
            try:
                accounts.register_applicant(
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                    full_name=form.cleaned_data["full_name"],
                    base_url=_base_url(request),
                )
            except ValidationError as exc:
                for key, msgs in exc.message_dict.items():
                    for msg in msgs:
                        form.add_error(SIGNUP_FIELDS.get(key), msg)
            else:
                return redirect("web:signup_done")
        return render(request, "web/account/signup.html", _signup_context(form), status=422)
    return render(request, "web/account/signup.html", _signup_context(form))


def _signup_context(form: SignupForm) -> dict[str, Any]:
    return {"form": decorate(form), "days": accounts.VERIFICATION_MAX_AGE.days}


@require_GET
def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "web/account/signup_done.html", {"days": accounts.VERIFICATION_MAX_AGE.days})


@require_http_methods(["GET", "POST"])
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link would do; POST activates the account and signs its owner in.

    The activation is a POST so that a mail scanner opening the link activates nothing.
    """
    days = accounts.VERIFICATION_MAX_AGE.days
    try:
        if request.method == "GET":
            user = accounts.check_verification(token)
            return render(
                request,
                "web/account/verify_email.html",
                {"state": "active" if user.is_active else "confirm", "account": user, "days": days},
            )
        result = accounts.verify_email(token)
    except accounts.VerificationFailed as exc:
        return render(request, "web/account/verify_email.html", {"state": exc.code, "days": days}, status=400)
    if not result.activated:
        messages.info(request, _("Akun Anda sudah aktif. Silakan masuk."))
        return redirect("web:login")
    if request.user.is_authenticated and request.user.pk != result.user.pk:
        messages.success(request, _("Akun %(name)s telah aktif.") % {"name": result.user.username})
        return redirect("web:home")
    login(request, result.user, backend=settings.AUTHENTICATION_BACKENDS[0])
    messages.success(request, _("Akun Anda telah aktif. Selamat datang! Mulailah dengan membuat permohonan."))
    return redirect("web:my_applications")


@require_http_methods(["GET", "POST"])
def resend_verification(request: HttpRequest) -> HttpResponse:
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            if _mail_allowed(request, email):
                accounts.resend_verification(email=email, base_url=_base_url(request))
            messages.info(
                request,
                _(
                    "Bila alamat itu terdaftar pada akun yang belum aktif, tautan verifikasi baru telah "
                    "dikirim. Periksa juga folder spam."
                ),
            )
            return redirect("web:login")
        return render(request, "web/account/resend_verification.html", {"form": decorate(form)}, status=422)
    return render(request, "web/account/resend_verification.html", {"form": decorate(form)})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "web/account/password_reset.html"
    form_class = ResetRequestForm
    email_template_name = "registration/reset_email.txt"
    subject_template_name = "registration/reset_subject.txt"
    success_url = reverse_lazy("web:password_reset_done")
    http_method_names = ["get", "post"]

    def get_form(self, form_class: Any = None) -> Any:
        return decorate(super().get_form(form_class))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        verdict = throttle.hit("password_reset", address=throttle.address(request))
        if not verdict.allowed:
            return throttle.refused_page(request, verdict)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        if not _mail_allowed(self.request, form.cleaned_data["email"]):
            return redirect(self.get_success_url())  # the same page: nothing is revealed
        self.extra_email_context = {"office": office_record()}  # signed with the office's name
        return super().form_valid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=decorate(form)), status=422)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "web/account/password_reset_done.html"
    http_method_names = ["get"]


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "web/account/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("web:password_reset_complete")
    http_method_names = ["get", "post"]

    def get_form(self, form_class: Any = None) -> Any:
        return decorate(super().get_form(form_class))

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=decorate(form)), status=422)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/account/password_reset_complete.html"
    http_method_names = ["get"]


urlpatterns: list[URLPattern] = [
    path("akun/masuk/", LoginView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/daftar/", signup, name="signup"),
    path("akun/daftar/terkirim/", signup_done, name="signup_done"),
    path("akun/verifikasi/kirim-ulang/", resend_verification, name="resend_verification"),
    path("akun/verifikasi/<str:token>/", verify_email, name="verify_email"),
    path("akun/reset/", PasswordResetView.as_view(), name="password_reset"),
    path("akun/reset/terkirim/", PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("akun/reset/selesai/", PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("akun/reset/<uidb64>/<token>/", PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
]
