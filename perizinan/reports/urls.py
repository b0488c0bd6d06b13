"""The report pages (namespace "reports"), under the officer workspace /petugas/."""

from django.urls import path

from . import views_archive, views_dashboard, views_staff, views_yearly

app_name = "reports"
urlpatterns = [
    path("petugas/dasbor/", views_dashboard.dashboard, name="dashboard"),
    path("petugas/arsip/", views_archive.archive_page, name="archive"),
    path("petugas/arsip/arsip-permohonan.csv", views_archive.archive_csv, name="archive_csv"),
    path("petugas/arsip/arsip-permohonan.xlsx", views_archive.archive_xlsx, name="archive_xlsx"),
    path("petugas/kinerja/", views_staff.staff_page, name="staff"),
    path("petugas/kinerja/rekap-unit.pdf", views_staff.staff_unit_pdf, name="staff_unit_pdf"),
    path("petugas/kinerja/<str:username>.pdf", views_staff.staff_officer_pdf, name="staff_officer_pdf"),
    path("petugas/rekap-tahunan/", views_yearly.yearly_page, name="yearly"),
    path("petugas/rekap-tahunan/rekap.pdf", views_yearly.yearly_pdf, name="yearly_pdf"),
    path("petugas/rekap-tahunan/rekap.xlsx", views_yearly.yearly_xlsx, name="yearly_xlsx"),
]
