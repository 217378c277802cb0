// The map's own layers on top of the self-hosted basemap (/styles/basemap.json): districts and the
// boundary (GeoJSON from /api/v1/areas), appeals and proposals (vector tiles /tiles/{collection}: H3
// hexagons at low zoom, points — or point aggregates with `count` — at z ≥ 14), the resident's own appeals
// (GeoJSON kept in the browser) and the tension heatmap (GeoJSON hexagons from /api/v1/tension/hexes,
// added when first switched on).
// Every URL is this server's.
import type { FeatureCollection } from "geojson";
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  SourceSpecification,
  VectorTileSource,
} from "maplibre-gl";

import { statusColorExpression } from "./colors";

/** ODbL attribution of the OSM-derived basemap, boundary and districts (the NextGIS extract of Krymsk). */
export const ATTRIBUTION = "© OpenStreetMap contributors, extract by NextGIS";

export const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

export const SOURCE = {
  municipality: "municipality",
  districts: "districts",
  appeals: "appeals",
  proposals: "proposals",
  mine: "mine",
  tension: "tension",
} as const;

export const LAYER = {
  districtsFill: "districts-fill",
  districtsLine: "districts-line",
  municipality: "municipality-line",
  appealsHex: "appeals-hex",
  appealsHexLine: "appeals-hex-line",
  appealsAggregate: "appeals-aggregate",
  appealsAggregateCount: "appeals-aggregate-count",
  appealsPoints: "appeals-points",
  proposalsHex: "proposals-hex",
  proposalsAggregate: "proposals-aggregate",
  proposalsPoints: "proposals-points",
  mine: "mine-points",
  tension: "tension-fill",
  tensionLine: "tension-line",
} as const;

/** Layers a click opens an appeal card from (feature id = appeal id). */
export const POINT_LAYERS = [LAYER.mine, LAYER.appealsPoints, LAYER.proposalsPoints];
/** Layers a click zooms into (hexagons and point aggregates). */
export const AGGREGATE_LAYERS = [LAYER.appealsAggregate, LAYER.appealsHex, LAYER.proposalsAggregate];

/** Which layers each toggle of the layers panel drives. */
export const GROUPS: Record<string, string[]> = {
  districts: [LAYER.districtsFill, LAYER.districtsLine],
  appeals: [
    LAYER.appealsHex,
    LAYER.appealsHexLine,
    LAYER.appealsAggregate,
    LAYER.appealsAggregateCount,
    LAYER.appealsPoints,
  ],
  proposals: [LAYER.proposalsHex, LAYER.proposalsAggregate, LAYER.proposalsPoints],
  mine: [LAYER.mine],
  tension: [LAYER.tension, LAYER.tensionLine],
};

const TILE_MAXZOOM = 16; // the server's; MapLibre over-zooms beyond
const FONT = ["DejaVu Sans Bold"];

/** The tile URL template of a collection on this server (MapLibre's worker needs it absolute). */
export function tileUrl(collection: string, query = ""): string {
  return `${window.location.origin}/tiles/${collection}/{z}/{x}/{y}.mvt${query ? `?${query}` : ""}`;
}

const isPolygon: FilterSpecification = ["==", ["geometry-type"], "Polygon"];
const isPoint: FilterSpecification = ["==", ["geometry-type"], "Point"];
const isAggregate: FilterSpecification = ["all", isPoint, ["has", "count"], [">", ["get", "count"], 1]];
const isSingle: FilterSpecification = ["all", isPoint, ["any", ["!", ["has", "count"]], ["<=", ["get", "count"], 1]]];

/** Hexagon fill by number of appeals (a sequential YlOrRd ramp). */
export const COUNT_STEPS: [number, string][] = [
  [0, "#ffffb2"],
  [5, "#fecc5c"],
  [20, "#fd8d3c"],
  [50, "#f03b20"],
  [200, "#bd0026"],
];

