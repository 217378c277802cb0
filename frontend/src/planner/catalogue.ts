// The planner's layer catalogue (#/planner): each layer of GET /api/v1/layers with a toggle, an opacity
// slider and its legend, drawn from its own vector tiles with the style the server keeps for it. The
// layers stay on the map when the panel closes.
import type { LayerSpecification, Map as MapLibreMap } from "maplibre-gl";

import { api } from "../api";
import type { App } from "../app";
import { swatch } from "../charts";
import { h } from "../dom";
import { t } from "../i18n";
import { addLayer, tileUrl } from "../overlays";
import type { PanelSpec } from "../panels";
import { exportSection } from "./export";
import { uploadSection } from "./upload";

export interface CatalogueLayer {
  slug: string;
  title: string;
  description: string;
  access: "public" | "internal";
  feature_count: number;
  geometry_types: string[];
  style: { layers?: StyleLayer[] } | null;
  legend: { label: string; color: string }[];
}

type StyleLayer = {
  id: string;
  type: string;
  paint?: Record<string, unknown>;
  layout?: Record<string, unknown>;
} & Record<string, unknown>;

/** The paint properties that carry a layer type's opacity. */
const OPACITY: Record<string, string[]> = {
  fill: ["fill-opacity"],
  line: ["line-opacity"],
  circle: ["circle-opacity", "circle-stroke-opacity"],
  symbol: ["text-opacity", "icon-opacity"],
  heatmap: ["heatmap-opacity"],
  "fill-extrusion": ["fill-extrusion-opacity"],
};

const state = new Map<string, { on: boolean; opacity: number; ids: string[] }>();

function fallbackStyle(layer: CatalogueLayer): StyleLayer[] {
  const types = layer.geometry_types.join(" ");
  if (types.includes("Polygon"))
    return [{ id: "fill", type: "fill", paint: { "fill-color": "#1f78b4", "fill-opacity": 0.4 } }];
  if (types.includes("Line"))
    return [{ id: "line", type: "line", paint: { "line-color": "#1f78b4", "line-width": 2 } }];
  return [{ id: "circle", type: "circle", paint: { "circle-color": "#1f78b4", "circle-radius": 4 } }];
}

function mapIds(layer: CatalogueLayer): string[] {
  const style = layer.style?.layers?.length ? layer.style.layers : fallbackStyle(layer);
  return style.map((s) => `planner-${layer.slug}-${s.id}`);
}

function ensureOnMap(map: MapLibreMap, layer: CatalogueLayer): string[] {
  const source = `planner-${layer.slug}`;
  const style = layer.style?.layers?.length ? layer.style.layers : fallbackStyle(layer);
  const ids = mapIds(layer);
  style.forEach((spec, i) => {
    if (map.getLayer(ids[i])) return;
    const { id: _id, metadata: _m, ...rest } = spec;
    addLayer(map, { ...rest, id: ids[i], source, "source-layer": layer.slug } as unknown as LayerSpecification, {
      source: { id: source, spec: { type: "vector", tiles: [tileUrl(layer.slug)], minzoom: 0, maxzoom: 16 } },
      under: spec.type === "circle" || spec.type === "symbol" ? "top" : "labels",
    });
  });
  return ids;
}

function setVisible(map: MapLibreMap, ids: string[], on: boolean): void {
  for (const id of ids) if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", on ? "visible" : "none");
}

function setOpacity(map: MapLibreMap, ids: string[], opacity: number): void {
  for (const id of ids) {
    const layer = map.getLayer(id);
    for (const property of OPACITY[layer?.type ?? ""] ?? [])
      map.setPaintProperty(id, property as "fill-opacity", opacity);
  }
}

function legendOf(layer: CatalogueLayer): HTMLElement | null {
  if (!layer.legend.length) return null;
  return h(
    "ul",
    { class: "gp-legend-list", "aria-label": t("planner.legend") },
    ...layer.legend.map((entry) => h("li", {}, swatch(entry.color), entry.label)),
  );
}

function layerRow(app: App, layer: CatalogueLayer): HTMLElement {
  const entry = state.get(layer.slug) ?? { on: false, opacity: 1, ids: mapIds(layer) };
  state.set(layer.slug, entry);
  const toggle = h("input", {
    type: "checkbox",
    name: `layer-${layer.slug}`,
    checked: entry.on,
    "aria-label": t("planner.show", { title: layer.title }),
  });
  const opacity = h("input", {
    type: "range",
    min: 0,
    max: 1,
    step: 0.05,
    value: entry.opacity,
    disabled: !entry.on,
    "aria-label": `${t("planner.opacity")}: ${layer.title}`,
  });
  toggle.addEventListener("change", () => {
    entry.on = toggle.checked;
    if (entry.on) {
      entry.ids = ensureOnMap(app.map, layer);
      setOpacity(app.map, entry.ids, entry.opacity);
    }
    setVisible(app.map, entry.ids, entry.on);
    opacity.disabled = !entry.on;
  });
  opacity.addEventListener("input", () => {
    entry.opacity = Number(opacity.value);
    setOpacity(app.map, entry.ids, entry.opacity);
  });
  return h(
    "li",
    { class: "gp-catalogue-item", "data-layer": layer.slug },
    h("label", { class: "gp-choice" }, toggle, h("strong", {}, layer.title)),
    h(
      "span",
      { class: "gp-hint" },
      t("planner.features", { count: layer.feature_count }),
      layer.access === "internal" ? ` · ${t("planner.internal")}` : "",
    ),
    layer.description ? h("p", { class: "gp-hint" }, layer.description) : null,
    h("label", { class: "gp-opacity" }, t("planner.opacity"), opacity),
    legendOf(layer),
  );
}

export const cataloguePanel: PanelSpec = {
  id: "planner",
  order: 60,
  menu: (app) => app.hasRole("planner") || app.hasRole("admin"),
  title: () => t("planner.layers"),
  async render(app) {
    const layers = await api<CatalogueLayer[]>("/api/v1/layers");
    return h(
      "div",
      { class: "gp-planner" },
      layers.length
        ? h("ul", { class: "gp-catalogue" }, ...layers.map((layer) => layerRow(app, layer)))
        : h("p", { class: "gp-muted" }, t("planner.layersEmpty")),
      uploadSection(app, layers),
      exportSection(app),
    );
  },
};
