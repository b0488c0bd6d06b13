from django.contrib import admin

from .models import ContactPreference, MessageTemplate, Notification


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["event", "language", "subject"]
    list_filter = ["event", "language"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "channel", "to", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "event"]
    search_fields = ["to", "key"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ContactPreference)
class ContactPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "sms", "whatsapp", "phone", "language"]
    search_fields = ["user__username", "phone"]
