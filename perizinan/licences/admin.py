from django.contrib import admin

from .models import Licence, LicenceNumber, Payment


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ("number", "holder_name", "issued_on", "expires_on", "status")
    list_filter = ("status", "permit_type")
    search_fields = ("number", "holder_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LicenceNumber)
class LicenceNumberAdmin(LicenceAdmin):
    list_display = ("number", "application", "drawn_at", "voided", "void_reason")
    list_filter = ("voided", "permit_type", "year")  # type: ignore[assignment]  # django-stubs expects the base class attribute types here
    search_fields = ("number",)  # type: ignore[assignment]  # django-stubs expects the base class attribute types here


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Read only: a payment is recorded by the pickup counter's step (`record_payment`)."""

    list_display = ("application", "amount", "paid_on", "reference", "recorded_by", "recorded_at")
    search_fields = ("reference", "application__registration_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
