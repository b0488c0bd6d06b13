from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "perizinan.ops"
    label = "ops"
    verbose_name = "Operasi"
