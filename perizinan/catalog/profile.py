"""Which requirements apply to an applicant's profile (pure: no queries)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from .models import Condition


class RequirementLike(Protocol):
    number: int
    condition: str
    kinds: list[str]


@dataclass(frozen=True)
class Profile:
    kind: str = "new"
    foreign_investment: bool = False
    electromedical: bool = False
    radiation: bool = False
    technicians: bool = False
    agent: bool = False
    delegated_signing: bool = False
    nuisance_permit: bool = False  # the office setting, not the applicant's choice

    def __post_init__(self) -> None:
        # A distributor of radiation-emitting electromedical devices *is* an electromedical
        # distributor (SOP section G): the one rule, for the API, the pages and the services.
        if self.radiation and not self.electromedical:
            object.__setattr__(self, "electromedical", True)


def applies(req: RequirementLike, profile: Profile) -> bool:
    if req.kinds and profile.kind not in req.kinds:
        return False
    if req.condition == Condition.ALWAYS:
        return True
    return bool(getattr(profile, req.condition))


def applicable[R: RequirementLike](requirements: Iterable[R], profile: Profile) -> list[R]:
    return sorted((r for r in requirements if applies(r, profile)), key=lambda r: r.number)
