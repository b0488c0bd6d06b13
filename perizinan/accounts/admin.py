from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Office, TechnicalAgency, User


@admin.register(User)
class PerizinanUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Perizinan", {"fields": ("initials", "nik", "agency")}))  # type: ignore[misc]  # django-stubs expects the base class attribute types here
    list_display = ("username", "email", "first_name", "last_name", "agency", "is_active")
    list_filter = ("groups", "agency", "is_active")


@admin.register(TechnicalAgency)
class TechnicalAgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "cuti_bersama_is_working", "require_nuisance_permit")
