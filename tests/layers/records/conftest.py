"""A small world for the record and certificate tests: the real Krymsk boundary and one real building
(tests.appeals.public_support), a cadastral number, road assets, officials of every role."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.geos import LineString

from appeals.models import Department
from geoportal.roles import Role
from layers.models import Asset
from tests.appeals.public_support import town  # noqa: F401
from tests.layers.records.support import north_of


@pytest.fixture
def world(town):  # noqa: F811
    User = get_user_model()
    roads = town["department"]
    light = Department.objects.create(code="light", name="Освещение")
    users = {}
    for name, role, department in [
        ("planner_anna", Role.PLANNER, None),
        ("planner_boris", Role.PLANNER, None),
        ("operator_roads", Role.OPERATOR, roads),
        ("operator_light", Role.OPERATOR, light),
        ("resident", Role.RESIDENT, None),
        ("moderator", Role.MODERATOR, None),
    ]:
        user = User.objects.create(username=name, first_name=name.split("_")[-1].title())
        user.groups.add(Group.objects.get(name=role))
        if department:
            department.members.add(user)
        users[name] = user
    building = town["building"]
    building.cadastral_number = "23:15:0601001:123"
    building.ownership = "municipal"
    building.use = "жилой дом"
    building.save()
    inside = building.geom.point_on_surface
    road = Asset.objects.create(
        kind=Asset.Kind.ROAD,
        name="ул. Полковая",
        department=roads,
        geom=LineString(
            (inside.x - 0.001, north_of(building.geom, 8)[1]),
            (inside.x + 0.001, north_of(building.geom, 8)[1]),
            srid=4326,
        ),
    )
    far_road = Asset.objects.create(
        kind=Asset.Kind.ROAD,
        name="далёкая дорога",
        geom=LineString(
            (inside.x - 0.001, north_of(building.geom, 200)[1]),
            (inside.x + 0.001, north_of(building.geom, 200)[1]),
            srid=4326,
        ),
    )
    return SimpleNamespace(
        town=town, users=users, building=building, road=road, far_road=far_road, light=light
    )
