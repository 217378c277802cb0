"""Reference geodata: administrative areas, real estate, infrastructure, uploaded layers and rasters.

All geometry is EPSG:4326 with a GiST index; metres come from geography casts or a local UTM zone.
Rows loaded by an importer carry (source, source_id) so that a re-import updates instead of duplicating.
Property and Asset keep every edit made through a model save (API, admin) in a historical table
(django-simple-history): who, when, the whole row after the change. Imports write with COPY and do not
pass through save(); their ImportRun is their record.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class SourcedModel(models.Model):
    """Where a row came from: 'osm', 'demo', a file name… and its id there (empty for hand-made rows)."""

    source = models.CharField(_("source"), max_length=64, blank=True, default="")
    source_id = models.CharField(_("source id"), max_length=128, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def source_unique(model_name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["source", "source_id"], condition=~Q(source_id=""), name=f"{model_name}_source_uniq"
    )


class AdminArea(SourcedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        DISTRICT = "district", _("district")
        TOS = "tos", _("territorial public self-government (ТОС)")
        RESPONSIBILITY_ZONE = "responsibility_zone", _("responsibility zone")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=64, blank=True, default="", db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    geom = models.MultiPolygonField(_("geometry"), srid=4326)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        constraints = [source_unique("adminarea")]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Property(SourcedModel):
    class Kind(models.TextChoices):
        PARCEL = "parcel", _("land parcel")
        BUILDING = "building", _("building")

    class Ownership(models.TextChoices):
        MUNICIPAL = "municipal", _("municipal")
        REGIONAL = "regional", _("regional")
        FEDERAL = "federal", _("federal")
        PRIVATE = "private", _("private")
        UNKNOWN = "unknown", _("unknown")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    cadastral_number = models.CharField(_("cadastral number"), max_length=64, blank=True, default="")
    address = models.CharField(_("address"), max_length=255, blank=True, default="")
    street = models.CharField(_("street"), max_length=255, blank=True, default="")
    housenumber = models.CharField(_("house number"), max_length=32, blank=True, default="")
    ownership = models.CharField(
        _("ownership"), max_length=16, choices=Ownership.choices, default=Ownership.UNKNOWN
    )
    use = models.CharField(_("use"), max_length=64, blank=True, default="")
    levels = models.PositiveSmallIntegerField(_("levels"), null=True, blank=True)
    area_m2 = models.FloatField(_("area, m²"), null=True, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    geom = models.MultiPolygonField(_("geometry"), srid=4326)

    history = HistoricalRecords(excluded_fields=["updated_at"], cascade_delete_history=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("property")
        verbose_name_plural = _("properties")
        constraints = [source_unique("property")]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["cadastral_number"])]

    def __str__(self) -> str:
        return self.address or self.cadastral_number or f"{self.get_kind_display()} #{self.pk}"


class Asset(SourcedModel):
    class Kind(models.TextChoices):
        ROAD = "road", _("road")
        TRAM_LINE = "tram_line", _("tram line")
        WATER_PIPE = "water_pipe", _("water pipe")
        HEAT_PIPE = "heat_pipe", _("heat pipe")
        SEWER = "sewer", _("sewer")
        POWER_LINE = "power_line", _("power line")
        STREETLIGHT = "streetlight", _("streetlight")
        BUS_STOP = "bus_stop", _("bus stop")
        PLAYGROUND = "playground", _("playground")
        SPORTS_GROUND = "sports_ground", _("sports ground")
        PARK = "park", _("park")
        WASTE_SITE = "waste_site", _("waste site")
        BENCH = "bench", _("bench")
        SCHOOL = "school", _("school")
        KINDERGARTEN = "kindergarten", _("kindergarten")
        HOSPITAL = "hospital", _("hospital")
        AMENITY = "amenity", _("other amenity")
        OTHER = "other", _("other")

    class Condition(models.TextChoices):
        GOOD = "good", _("good")
        FAIR = "fair", _("fair")
        POOR = "poor", _("poor")
        UNKNOWN = "unknown", _("unknown")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255, blank=True, default="")
    department = models.ForeignKey(
        "appeals.Department",
        verbose_name=_("owner department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assets",
    )
    condition = models.CharField(
        _("condition"), max_length=16, choices=Condition.choices, default=Condition.UNKNOWN
    )
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    geom = models.GeometryField(_("geometry"), srid=4326)

    history = HistoricalRecords(excluded_fields=["updated_at"], cascade_delete_history=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        constraints = [source_unique("asset")]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return self.name or f"{self.get_kind_display()} #{self.pk}"


class PropertyCertificate(models.Model):
    """The journal of issued property certificates (справки); `number` is «СП-<year>-<id, 6 digits>».

    The property's cadastral number and address are copied at issue time, so the journal reads the same
    after the property is edited or removed.
    """

    property = models.ForeignKey(
        Property,
        verbose_name=_("property"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    cadastral_number = models.CharField(_("cadastral number"), max_length=64, blank=True, default="")
    address = models.CharField(_("address"), max_length=255, blank=True, default="")
    issuer = models.CharField(_("issuing department"), max_length=255)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"), db_index=True)
    # Set right after the insert from the id (layers.certificates.services); empty only inside that write.
    number = models.CharField(_("document number"), max_length=32, blank=True, default="", db_index=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("property certificate")
        verbose_name_plural = _("property certificates")

    def __str__(self) -> str:
        return self.number


class Access(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal")


class Layer(models.Model):
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True, default="")
    department = models.ForeignKey(
        "appeals.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="layers",
    )
    access = models.CharField(_("access"), max_length=16, choices=Access.choices, default=Access.PUBLIC)
    licence = models.CharField(_("licence"), max_length=255, blank=True, default="")
    keywords = ArrayField(
        models.CharField(max_length=64), verbose_name=_("keywords"), default=list, blank=True
    )
    style = models.JSONField(_("MapLibre style"), default=dict, blank=True)
    source_run = models.ForeignKey(
        "importers.ImportRun",
        verbose_name=_("source import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("layer")
        verbose_name_plural = _("layers")

    def __str__(self) -> str:
        return self.title


class Feature(models.Model):
    layer = models.ForeignKey(
        Layer, verbose_name=_("layer"), on_delete=models.CASCADE, related_name="features"
    )
    source_id = models.CharField(_("source id"), max_length=128, blank=True, default="")
    properties = models.JSONField(pgettext_lazy("feature", "properties"), default=dict, blank=True)
    geom = models.GeometryField(_("geometry"), srid=4326)

    class Meta:
        ordering = ["layer", "id"]
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        constraints = [
            models.UniqueConstraint(
                fields=["layer", "source_id"], condition=~Q(source_id=""), name="feature_layer_source_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.layer_id}:{self.source_id or self.pk}"


class RasterLayer(models.Model):
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True, default="")
    department = models.ForeignKey(
        "appeals.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rasters",
    )
    access = models.CharField(_("access"), max_length=16, choices=Access.choices, default=Access.PUBLIC)
    licence = models.CharField(_("licence"), max_length=255, blank=True, default="")
    path = models.CharField(_("Cloud-Optimised GeoTIFF path"), max_length=512)
    crs = models.CharField(_("native CRS"), max_length=64, blank=True, default="")
    band_count = models.PositiveSmallIntegerField(_("bands"), default=1)
    dtype = models.CharField(_("data type"), max_length=16, blank=True, default="")
    nodata = models.FloatField(_("no-data value"), null=True, blank=True)
    colormap = models.CharField(_("colour map"), max_length=32, blank=True, default="")
    extent = models.PolygonField(_("extent"), srid=4326, null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("raster layer")
        verbose_name_plural = _("raster layers")

    def __str__(self) -> str:
        return self.title


class GazetteerEntry(models.Model):
    """One searchable place: an address, a street, a cadastral number, a named asset or a layer title.

    Derived data: `layers.search.services.gazetteer_rebuild` replaces every row from Property, Asset and
    Layer. `normalized` is the normal form without street-type words (layers/search/normalize.py), the
    trigram key; `tsv` is the 'russian' vector of the full normal form. `street` and `housenumber` are
    normal-form keys (street_key / house_key) for addresses and streets. `point` is a representative
    point on the object, `bbox` its envelope, both EPSG:4326.
    """

    class Kind(models.TextChoices):
        ADDRESS = "address", _("address")
        STREET = "street", _("street")
        CADASTRAL = "cadastral", _("cadastral number")
        ASSET = "asset", _("asset")
        LAYER = "layer", _("layer")

    class RefType(models.TextChoices):
        PROPERTY = "property", _("property")
        ASSET = "asset", _("asset")
        LAYER = "layer", _("layer")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=512)
    normalized = models.TextField(_("normalised text"))
    tsv = SearchVectorField(_("full-text vector"))
    # Text, not varchar: expanding abbreviations (ул → улица) can make a key longer than its source.
    street = models.TextField(_("street key"), blank=True, default="")
    housenumber = models.TextField(_("house number key"), blank=True, default="")
    ref_type = models.CharField(
        _("object type"), max_length=16, choices=RefType.choices, blank=True, default=""
    )
    ref_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    point = models.PointField(_("point"), srid=4326, null=True, blank=True)
    bbox = models.PolygonField(_("bounding box"), srid=4326, null=True, blank=True, spatial_index=False)

    class Meta:
        ordering = ["kind", "name", "id"]
        verbose_name = _("gazetteer entry")
        verbose_name_plural = _("gazetteer entries")
        # Addresses are found through their street (street key + house number), so the text indexes
        # leave them out: they are most of the rows and would only be filtered away.
        indexes = [
            GinIndex(fields=["tsv"], name="gazetteer_tsv_gin", condition=~Q(kind="address")),
            GinIndex(
                fields=["normalized"],
                opclasses=["gin_trgm_ops"],
                name="gazetteer_trgm_gin",
                condition=~Q(kind="address"),
            ),
            models.Index(fields=["kind", "street", "housenumber"], name="gazetteer_kind_street"),
            models.Index(fields=["ref_type", "ref_id"], name="gazetteer_ref"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"
