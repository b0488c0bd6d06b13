"""Indexes the report queries read by (period ranges on the log, the applications and licences).

The reports app owns no table of its own: its figures are aggregates over the process log,
the applications and the licences. These indexes let each figure read only its period's
rows (an index range) instead of the whole table at a million applications.
"""

from django.db import migrations

INDEXES = [
    ("reports_log_at", "workflow_processlogentry", "at"),
    ("reports_log_actor_at", "workflow_processlogentry", "actor_id, at"),
    ("reports_log_step_at", "workflow_processlogentry", "step, at"),
    ("reports_app_submitted", "applications_application", "submitted_at"),
    ("reports_app_registered", "applications_application", "registered_at"),
    ("reports_app_completed", "applications_application", "completed_at"),
    ("reports_licence_issued", "licences_licence", "issued_on"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_log_step_target"),
        ("applications", "0005_walk_in"),
        ("licences", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
