from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "perizinan.documents"
    label = "documents"
