// Drawing a polygon on the map by clicks (or, by keyboard, a vertex at the map's centre): vertices in
// (lon, lat) degrees, EPSG:4326, shown as a GeoJSON source of this page. No drawing library.
import type { Feature, FeatureCollection, Polygon } from "geojson";
import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";

import type { App } from "../app";
import { addLayer } from "../overlays";

const SOURCE = "planner-draw";
const LAYERS = ["planner-draw-fill", "planner-draw-line", "planner-draw-vertex"];

export type Vertex = [number, number];

/** The closed GeoJSON Polygon of at least three vertices (first vertex repeated at the end). */
export function polygonOf(vertices: Vertex[]): Polygon | null {
  if (vertices.length < 3) return null;
  return { type: "Polygon", coordinates: [[...vertices, vertices[0]]] };
}

function drawing(vertices: Vertex[]): FeatureCollection {
  const features: Feature[] = vertices.map((v) => ({
    type: "Feature",
    properties: {},
    geometry: { type: "Point", coordinates: v },
  }));
  const polygon = polygonOf(vertices);
  if (polygon) features.push({ type: "Feature", properties: {}, geometry: polygon });
  else if (vertices.length === 2) {
    features.push({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: vertices } });
  }
  return { type: "FeatureCollection", features };
}

/** The drawn polygon: its vertices outlive the panel; the map layers are added by show() and removed by hide(). */
export class PolygonDraw {
  vertices: Vertex[] = [];
  active = false;
  private map: MapLibreMap | null = null;
  onChange: () => void = () => undefined;

  show(map: MapLibreMap): void {
    this.map = map;
    if (!map.getSource(SOURCE)) {
      const source = { id: SOURCE, spec: { type: "geojson" as const, data: drawing(this.vertices) } };
      addLayer(
        map,
        {
          id: LAYERS[0],
          type: "fill",
          source: SOURCE,
          filter: ["==", ["geometry-type"], "Polygon"],
          paint: { "fill-color": "#f39c12", "fill-opacity": 0.2 },
        },
        { source },
      );
      addLayer(map, {
        id: LAYERS[1],
        type: "line",
        source: SOURCE,
        filter: ["!=", ["geometry-type"], "Point"],
        paint: { "line-color": "#d35400", "line-width": 2 },
      });
      addLayer(
        map,
        {
          id: LAYERS[2],
          type: "circle",
          source: SOURCE,
          filter: ["==", ["geometry-type"], "Point"],
          paint: {
            "circle-radius": 5,
            "circle-color": "#ffffff",
            "circle-stroke-color": "#d35400",
            "circle-stroke-width": 2,
          },
        },
        { under: "top" },
      );
    }
    this.redraw();
  }

  hide(app: App): void {
    this.stop(app);
    const map = this.map;
    if (!map) return;
    for (const id of LAYERS) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    this.map = null;
  }

  /** Starts a new polygon: every map click adds a vertex until stop(). */
  start(app: App): void {
    this.vertices = [];
    this.active = true;
    app.captureClick = (lon, lat) => this.add([lon, lat]);
    app.map.getCanvas().style.cursor = "crosshair";
    this.redraw();
  }

  stop(app: App): void {
    if (!this.active) return;
    this.active = false;
    app.captureClick = null;
    app.map.getCanvas().style.cursor = "";
  }

  add(vertex: Vertex): void {
    this.vertices.push([Number(vertex[0].toFixed(6)), Number(vertex[1].toFixed(6))]);
    this.redraw();
  }

  undo(): void {
    this.vertices.pop();
    this.redraw();
  }

  clear(app: App): void {
    this.stop(app);
    this.vertices = [];
    this.redraw();
  }

  polygon(): Polygon | null {
    return polygonOf(this.vertices);
  }

  private redraw(): void {
    this.map?.getSource<GeoJSONSource>(SOURCE)?.setData(drawing(this.vertices));
    this.onChange();
  }
}
