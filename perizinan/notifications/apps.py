from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "perizinan.notifications"
    label = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        from perizinan.workflow.signals import action_taken

        from .receivers import on_action_taken

        action_taken.connect(on_action_taken, dispatch_uid="notifications.on_action_taken")
