from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "perizinan.catalog"
    label = "catalog"
