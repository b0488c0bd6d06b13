import importlib

import pytest
from django.apps import apps

from perizinan.feedback.models import ComplaintCategory
from perizinan.workflow.models import RecordKind, StepRecord
from tests.helpers import create_complete, run_until

ANSWERS = {f"u{i}": 3 for i in range(1, 10)}


@pytest.fixture
def categories(db):  # type: ignore[no-untyped-def]
    """The seeded complaint categories (transactional tests flush data migrations)."""
    seed = importlib.import_module("perizinan.feedback.migrations.0002_complaint_categories").seed
    seed(apps, None)
    return {c.code: c for c in ComplaintCategory.objects.all()}


@pytest.fixture
def handed_over(api, application_data):  # type: ignore[no-untyped-def]
    """An application taken through the SOP to the handover (step 16): its id and the survey code
    printed on the handover receipt."""
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="confirm_receipt")
    record = StepRecord.objects.get(application_id=app_id, kind=RecordKind.HANDOVER_RECEIPT)
    return app_id, record.number
