"""The roles of geoportal/roles.py exist as groups after migrating (geoportal migration 0001)."""

import pytest
from django.contrib.auth.models import Group

from geoportal.roles import Role


@pytest.mark.django_db
def test_every_role_is_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}
