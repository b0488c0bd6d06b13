from django.contrib import admin

from perizinan.readonly_admin import ReadOnlyAdmin

from .models import Licence, LicenceNumber, Payment


@admin.register(Licence)
class LicenceAdmin(ReadOnlyAdmin):
    list_display = ("number", "holder_name", "issued_on", "expires_on", "status")
    list_filter = ("status", "permit_type")
    search_fields = ("number", "holder_name")


@admin.register(LicenceNumber)
class LicenceNumberAdmin(ReadOnlyAdmin):
    list_display = ("number", "application", "drawn_at", "voided", "void_reason")
    list_filter = ("voided", "permit_type", "year")
    search_fields = ("number",)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    """Read only: a payment is recorded by the pickup counter's step (`record_payment`)."""

    list_display = ("application", "amount", "paid_on", "reference", "recorded_by", "recorded_at")
    search_fields = ("reference", "application__registration_number")
