from django.contrib import admin

from .models import Consultation, FormMailing, QueueService, QueueTicket


@admin.register(QueueService)
class QueueServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "prefix", "active", "order"]


@admin.register(QueueTicket)
class QueueTicketAdmin(admin.ModelAdmin):
    list_display = ["day", "number", "service", "status", "counter", "issued_at", "called_at", "finished_at"]
    list_filter = ["day", "service", "status"]
    readonly_fields = [f.name for f in QueueTicket._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "desk", "visitor_name", "channel", "topic", "duration_minutes", "outcome"]
    list_filter = ["desk", "channel", "outcome"]
    readonly_fields = [f.name for f in Consultation._meta.fields]


@admin.register(FormMailing)
class FormMailingAdmin(admin.ModelAdmin):
    list_display = ["created_at", "email", "permit_type", "kind", "status", "sent_at"]
    readonly_fields = [f.name for f in FormMailing._meta.fields]
