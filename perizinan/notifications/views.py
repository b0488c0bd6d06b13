"""Each person's choice of channels for notifications."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from perizinan.accounts.permissions import signed_in_user

from . import services


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=gettext_lazy("E-mail"), required=False)
    sms = forms.BooleanField(label=gettext_lazy("SMS"), required=False)
    whatsapp = forms.BooleanField(label=gettext_lazy("WhatsApp"), required=False)
    phone = forms.CharField(
        label=gettext_lazy("Nomor HP (untuk SMS/WhatsApp)"), max_length=20, required=False
    )
    language = forms.ChoiceField(label=gettext_lazy("Bahasa pesan"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else "form-select"
                if isinstance(field.widget, forms.Select)
                else "form-control"
            )

    def clean_phone(self) -> str:
        raw = "".join(ch for ch in self.cleaned_data.get("phone", "") if ch.isdigit() or ch == "+")
        if not raw:
            return ""
        digits = raw.lstrip("+")
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        if not (digits.startswith("628") and 10 <= len(digits) <= 15):
            raise ValidationError(_("Nomor HP tidak valid (contoh: 0812 3456 7890)."))
        return "+" + digits


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    pref = services.preference_of(user)
    initial = {
        "email": pref.email,
        "sms": pref.sms,
        "whatsapp": pref.whatsapp,
        "phone": pref.phone,
        "language": pref.language,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.set_preference(user=user, by=user, **form.cleaned_data)
                messages.success(request, _("Pilihan notifikasi disimpan."))
                return redirect(reverse("notifications:preferences"))
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    return render(request, "notifications/preferences.html", {"form": form})


app_name = "notifications"
urlpatterns: list[URLPattern] = [path("akun/notifikasi/", preferences, name="preferences")]
