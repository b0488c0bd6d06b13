from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontOfficeConfig(AppConfig):
    name = "perizinan.frontoffice"
    label = "frontoffice"
    verbose_name = _("Kantor depan")
