from django.db import migrations


def load(apps, schema_editor):
    from perizinan.catalog.loader import load_permit_type

    load_permit_type(apps, "pak.json")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("accounts", "0001_initial"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
