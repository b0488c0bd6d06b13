# Keys the process log (docs/adr/0014): each entry names its key; existing chains are re-hashed
# under the current key once, so that no unkeyed entry is ever accepted afterwards (a rewrite
# with plain SHA-256 would otherwise pass as "old").

import hashlib

from django.db import migrations, models


def key_existing_chains(apps, schema_editor):  # type: ignore[no-untyped-def]  # migration functions get the historical app registry, untyped
    from perizinan.workflow import log

    Entry = apps.get_model("workflow", "ProcessLogEntry")
    Application = apps.get_model("applications", "Application")
    key_id = log.current_key_id()
    for app_id in Entry.objects.values_list("application_id", flat=True).distinct():
        chain = list(Entry.objects.filter(application_id=app_id).order_by("seq"))
        intact = all(
            e.hash == hashlib.sha256(log.canonical(e).encode()).hexdigest()
            and e.prev_hash == (chain[i - 1].hash if i else log.GENESIS)
            for i, e in enumerate(chain)
        )
        if not intact:
            continue  # a chain already broken stays unkeyed: verify_process_log names it
        prev = log.GENESIS
        for e in chain:
            e.prev_hash, e.key_id = prev, key_id
            e.hash = log.entry_hash(e)
            Entry.objects.filter(pk=e.pk).update(prev_hash=e.prev_hash, key_id=key_id, hash=e.hash)
            prev = e.hash
        Application.objects.filter(pk=app_id).update(log_head=prev)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0003_workflowapplication"),
        ("applications", "0006_log_head"),
    ]

    operations = [
        migrations.AddField(
            model_name="processlogentry",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.RunPython(key_existing_chains, migrations.RunPython.noop),
    ]
