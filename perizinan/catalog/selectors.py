from perizinan.accounts.models import Office
from perizinan.refcache import cached

from .models import PermitType, Requirement
from .profile import Profile, applicable


def active_permit_types():
    return PermitType.objects.filter(active=True).select_related("technical_agency")


def active_permit_codes() -> list[str]:
    """The codes of the active permit types, for the site's menu (cached reference data)."""
    return cached("permit-types:codes", lambda: list(active_permit_types().values_list("code", flat=True)))


def get_permit_type(code: str) -> PermitType | None:
    return active_permit_types().filter(code__iexact=code).first()


def only_permit_type() -> PermitType | None:
    """The permit type an application is for when none is named: the one active type, if
    exactly one is active (else None: the caller must name it)."""
    types = list(active_permit_types()[:2])
    return types[0] if len(types) == 1 else None


def requirements_for(permit_type: PermitType, profile: Profile) -> list[Requirement]:
    """The requirements that apply to a profile, in SOP order, under the office's settings."""
    nuisance = cached("office:nuisance", lambda: Office.current().require_nuisance_permit)
    profile = Profile(**{**profile.__dict__, "nuisance_permit": nuisance})
    return applicable(catalogue_of(permit_type.pk), profile)


def catalogue_of(permit_type_id: int) -> list[Requirement]:
    """Every requirement of a permit type (cached reference data; see perizinan/refcache.py)."""
    return cached(
        f"requirements:{permit_type_id}",
        lambda: list(Requirement.objects.filter(permit_type_id=permit_type_id).order_by("number")),
    )
