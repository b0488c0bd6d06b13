"""PAK's licence texts (obligations, inspection points, purpose, activity) and the 14 legal
bases of SOP section A move into its data; reloads pak.json (safe to re-run).

The seed's "Permen No. 191/menkes/per/VIII/2010" is cited as Permenkes Nomor
1191/MENKES/PER/VIII/2010 tentang Penyaluran Alat Kesehatan (see docs/adr, permit types as data).
"""

from django.db import migrations


def load(apps, schema_editor):
    from perizinan.catalog.loader import load_permit_type

    load_permit_type(apps, "pak.json")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_permit_type_licence_texts"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
