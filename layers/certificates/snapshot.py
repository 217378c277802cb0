"""Pure: draws a certificate's map snapshot with Pillow from features in a local metric projection.

Input coordinates are metres (UTM, x east, y north); the image is `size_px` square, north up (UTM grid
north; the convergence with true north is under 2° in the zone), with a scale bar, a north arrow and the
OpenStreetMap attribution. Labels are Russian msgids (the certificate is a Russian document).
No tiles are fetched: everything drawn comes from our own database.
"""

from io import BytesIO

from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ATTRIBUTION = "© OpenStreetMap contributors"
NICE_LENGTHS_M = (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000)

STYLE = {
    "background": (247, 245, 240),
    "building": ((217, 208, 201), (170, 160, 150)),
    "road": (255, 255, 255),
    "road_casing": (180, 180, 180),
    "subject": ((230, 80, 60, 110), (200, 40, 20)),
    "appeal": (30, 90, 200),
    "ink": (40, 40, 40),
}


def scale_bar_length(width_m: float) -> int:
    """The longest round length (metres) not longer than a quarter of the map's width."""
    fitting = [n for n in NICE_LENGTHS_M if n <= width_m / 4]
    return fitting[-1] if fitting else NICE_LENGTHS_M[0]


def _rings(geometry: dict) -> list[tuple[str, list]]:
    """(kind, coordinates) of every non-empty part: 'polygon' rings lists, 'line' point lists, 'point' a
    point. Clipping to the window can leave empty parts (no coordinates): they are skipped."""
    return [(kind, coords) for kind, coords in _parts(geometry) if coords and (kind == "point" or coords[0])]


def _parts(geometry: dict) -> list[tuple[str, list]]:
    kind, coords = geometry["type"], geometry.get("coordinates")
    if kind == "Polygon":
        return [("polygon", coords)]
    if kind == "MultiPolygon":
        return [("polygon", part) for part in coords]
    if kind == "LineString":
        return [("line", coords)]
    if kind == "MultiLineString":
        return [("line", part) for part in coords]
    if kind == "Point":
        return [("point", coords)]
    if kind in ("MultiPoint",):
        return [("point", part) for part in coords]
    if kind == "GeometryCollection":
        return [part for g in geometry["geometries"] for part in _parts(g)]
    return []


def render_map(
    *, features: list[dict], centre: tuple[float, float], half_m: float, size_px: int = 900
) -> bytes:
    """PNG bytes of the map: `features` [{"layer": subject|building|road|appeal, "geometry": GeoJSON in
    metres}], the window `centre` (x, y) metres ± `half_m` metres, `size_px` pixels square."""
    scale = size_px / (2 * half_m)  # pixels per metre
    cx, cy = centre

    def px(point) -> tuple[float, float]:
        return ((point[0] - cx + half_m) * scale, (half_m - (point[1] - cy)) * scale)

    base = Image.new("RGB", (size_px, size_px), STYLE["background"])
    draw = ImageDraw.Draw(base)
    by_layer: dict[str, list] = {}
    for feature in features:
        by_layer.setdefault(feature["layer"], []).extend(_rings(feature["geometry"]))
    fill, outline = STYLE["building"]
    for kind, coords in by_layer.get("building", []):
        if kind == "polygon":
            draw.polygon([px(p) for p in coords[0]], fill=fill, outline=outline)
    for width, colour in (
        (max(4, int(8 * scale)), STYLE["road_casing"]),
        (max(2, int(6 * scale)), STYLE["road"]),
    ):
        for kind, coords in by_layer.get("road", []):
            if kind == "line" and len(coords) > 1:
                draw.line([px(p) for p in coords], fill=colour, width=width, joint="curve")
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    fill, outline = STYLE["subject"]
    for kind, coords in by_layer.get("subject", []):
        if kind == "polygon":
            ImageDraw.Draw(overlay).polygon([px(p) for p in coords[0]], fill=fill, outline=outline, width=4)
    image = Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(image)
    for kind, coords in by_layer.get("appeal", []):
        if kind == "point":
            x, y = px(coords)
            draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill=STYLE["appeal"], outline=(255, 255, 255), width=2)
    _decorate(draw, size_px=size_px, width_m=2 * half_m)
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _decorate(draw: ImageDraw.ImageDraw, *, size_px: int, width_m: float) -> None:
    """Scale bar (bottom left), north arrow (top right), attribution (bottom right)."""
    font = ImageFont.truetype(FONT_PATH, max(12, size_px // 45))
    ink = STYLE["ink"]
    length_m = scale_bar_length(width_m)
    bar_px = length_m * size_px / width_m
    x0, y0 = size_px * 0.04, size_px * 0.95
    draw.rectangle((x0 - 6, y0 - 30, x0 + bar_px + 60, y0 + 10), fill=(255, 255, 255))
    draw.line((x0, y0, x0 + bar_px, y0), fill=ink, width=4)
    for x in (x0, x0 + bar_px):
        draw.line((x, y0 - 10, x, y0), fill=ink, width=3)
    draw.text(
        (x0 + bar_px + 8, y0 - 4), gettext("%(n)s м") % {"n": length_m}, fill=ink, font=font, anchor="ls"
    )
    ax, ay = size_px * 0.93, size_px * 0.05
    draw.polygon([(ax, ay), (ax - 16, ay + 44), (ax, ay + 34), (ax + 16, ay + 44)], fill=ink)
    draw.text((ax, ay + 50), gettext("С"), fill=ink, font=font, anchor="mt")
    text_box = draw.textbbox((0, 0), ATTRIBUTION, font=font)
    tx = size_px - (text_box[2] - text_box[0]) - 10
    ty = size_px - (text_box[3] - text_box[1]) - 12
    draw.rectangle((tx - 5, ty - 4, size_px, size_px), fill=(255, 255, 255))
    draw.text((tx, ty), ATTRIBUTION, fill=ink, font=font)
