from django.urls import path

from . import views

urlpatterns = [
    path("verifikasi/", views.upload_check, name="verification-upload"),
    path("verifikasi/<str:code>", views.licence_page, name="verification-licence"),
    path("formulir/<slug:kind>.pdf", views.blank_form, name="blank-form"),
]
