from django.contrib import admin
from django.urls import include, path

from perizinan.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("perizinan.documents.urls")),
    path("", include("perizinan.feedback.urls")),
    path("", include("perizinan.web.urls")),
    path("", include("perizinan.frontoffice.urls")),
    path("", include("perizinan.notifications.views")),
    path("", include("perizinan.reports.urls")),
]

handler400 = "perizinan.request_limits.bad_request"
handler403 = "perizinan.request_limits.permission_denied"
handler404 = "perizinan.request_limits.page_not_found"
handler500 = "perizinan.request_limits.server_error"
