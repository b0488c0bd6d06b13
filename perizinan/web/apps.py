from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "perizinan.web"
    label = "web"

    def ready(self) -> None:
        # Imported here: models may not load before the app registry is ready.
        from django.contrib import admin
        from django.utils.functional import lazy
        from django.utils.translation import gettext
        from django.utils.translation import gettext_lazy as _

        from perizinan.accounts.selectors import office_record

        def header() -> str:  # read at each render: the office's name is editable in the admin
            return gettext("Administrasi Perizinan %(office)s") % {"office": office_record().short_name}

        admin.site.site_header = lazy(header, str)()
        admin.site.site_title = _("Administrasi Perizinan")
        admin.site.index_title = _("Katalog izin, pengguna dan peran, hari tutup, pengaturan kantor")
