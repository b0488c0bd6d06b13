from perizinan.accounts.models import Office

from .models import PermitType, Requirement
from .profile import Profile, applicable


def active_permit_types():  # type: ignore[no-untyped-def]
    return PermitType.objects.filter(active=True).select_related("technical_agency")


def get_permit_type(code: str) -> PermitType | None:
    return active_permit_types().filter(code__iexact=code).first()


def requirements_for(permit_type: PermitType, profile: Profile) -> list[Requirement]:
    """The requirements that apply to a profile, in SOP order, under the office's settings."""
    office = Office.current()
    profile = Profile(**{**profile.__dict__, "nuisance_permit": office.require_nuisance_permit})
    return applicable(permit_type.requirements.all(), profile)
