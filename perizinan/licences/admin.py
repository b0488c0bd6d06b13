from django.contrib import admin

from perizinan.readonly_admin import ReadOnlyAdmin

from .models import Licence, LicenceNumber


@admin.register(Licence)
class LicenceAdmin(ReadOnlyAdmin):
    list_display = ("number", "holder_name", "issued_on", "status")
    list_filter = ("status", "permit_type")
    search_fields = ("number", "holder_name")


@admin.register(LicenceNumber)
class LicenceNumberAdmin(ReadOnlyAdmin):
    list_display = ("number", "application", "drawn_at", "voided", "void_reason")
    list_filter = ("voided", "permit_type", "year")
    search_fields = ("number",)
