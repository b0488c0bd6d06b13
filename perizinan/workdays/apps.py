from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "perizinan.workdays"
    label = "workdays"
