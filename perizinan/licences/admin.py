from django.contrib import admin

from .models import Licence, LicenceNumber


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ("number", "holder_name", "issued_on", "status")
    list_filter = ("status", "permit_type")
    search_fields = ("number", "holder_name")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(LicenceNumber)
class LicenceNumberAdmin(LicenceAdmin):
    list_display = ("number", "application", "drawn_at", "voided", "void_reason")  # type: ignore[assignment]
    list_filter = ("voided", "permit_type", "year")  # type: ignore[assignment]
    search_fields = ("number",)  # type: ignore[assignment]
