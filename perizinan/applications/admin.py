from django.contrib import admin

from perizinan.readonly_admin import ReadOnlyAdmin

from .models import Application, ChecklistItem, Company, Document


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "legal_form", "nib", "npwp", "email")
    search_fields = ("name", "nib", "npwp")
    filter_horizontal = ("members",)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DocumentInline(ReadOnlyInline):
    model = Document
    fields = ("requirement", "original_name", "content_type", "size", "sha256", "is_current", "uploaded_at")


class ChecklistInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ("requirement", "ticked", "note", "ticked_by", "ticked_at")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    """Read-only: applications move only through the workflow services."""

    list_display = ("__str__", "company", "kind", "state", "due_date", "step_due_date", "created_at")
    list_filter = ("state", "kind", "permit_type")
    search_fields = ("registration_number", "company__name", "company__nib", "company__npwp")
    inlines = [ChecklistInline, DocumentInline]
