"""Roles and what they may do, declared in code and synced to Django groups after migrate."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from perizinan import refcache

from .models import User
from .roles import OFFICE_ROLES, SUPERVISING_ROLES, Role

# Django permissions each role's group holds ("app_label.codename").
_CATALOG_ADMIN = [
    f"{app}.{verb}_{model}"
    for app, model in [
        ("catalog", "permittype"),
        ("catalog", "requirement"),
        ("workdays", "officeclosure"),
        ("feedback", "complaintcategory"),
        ("accounts", "office"),
        ("accounts", "technicalagency"),
        ("accounts", "user"),
        ("notifications", "messagetemplate"),
        ("frontoffice", "queueservice"),
    ]
    for verb in ("view", "add", "change")
] + [
    "auth.view_group",
    "applications.view_application",
    "applications.view_company",
    "licences.view_licence",
    "licences.view_licencenumber",
    "workflow.view_processlogentry",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    role: (["applications.view_all_applications"] if role in OFFICE_ROLES else [])
    + (["applications.view_supervision"] if role in SUPERVISING_ROLES else [])
    for role in Role
}
ROLE_PERMISSIONS[Role.APPLICANT] = ["applications.add_application"]
ROLE_PERMISSIONS[Role.TECHNICAL_TEAM] = ["applications.view_agency_applications"]
ROLE_PERMISSIONS[Role.SITE_ADMIN] = ROLE_PERMISSIONS[Role.SITE_ADMIN] + _CATALOG_ADMIN


def sync_role_groups() -> None:
    """Create one group per role and give it exactly the permissions declared above.

    It runs after every `migrate` and every `flush`, so it costs a few statements whatever the
    number of roles (it was about 150, one or more per role and per permission)."""
    names = [role.value for role in ROLE_PERMISSIONS]
    codenames = {dotted.split(".")[1] for perms in ROLE_PERMISSIONS.values() for dotted in perms}
    permission_ids = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.filter(codename__in=codenames).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    Membership = Group.permissions.through
    with transaction.atomic():
        Group.objects.bulk_create([Group(name=name) for name in names], ignore_conflicts=True)
        group_ids = dict(Group.objects.filter(name__in=names).values_list("name", "pk"))
        wanted = {
            (group_ids[role.value], permission_ids[dotted])
            for role, perms in ROLE_PERMISSIONS.items()
            for dotted in perms
            if dotted in permission_ids  # an app left out of INSTALLED_APPS has none
        }
        held = {
            (group_id, permission_id): pk
            for pk, group_id, permission_id in Membership.objects.filter(
                group_id__in=group_ids.values()
            ).values_list("pk", "group_id", "permission_id")
        }
        extra = [pk for pair, pk in held.items() if pair not in wanted]
        if extra:
            Membership.objects.filter(pk__in=extra).delete()
        Membership.objects.bulk_create(
            [Membership(group_id=g, permission_id=p) for g, p in wanted - held.keys()], ignore_conflicts=True
        )


def user_roles(user: User | AnonymousUser) -> frozenset[Role]:
    """The roles a user holds (cached on the user object for the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_perizinan_roles", None)
    if cached is None:
        names = refcache.cached(f"roles:{user.pk}", lambda: set(user.groups.values_list("name", flat=True)))
        cached = frozenset(r for r in Role if r.value in names)
        if user.is_superuser:
            cached = cached | {Role.SITE_ADMIN, Role.SUPERVISOR}
        setattr(user, "_perizinan_roles", cached)  # noqa: B010  (a per-request cache on the user object)
    return cached


def has_role(user: User | AnonymousUser, roles: Role | Iterable[Role]) -> bool:
    wanted = {roles} if isinstance(roles, Role) else set(roles)
    return bool(user_roles(user) & wanted)


def is_officer(user: User | AnonymousUser) -> bool:
    return bool(user_roles(user) - {Role.APPLICANT})


def signed_in_user(request: HttpRequest) -> User:
    """The user of a view behind `login_required`, typed as such (an anonymous one is refused)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
