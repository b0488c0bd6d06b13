"""Loads a permit type from its data file (used by the migrations and by tests; safe to re-run)."""

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_permit_type(apps: Any, filename: str, *, data_dir: Path = DATA_DIR) -> None:
    """Create or update the permit type described by `data_dir / filename` (JSON), with its
    technical agency (or none: `"technical_agency": null`) and its requirements."""
    PermitType = apps.get_model("catalog", "PermitType")
    Requirement = apps.get_model("catalog", "Requirement")
    TechnicalAgency = apps.get_model("accounts", "TechnicalAgency")
    data = json.loads((data_dir / filename).read_text(encoding="utf-8"))
    agency_data = data.pop("technical_agency", None)
    agency = None
    if agency_data:
        agency, _ = TechnicalAgency.objects.update_or_create(
            code=agency_data["code"], defaults={k: v for k, v in agency_data.items() if k != "code"}
        )
    requirements = data.pop("requirements")
    # An earlier migration loads the file with the model as it was then: only its fields.
    known = {f.name for f in PermitType._meta.get_fields()}
    data = {k: v for k, v in data.items() if k in known}
    permit_type, _ = PermitType.objects.update_or_create(
        code=data.pop("code"), defaults={**data, "technical_agency": agency}
    )
    for req in requirements:
        Requirement.objects.update_or_create(permit_type=permit_type, number=req.pop("number"), defaults=req)
