"""Load the shipped Indonesian and English texts so that the site administrator can edit them."""

from django.db import migrations

from perizinan.notifications.defaults import DEFAULTS


def load(apps, schema_editor):  # type: ignore[no-untyped-def]  # migration functions get the historical app registry, untyped
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for event, languages in DEFAULTS.items():
        for language, (subject, body, short) in languages.items():
            MessageTemplate.objects.get_or_create(
                event=event, language=language, defaults={"subject": subject, "body": body, "short": short}
            )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
