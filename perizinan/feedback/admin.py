"""Admin: the complaint categories and their deadlines are data the site admin edits.
Survey responses and complaints are read-only here (they change through the services)."""

from django.contrib import admin

from perizinan.readonly_admin import ReadOnlyAdmin

from .models import Complaint, ComplaintCategory, SurveyResponse


@admin.register(ComplaintCategory)
class ComplaintCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "deadline_working_days", "active", "position")
    list_editable = ("deadline_working_days", "active", "position")


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "submitted_at", "channel", "survey_code", "permit_type")
    list_filter = ("channel",)


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("tracking_code", "received_at", "channel", "category", "status", "due_date")
    list_filter = ("status", "channel", "category")
