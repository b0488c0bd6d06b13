from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "perizinan.web"
    label = "web"

    def ready(self) -> None:
        from django.contrib import admin
        from django.utils.translation import gettext_lazy as _

        admin.site.site_header = _("Administrasi Perizinan DPMPTSP Prov. Kaltim")
        admin.site.site_title = _("Administrasi Perizinan")
        admin.site.index_title = _("Katalog izin, pengguna dan peran, hari tutup, pengaturan kantor")
