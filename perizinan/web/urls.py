"""The web pages. Each views_* module declares its own urlpatterns (names in the "web" namespace)."""

from . import (
    views_account,
    views_applicant,
    views_applicant_documents,
    views_application,
    views_officer,
    views_public,
    views_tokens,
)

app_name = "web"
urlpatterns = [
    *views_public.urlpatterns,
    *views_account.urlpatterns,
    *views_tokens.urlpatterns,
    *views_applicant.urlpatterns,
    *views_applicant_documents.urlpatterns,
    *views_application.urlpatterns,
    *views_officer.urlpatterns,
]
