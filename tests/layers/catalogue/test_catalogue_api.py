"""GET/POST /api/v1/layers and GET/PATCH/DELETE /api/v1/layers/{slug}: metadata, stats, style, roles."""

import pytest
from django.contrib.gis.geos import GEOSGeometry, LineString, Point

from appeals.models import Department
from layers.models import Access, Feature, Layer

STYLE = [{"id": "pipes", "type": "line", "paint": {"line-color": "#1f78b4", "line-width": 2}}]


def make_layer(slug: str, access=Access.PUBLIC, **fields) -> Layer:
    return Layer.objects.create(slug=slug, title=fields.pop("title", slug), access=access, **fields)


@pytest.mark.django_db
def test_planner_creates_a_layer_with_metadata_style_and_legend(planner):
    roads = Department.objects.create(code="roads", name="Дорожное хозяйство")
    body = {
        "slug": "water-network",
        "title": "Водопровод",
        "description": "Сети водоснабжения Крымска",
        "department": "roads",
        "licence": "CC BY 4.0",
        "access": "internal",
        "keywords": ["ЖКХ", "сети", " ЖКХ"],
        "style": STYLE,
        "legend": [{"label": "Магистраль", "color": "#1f78b4"}],
    }

    response = planner.post("/api/v1/layers", body, content_type="application/json")

    assert response.status_code == 201, response.content
    assert response["Location"] == "/api/v1/layers/water-network"
    data = response.json()
    assert data["department"] == {"id": roads.pk, "code": "roads", "name": "Дорожное хозяйство"}
    assert (data["access"], data["licence"], data["keywords"]) == ("internal", "CC BY 4.0", ["ЖКХ", "сети"])
    assert (data["feature_count"], data["extent"], data["geometry_types"]) == (0, None, [])
    assert data["style"] == {"layers": STYLE, "metadata": {"legend": body["legend"]}}
    assert data["legend"] == [{"label": "Магистраль", "color": "#1f78b4"}]
    assert data["links"]["items"] == "http://testserver/ogc/collections/water-network/items"
    assert data["links"]["tiles"] == "http://testserver/tiles/water-network/{z}/{x}/{y}.mvt"
    layer = Layer.objects.get(slug="water-network")
    assert (layer.title, layer.department, layer.style["layers"]) == ("Водопровод", roads, STYLE)


@pytest.mark.django_db
def test_feature_count_and_extent_come_from_the_features(client):
    layer = make_layer("bus-stops", title="Остановки")
    Feature.objects.create(layer=layer, geom=Point(37.9800, 44.9200, srid=4326))
    Feature.objects.create(layer=layer, geom=Point(37.9900, 44.9300, srid=4326))
    Feature.objects.create(layer=layer, geom=LineString((37.985, 44.910), (37.995, 44.925), srid=4326))

    data = client.get("/api/v1/layers/bus-stops").json()

    # Reference: SELECT ST_Extent(geom) FROM layers_feature → BOX(37.98 44.91, 37.995 44.93)
    assert data["feature_count"] == 3
    assert data["extent"] == pytest.approx([37.980, 44.910, 37.995, 44.930])
    assert data["geometry_types"] == ["LineString", "Point"]
    assert data["updated_at"] and data["created_at"]


@pytest.mark.django_db
def test_the_list_is_by_title_with_filters(client):
    roads = Department.objects.create(code="roads", name="Дороги")
    make_layer("b", title="Бордюры", keywords=["дороги"], department=roads)
    make_layer("a", title="Арки", description="Исторические арки")
    make_layer("c", title="Скрытый", access=Access.INTERNAL, keywords=["дороги"])

    assert [x["slug"] for x in client.get("/api/v1/layers").json()] == ["a", "b"]
    assert [x["slug"] for x in client.get("/api/v1/layers?keyword=дороги").json()] == ["b"]
    assert [x["slug"] for x in client.get("/api/v1/layers?department=roads").json()] == ["b"]
    assert [x["slug"] for x in client.get(f"/api/v1/layers?department={roads.pk}").json()] == ["b"]
    assert [x["slug"] for x in client.get("/api/v1/layers?q=историч").json()] == ["a"]
    bad = client.get("/api/v1/layers?access=secret")
    assert bad.status_code == 400 and bad.json()["field"] == "access"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "nobody", "resident"])
def test_internal_layers_do_not_exist_for_non_staff(as_role, role):
    make_layer("water-network", access=Access.INTERNAL)
    make_layer("parks")
    client = as_role(role)

    assert [x["slug"] for x in client.get("/api/v1/layers").json()] == ["parks"]
    assert client.get("/api/v1/layers/water-network").status_code == 404
    assert client.get("/api/v1/layers/never-was").status_code == 404
    assert client.get("/api/v1/layers/water-network").json() == {"detail": "No layer water-network."}
    patch = client.patch("/api/v1/layers/water-network", {"title": "x"}, content_type="application/json")
    assert patch.status_code == 404
    assert client.delete("/api/v1/layers/water-network").status_code == 404
    assert Layer.objects.filter(slug="water-network").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["moderator", "operator", "planner", "admin"])
def test_staff_see_internal_layers(as_role, role):
    make_layer("water-network", access=Access.INTERNAL)

    client = as_role(role)

    assert [x["slug"] for x in client.get("/api/v1/layers").json()] == ["water-network"]
    assert client.get("/api/v1/layers/water-network").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 403),
        ("resident", 403),
        ("operator", 403),
        ("moderator", 403),
        ("planner", 201),
        ("admin", 201),
    ],
)
def test_only_planners_and_admins_create(as_role, role, status):
    response = as_role(role).post(
        "/api/v1/layers", {"slug": "parks", "title": "Парки"}, content_type="application/json"
    )

    assert response.status_code == status
    assert Layer.objects.filter(slug="parks").exists() == (status == 201)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["resident", "operator"])
