from django.apps import AppConfig


class LicencesConfig(AppConfig):
    name = "perizinan.licences"
    label = "licences"
