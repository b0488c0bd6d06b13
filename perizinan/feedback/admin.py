"""Admin: the complaint categories and their deadlines are data the site admin edits.
Survey responses and complaints are read-only here (they change through the services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Complaint, ComplaintCategory, SurveyResponse


@admin.register(ComplaintCategory)
class ComplaintCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "deadline_working_days", "active", "position")
    list_editable = ("deadline_working_days", "active", "position")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "submitted_at", "channel", "survey_code", "permit_type")
    list_filter = ("channel",)


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("tracking_code", "received_at", "channel", "category", "status", "due_date")
    list_filter = ("status", "channel", "category")
