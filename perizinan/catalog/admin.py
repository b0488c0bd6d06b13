from django.contrib import admin

from .models import PermitType, Requirement


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = ("number", "title", "title_en", "stage", "condition", "kinds")


@admin.register(PermitType)
class PermitTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sla_working_days", "clock_start", "fee", "active")
    inlines = [RequirementInline]
