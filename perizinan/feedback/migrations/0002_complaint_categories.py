"""The complaint categories the office starts with (editable in the admin), with their deadlines.

Deadlines in working days: 5 for a question about a running application or a fee asked
outside the rules (answered quickly), 14 otherwise (the office's complaint SOP allows up
to 14 working days for an answer)."""

from django.db import migrations

CATEGORIES = [
    ("prosedur", "Persyaratan dan prosedur", "Requirements and procedure", 14),
    ("waktu", "Waktu penyelesaian", "Processing time", 5),
    ("biaya", "Biaya/pungutan", "Fees or charges", 5),
    ("petugas", "Perilaku dan kompetensi petugas", "Staff conduct and competence", 14),
    ("produk", "Hasil layanan (surat izin)", "Service result (the licence)", 14),
    ("sarana", "Sarana dan prasarana", "Facilities", 14),
    ("sistem", "Sistem informasi/aplikasi", "Information system", 14),
    ("lainnya", "Lainnya", "Other", 14),
]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]  # migration functions get the historical app registry, untyped
    Category = apps.get_model("feedback", "ComplaintCategory")
    for position, (code, name, name_en, days) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "deadline_working_days": days, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
