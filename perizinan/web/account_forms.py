"""Forms of the account pages (sign-up, e-mail verification, password reset)."""

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """What the page asks; the account rules (unique name and e-mail, password validators) are
    checked by `accounts.services.register_applicant`."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        help_text=_("Untuk masuk. Huruf, angka dan @ . + - _ saja."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    full_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Tautan aktivasi akun dikirim ke alamat ini."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(
        label=_(
            "Saya menyatakan bahwa data yang saya isi benar dan saya bertanggung jawab atas keabsahan "
            "dokumen yang saya unggah."
        ),
        error_messages={"required": _("Centang pernyataan ini untuk mendaftar.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "accept_terms":
                field.error_messages["required"] = _("Kolom ini wajib diisi.")
        self.fields["password1"].help_text = " ".join(password_validation.password_validators_help_texts())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        return cleaned


class ResendVerificationForm(forms.Form):
    email = forms.CharField(
        label=_("E-mail yang Anda daftarkan"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Kolom ini wajib diisi.")},
    )


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail akun Anda"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Kolom ini wajib diisi."), "invalid": _("Alamat e-mail tidak valid.")},
    )


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.fields["new_password1"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )
        self.fields["new_password2"].help_text = ""
        for field in self.fields.values():
            field.error_messages["required"] = _("Kolom ini wajib diisi.")
        self.error_messages = {**self.error_messages, "password_mismatch": _("Kedua kata sandi tidak sama.")}
