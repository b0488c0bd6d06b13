from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "perizinan.api"
    label = "api"
