"""The feedback pages (namespace "feedback"): survey, complaints, the officers' complaint pages, the IKM report."""

from . import views_complaint, views_officer, views_report, views_survey

app_name = "feedback"
urlpatterns = [
    *views_survey.urlpatterns,
    *views_complaint.urlpatterns,
    *views_officer.urlpatterns,
    *views_report.urlpatterns,
]
