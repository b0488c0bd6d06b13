from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "perizinan.workflow"
    label = "workflow"
