// The map's style: the self-hosted basemap from /styles/basemap.json (tiles, glyphs and sprites all
// served by the geoportal itself), with our GeoJSON overlays added on top once it has loaded. No request
// leaves the server.
import type { FeatureCollection } from "geojson";
import type { LayerSpecification, Map as MapLibreMap, SourceSpecification } from "maplibre-gl";

import { statusColorExpression } from "./colors";

/** ODbL attribution of the OSM-derived basemap, boundary and districts (the NextGIS extract of Krymsk). */
export const ATTRIBUTION = "© OpenStreetMap contributors, extract by NextGIS";

export const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

export const SOURCE = { municipality: "municipality", districts: "districts", appeals: "appeals" } as const;
export const LAYER = { districtsFill: "districts-fill", appeals: "appeals" } as const;

export function overlaySources(): Record<string, SourceSpecification> {
  return {
    [SOURCE.municipality]: { type: "geojson", data: EMPTY },
    [SOURCE.districts]: { type: "geojson", data: EMPTY },
    [SOURCE.appeals]: { type: "geojson", data: EMPTY },
  };
}

/** Areas go under the basemap's labels; the appeals go on top of everything, where they can be clicked. */
export function overlayLayers(): { layer: LayerSpecification; underLabels: boolean }[] {
  return [
    {
      underLabels: true,
      layer: {
        id: LAYER.districtsFill,
        type: "fill",
        source: SOURCE.districts,
        paint: { "fill-color": "#dddddd", "fill-opacity": 0.25 },
      },
    },
    {
      underLabels: true,
      layer: {
        id: "districts-line",
        type: "line",
        source: SOURCE.districts,
        paint: { "line-color": "#7f8c8d", "line-width": 1 },
      },
    },
    {
      underLabels: true,
      layer: {
        id: "municipality-line",
        type: "line",
        source: SOURCE.municipality,
        paint: { "line-color": "#2c3e50", "line-width": 2.5 },
      },
    },
    {
      underLabels: false,
      layer: {
        id: LAYER.appeals,
        type: "circle",
        source: SOURCE.appeals,
        paint: {
          "circle-color": statusColorExpression(),
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 3, 14, 6, 18, 10],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1,
        },
      },
    },
  ];
}

/** Adds the overlay sources and layers to a map whose basemap style has loaded. */
export function addOverlays(map: MapLibreMap): void {
  const firstLabel = map.getStyle().layers.find((layer) => layer.type === "symbol")?.id;
  for (const [id, source] of Object.entries(overlaySources())) map.addSource(id, source);
  for (const { layer, underLabels } of overlayLayers()) map.addLayer(layer, underLabels ? firstLabel : undefined);
}
