from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "perizinan.applications"
    label = "applications"