/** Tension index 0–100 → colour (the same ramp, continuous). */
export const TENSION_STOPS: [number, string][] = [
  [0, "#ffffb2"],
  [25, "#fecc5c"],
  [50, "#fd8d3c"],
  [75, "#f03b20"],
  [100, "#bd0026"],
];

function countColor(): ExpressionSpecification {
  const [[, first], ...rest] = COUNT_STEPS;
  return ["step", ["coalesce", ["get", "count"], 0], first, ...rest.flat()] as unknown as ExpressionSpecification;
}

function tensionColor(): ExpressionSpecification {
  return [
    "interpolate",
    ["linear"],
    ["coalesce", ["get", "index"], 0],
    ...TENSION_STOPS.flat(),
  ] as unknown as ExpressionSpecification;
}

const aggregateRadius: ExpressionSpecification = [
  "interpolate",
  ["linear"],
  ["get", "count"],
  2,
  10,
  100,
  18,
  1000,
  26,
];

export function overlaySources(): Record<string, SourceSpecification> {
  const vector = (collection: string, minzoom = 0, maxzoom = TILE_MAXZOOM): SourceSpecification => ({
    type: "vector",
    tiles: [tileUrl(collection)],
    minzoom,
    maxzoom,
  });
  return {
    [SOURCE.municipality]: { type: "geojson", data: EMPTY },
    [SOURCE.districts]: { type: "geojson", data: EMPTY },
    [SOURCE.appeals]: vector("appeals"),
    [SOURCE.proposals]: vector("proposals"),
    [SOURCE.mine]: { type: "geojson", data: EMPTY },
  };
}

/** Areas and hexagons go under the basemap's labels; points on top of everything, where they are clicked. */
export function overlayLayers(): { layer: LayerSpecification; underLabels: boolean }[] {
  const appeals = { source: SOURCE.appeals, "source-layer": "appeals" };
  const proposals = { source: SOURCE.proposals, "source-layer": "proposals" };
  return [
    {
      underLabels: true,
      layer: {
        id: LAYER.districtsFill,
        type: "fill",
        source: SOURCE.districts,
        paint: { "fill-color": "#dddddd", "fill-opacity": 0.2 },
      },
    },
    {
      underLabels: true,
      layer: {
        id: LAYER.districtsLine,
        type: "line",
        source: SOURCE.districts,
        paint: { "line-color": "#7f8c8d", "line-width": 1 },
      },
    },
    {
      underLabels: true,
      layer: {
        id: LAYER.municipality,
        type: "line",
        source: SOURCE.municipality,
        paint: { "line-color": "#2c3e50", "line-width": 2.5 },
      },
    },
    {
      underLabels: true,
      layer: {
        id: LAYER.appealsHex,
        type: "fill",
        ...appeals,
        filter: isPolygon,
        paint: { "fill-color": countColor(), "fill-opacity": 0.55 },
      },
    },
    {
      underLabels: true,
      layer: {
        id: LAYER.appealsHexLine,
        type: "line",
        ...appeals,
        filter: isPolygon,
        paint: { "line-color": "#ffffff", "line-width": 0.5 },
      },
    },
    {
      underLabels: true,
      layer: {
        id: LAYER.proposalsHex,
        type: "line",
        ...proposals,
        filter: isPolygon,
        paint: { "line-color": "#6a3d9a", "line-width": 1.5, "line-dasharray": [2, 1] },
      },
    },
    {
      underLabels: false,
      layer: {
        id: LAYER.appealsAggregate,
        type: "circle",
        ...appeals,
        filter: isAggregate,
        paint: {
          "circle-color": countColor(),
          "circle-radius": aggregateRadius,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1.5,
        },
      },
    },
    {
      underLabels: false,
      layer: {
        id: LAYER.appealsAggregateCount,
        type: "symbol",
        ...appeals,
        filter: isAggregate,
        layout: { "text-field": ["to-string", ["get", "count"]], "text-font": FONT, "text-size": 11 },
        paint: { "text-color": "#1f2933" },
      },
    },
    {
      underLabels: false,
      layer: {
        id: LAYER.proposalsAggregate,
        type: "circle",
        ...proposals,
        filter: isAggregate,
        paint: {
          "circle-color": "#ffffff",
          "circle-radius": aggregateRadius,
          "circle-stroke-color": "#6a3d9a",
          "circle-stroke-width": 2,
        },
      },
    },
    {
      underLabels: false,
      layer: {
        id: LAYER.appealsPoints,
        type: "circle",
        ...appeals,
        filter: isSingle,
        paint: {
          "circle-color": statusColorExpression(),
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 12, 4, 16, 7, 19, 11],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1,
        },
      },
    },
    {
      underLabels: false,
      layer: {
        id: LAYER.proposalsPoints,
        type: "circle",
        ...proposals,
        filter: isSingle,
        paint: {
          "circle-color": "#ffffff",
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 12, 4, 16, 7, 19, 11],
          "circle-stroke-color": statusColorExpression(),
          "circle-stroke-width": 3,
        },
      },
    },
    {
      underLabels: false,
      layer: {
        id: LAYER.mine,
        type: "circle",
        source: SOURCE.mine,
        paint: {
          "circle-color": statusColorExpression(),
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 5, 16, 8, 19, 12],
          "circle-stroke-color": "#1f2933",
          "circle-stroke-width": 2.5,
        },
      },
    },
  ];
}

