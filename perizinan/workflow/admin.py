from django.contrib import admin

from .models import ProcessLogEntry


@admin.register(ProcessLogEntry)
class ProcessLogEntryAdmin(admin.ModelAdmin):
    """The process log is append-only: shown, never edited."""

    list_display = ("application", "seq", "step", "action", "actor_name", "role", "at", "initial")
    list_filter = ("step", "role", "action")
    search_fields = ("application__registration_number", "actor_name", "note")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
