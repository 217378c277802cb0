// The map style: no outside request at all (no tiles, sprites or glyphs from another host) — a background
// colour and our own GeoJSON. No symbol layers, so the style needs no `glyphs` URL.
import type { FeatureCollection } from "geojson";
import type { StyleSpecification } from "maplibre-gl";

import { statusColorExpression } from "./colors";

/** ODbL attribution of the OSM-derived boundary and districts (the NextGIS extract of Krymsk). */
export const ATTRIBUTION = "© OpenStreetMap contributors, extract by NextGIS";

export const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

export const SOURCE = { municipality: "municipality", districts: "districts", appeals: "appeals" } as const;
export const LAYER = { districtsFill: "districts-fill", appeals: "appeals" } as const;

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [SOURCE.municipality]: { type: "geojson", data: EMPTY },
      [SOURCE.districts]: { type: "geojson", data: EMPTY },
      [SOURCE.appeals]: { type: "geojson", data: EMPTY },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#eef0eb" } },
      {
        id: LAYER.districtsFill,
        type: "fill",
        source: SOURCE.districts,
        paint: { "fill-color": "#dddddd", "fill-opacity": 0.5 },
      },
      {
        id: "districts-line",
        type: "line",
        source: SOURCE.districts,
        paint: { "line-color": "#7f8c8d", "line-width": 1 },
      },
      {
        id: "municipality-line",
        type: "line",
        source: SOURCE.municipality,
        paint: { "line-color": "#2c3e50", "line-width": 2.5 },
      },
      {
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
    ],
  };
}
