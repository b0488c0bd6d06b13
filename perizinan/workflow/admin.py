from django.contrib import admin

from perizinan.readonly_admin import ReadOnlyAdmin

from .models import ProcessLogEntry


@admin.register(ProcessLogEntry)
class ProcessLogEntryAdmin(ReadOnlyAdmin):
    """The process log is append-only: shown, never edited."""

    list_display = ("application", "seq", "step", "action", "actor_name", "role", "at", "initial")
    list_filter = ("step", "role", "action")
    search_fields = ("application__registration_number", "actor_name", "note")