def test_visible_layers_cannot_be_changed_by_others(as_role, role):
    make_layer("parks", title="Парки")
    client = as_role(role)

    assert (
        client.patch("/api/v1/layers/parks", {"title": "x"}, content_type="application/json").status_code
        == 403
    )
    assert client.delete("/api/v1/layers/parks").status_code == 403
    assert Layer.objects.get(slug="parks").title == "Парки"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug", ["basemap", "appeals", "properties", "assets", "areas", "proposals", "Appeals"]
)
def test_reserved_slugs_are_refused(planner, slug):
    response = planner.post("/api/v1/layers", {"slug": slug, "title": "x"}, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["field"] == "slug"
    assert "is reserved" in response.json()["detail"]
    assert not Layer.objects.exists()


@pytest.mark.django_db
def test_malformed_and_taken_slugs(planner):
    make_layer("parks")
    spaces = planner.post(
        "/api/v1/layers", {"slug": "два слова", "title": "x"}, content_type="application/json"
    )
    taken = planner.post("/api/v1/layers", {"slug": "parks", "title": "x"}, content_type="application/json")

    assert (spaces.status_code, spaces.json()["field"]) == (400, "slug")
    assert (taken.status_code, taken.json()) == (
        409,
        {"detail": "A layer with slug 'parks' exists already.", "field": "slug"},
    )


@pytest.mark.django_db
def test_patch_changes_only_what_is_sent_and_never_the_slug(planner):
    make_layer("parks", title="Парки", licence="ODbL", keywords=["зелень"])

    response = planner.patch("/api/v1/layers/parks", {"title": "Парки и скверы", "access": "internal"},
                             content_type="application/json")  # fmt: skip
    renamed = planner.patch("/api/v1/layers/parks", {"slug": "gardens"}, content_type="application/json")

    assert response.status_code == 200, response.content
    layer = Layer.objects.get(slug="parks")
    assert (layer.title, layer.access, layer.licence, layer.keywords) == (
        "Парки и скверы",
        "internal",
        "ODbL",
        ["зелень"],
    )
    assert renamed.status_code == 400 and renamed.json()["field"] == "slug"


@pytest.mark.django_db
def test_patch_style_keeps_a_given_legend_and_a_null_legend_derives_it_again(planner):
    make_layer(
        "pipes", style={"layers": STYLE, "metadata": {"legend": [{"label": "Трубы", "color": "#000"}]}}
    )
    restyle = [{"id": "pipes", "type": "line", "paint": {"line-color": "#e31a1c"}}]

    kept = planner.patch("/api/v1/layers/pipes", {"style": restyle}, content_type="application/json").json()
    derived = planner.patch("/api/v1/layers/pipes", {"legend": None}, content_type="application/json").json()

    assert kept["style"] == {"layers": restyle, "metadata": {"legend": [{"label": "Трубы", "color": "#000"}]}}
    assert derived["style"] == {"layers": restyle, "metadata": {}}
    assert derived["legend"] == [{"label": "pipes", "color": "#e31a1c"}]


@pytest.mark.django_db
def test_a_style_maplibre_rejects_is_refused_by_the_style_spec_validator(planner):
    bad = [{"id": "pipes", "type": "line", "paint": {"line-color": 5}}]

    response = planner.post(
        "/api/v1/layers", {"slug": "pipes", "title": "x", "style": bad}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The style is not valid MapLibre: layers[0].paint.line-color: color expected, number found",
        "field": "style",
    }
    assert not Layer.objects.exists()


@pytest.mark.django_db
def test_an_unknown_department_is_a_400_naming_the_field(planner):
    response = planner.post("/api/v1/layers", {"slug": "p", "title": "x", "department": "nope"},
                            content_type="application/json")  # fmt: skip

    assert response.status_code == 400
    assert response.json()["field"] == "department"


@pytest.mark.django_db
def test_delete_removes_the_layer_and_its_features(planner):
    layer = make_layer("parks")
    Feature.objects.create(layer=layer, geom=GEOSGeometry("POINT(37.98 44.92)", srid=4326))

    response = planner.delete("/api/v1/layers/parks")

    assert response.status_code == 204
    assert not Layer.objects.exists() and not Feature.objects.exists()


@pytest.mark.django_db
def test_last_import_is_shown_to_staff_only(as_role, client):
    from importers.models import ImportRun

    run = ImportRun.objects.create(importer="vector", source="parks.geojson")
    make_layer("parks", source_run=run)

    assert client.get("/api/v1/layers/parks").json()["last_import"] is None
    assert as_role("moderator").get("/api/v1/layers/parks").json()["last_import"] == run.pk


@pytest.mark.django_db
def test_a_layer_made_internal_leaves_public_search_at_once(planner, client):
    planner.post("/api/v1/layers", {"slug": "water", "title": "Водопровод"}, content_type="application/json")

    def found(who) -> list[str]:
        response = who.get("/api/v1/search?q=водопровод&kind=layer")
        assert response.status_code == 200, response.content[:200]
        return [hit["label"] for hit in response.json()["results"]]

    assert found(client) == ["Водопровод"]
    planner.patch("/api/v1/layers/water", {"access": "internal"}, content_type="application/json")
    assert found(client) == []
    assert found(planner) == ["Водопровод"]
    planner.delete("/api/v1/layers/water")
    assert found(planner) == []
