"""Each role's group holds exactly the permissions declared in code (perizinan/accounts/
permissions.py), made again after every migrate and every flush of the database."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perizinan.accounts.permissions import ROLE_PERMISSIONS, sync_role_groups
from perizinan.accounts.roles import Role

pytestmark = pytest.mark.django_db


def held() -> dict[str, set[str]]:
    return {
        group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        for group in Group.objects.prefetch_related("permissions__content_type")
    }


def declared() -> dict[str, set[str]]:
    return {role.value: set(perms) for role, perms in ROLE_PERMISSIONS.items()}


def test_every_role_has_a_group_with_exactly_its_declared_permissions():
    assert held() == declared()
    assert "catalog.change_permittype" in held()[Role.SITE_ADMIN.value]
    assert held()[Role.APPLICANT.value] == {"applications.add_application"}


def test_syncing_again_restores_what_was_changed_by_hand():
    site_admin = Group.objects.get(name=Role.SITE_ADMIN.value)
    applicant = Group.objects.get(name=Role.APPLICANT.value)
    site_admin.permissions.remove(Permission.objects.get(codename="change_permittype"))
    applicant.permissions.add(Permission.objects.get(codename="delete_application"))
    Group.objects.get(name=Role.VERIFIER.value).delete()

    sync_role_groups()

    assert held() == declared()


def test_syncing_costs_a_few_statements_whatever_the_number_of_roles():
    Group.objects.all().delete()  # as after a flush
    with CaptureQueriesContext(connection) as made:
        sync_role_groups()
    with CaptureQueriesContext(connection) as kept:
        sync_role_groups()
    assert held() == declared()
    assert len(made) <= 8 and len(kept) <= 8, (len(made), len(kept))
