from django.apps import AppConfig


class MaintenanceConfig(AppConfig):
    """Operations: backup and restore, the integrity check, the sweep of orphaned files."""

    name = "perizinan.maintenance"
    label = "maintenance"
