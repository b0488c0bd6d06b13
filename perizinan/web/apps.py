from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "perizinan.web"
    label = "web"