let firstLabel: string | undefined;

/** Adds the overlay sources and layers to a map whose basemap style has loaded. */
export function addOverlays(map: MapLibreMap): void {
  firstLabel = map.getStyle().layers.find((layer) => layer.type === "symbol")?.id;
  for (const [id, source] of Object.entries(overlaySources())) map.addSource(id, source);
  for (const { layer, underLabels } of overlayLayers()) map.addLayer(layer, underLabels ? firstLabel : undefined);
}

/**
 * Adds a plugged-in layer: under the basemap's labels (`under: "labels"`, for fills and lines) or on top
 * (`"top"`, for points that are clicked). The source is added first when it is not there yet.
 */
export function addLayer(
  map: MapLibreMap,
  layer: LayerSpecification,
  options: { source?: { id: string; spec: SourceSpecification }; under?: "labels" | "top" } = {},
): void {
  if (options.source && !map.getSource(options.source.id)) map.addSource(options.source.id, options.source.spec);
  map.addLayer(layer, options.under === "top" ? undefined : (firstLabel ?? undefined));
}

/** Shows or hides every layer of a group of the layers panel. */
export function setGroupVisible(map: MapLibreMap, group: string, visible: boolean): void {
  for (const id of GROUPS[group] ?? []) {
    if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", visible ? "visible" : "none");
  }
}

export function groupVisible(map: MapLibreMap, group: string): boolean {
  const first = (GROUPS[group] ?? []).find((id) => map.getLayer(id));
  return first ? map.getLayoutProperty(first, "visibility") !== "none" : false;
}

/** Adds the tension heatmap's source (GeoJSON hexagons, filled by resident/tension.ts) and layers, under
 * the labels and the points; a no-op once they are there. */
export function ensureTensionLayers(map: MapLibreMap): void {
  if (map.getSource(SOURCE.tension)) return;
  map.addSource(SOURCE.tension, { type: "geojson", data: EMPTY });
  map.addLayer(
    {
      id: LAYER.tension,
      type: "fill",
      source: SOURCE.tension,
      filter: isPolygon,
      paint: { "fill-color": tensionColor(), "fill-opacity": 0.6 },
    },
    firstLabel,
  );
  map.addLayer(
    {
      id: LAYER.tensionLine,
      type: "line",
      source: SOURCE.tension,
      filter: isPolygon,
      paint: { "line-color": "#ffffff", "line-width": 0.4 },
    },
    firstLabel,
  );
}

/** Re-requests the tiles of a vector source (after filing or supporting an appeal). */
export function reloadTiles(map: MapLibreMap, sourceId: string): void {
  const source = map.getSource<VectorTileSource>(sourceId);
  if (source?.tiles) source.setTiles([...source.tiles]);
}
