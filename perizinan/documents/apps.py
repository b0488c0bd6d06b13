from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "perizinan.documents"
    label = "documents"

    def ready(self) -> None:
        # Connects to the workflow's signals: documents before and after a step's commit.
        from . import receivers  # noqa: F401
