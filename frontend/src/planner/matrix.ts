// The tension panel (#/matrix): the Gi* hotspots layer (GET /api/v1/tension/hotspots, GeoJSON) and the
// digital matrix per district or ТОС as a table (GET /api/v1/tension/matrix) and as a choropleth
// (/tiles/tension-matrix/{z}/{x}/{y}.mvt, layer `tension_matrix`). Both endpoints arrived after the map:
// each is requested only when the server's OpenAPI document lists it (./available.ts).
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, VectorTileSource } from "maplibre-gl";

import { api } from "../api";
import { swatch } from "../charts";
import { field, h } from "../dom";
import { getLocale, t } from "../i18n";
import { addLayer, TENSION_STOPS } from "../overlays";
import type { PanelSpec } from "../panels";
import { serverHas } from "./available";

const HOTSPOTS = "/api/v1/tension/hotspots";
const MATRIX = "/api/v1/tension/matrix";
const HOT_SOURCE = "planner-hotspots";
const HOT_LAYERS = ["planner-hotspots-fill", "planner-hotspots-line"];
const CHORO_SOURCE = "planner-matrix";
const CHORO_LAYERS = ["planner-matrix-fill", "planner-matrix-line"];

interface MatrixArea {
  id: number;
  name: string;
  population: number | null;
  appeals: number;
  per_1000: number | null;
  overdue: number;
  overdue_share: number | null;
  median_answer_days: number | null;
  tension_mean: number;
  tension_max: number;
  trend: string;
  top_categories: { code: string; name: string; count: number }[];
}

const state = { hotspots: false, choropleth: false, level: "district" as "district" | "tos" };

const tensionColor = [
  "interpolate",
  ["linear"],
  ["coalesce", ["get", "tension_mean"], 0],
  ...TENSION_STOPS.flat(),
] as unknown as ExpressionSpecification;

function showHotspots(map: MapLibreMap, on: boolean): void {
  if (on && !map.getSource(HOT_SOURCE)) {
    const source = { id: HOT_SOURCE, spec: { type: "geojson" as const, data: `${window.location.origin}${HOTSPOTS}` } };
    addLayer(
      map,
      {
        id: HOT_LAYERS[0],
        type: "fill",
        source: HOT_SOURCE,
        filter: ["!=", ["get", "class"], "none"],
        paint: {
          "fill-color": ["match", ["get", "class"], "hot", "#d7301f", "cold", "#2166ac", "#cccccc"],
          "fill-opacity": 0.5,
        },
      },
      { source },
    );
    addLayer(map, {
      id: HOT_LAYERS[1],
      type: "line",
      source: HOT_SOURCE,
      filter: ["==", ["get", "emerging"], true],
      paint: { "line-color": "#67000d", "line-width": 2.5 },
    });
  } else if (on) {
    map.getSource<GeoJSONSource>(HOT_SOURCE)?.setData(`${window.location.origin}${HOTSPOTS}`);
  }
  for (const id of HOT_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", on ? "visible" : "none");
}

function showChoropleth(map: MapLibreMap, on: boolean, level: string): void {
  const tiles = [`${window.location.origin}/tiles/tension-matrix/{z}/{x}/{y}.mvt?level=${level}`];
  const existing = map.getSource<VectorTileSource>(CHORO_SOURCE);
  if (on && !existing) {
    const source = { id: CHORO_SOURCE, spec: { type: "vector" as const, tiles, minzoom: 0, maxzoom: 16 } };
    addLayer(
      map,
      {
        id: CHORO_LAYERS[0],
        type: "fill",
        source: CHORO_SOURCE,
        "source-layer": "tension_matrix",
        paint: { "fill-color": tensionColor, "fill-opacity": 0.55 },
      },
      { source },
    );
    addLayer(map, {
      id: CHORO_LAYERS[1],
      type: "line",
      source: CHORO_SOURCE,
      "source-layer": "tension_matrix",
      paint: { "line-color": "#52606d", "line-width": 1 },
    });
  } else if (on && existing) {
    existing.setTiles(tiles);
  }
  for (const id of CHORO_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", on ? "visible" : "none");
}

function fmt(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined
    ? "—"
    : value.toLocaleString(getLocale(), { maximumFractionDigits: digits });
}

function matrixTable(areas: MatrixArea[]): HTMLElement {
  if (!areas.length) return h("p", { class: "gp-muted" }, t("planner.matrixEmpty"));
  const headers = [
    t("planner.name"),
    t("matrix.appeals"),
    t("matrix.per1000"),
    t("matrix.overdueShare"),
    t("matrix.median"),
    t("matrix.tensionMean"),
    t("matrix.tensionMax"),
    t("matrix.trend"),
    t("matrix.top"),
  ];
  const tensionSwatch = (value: number) =>
    swatch(([...TENSION_STOPS].reverse().find(([from]) => value >= from) ?? TENSION_STOPS[0])[1]);
  return h(
    "div",
    { class: "gp-table-wrap", tabindex: "0", role: "region", "aria-label": t("planner.matrix") },
    h(
      "table",
      { class: "gp-table", "data-table": "matrix" },
      h("thead", {}, h("tr", {}, ...headers.map((text) => h("th", { scope: "col" }, text)))),
      h(
        "tbody",
        {},
        ...areas.map((area) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, area.name),
            h("td", {}, fmt(area.appeals, 0)),
            h("td", {}, fmt(area.per_1000, 2)),
            h("td", {}, area.overdue_share === null ? "—" : `${fmt(area.overdue_share * 100)} %`),
            h("td", {}, fmt(area.median_answer_days)),
            h("td", {}, tensionSwatch(area.tension_mean), fmt(area.tension_mean)),
            h("td", {}, fmt(area.tension_max)),
            h("td", {}, t(`matrix.trend.${area.trend}`)),
            h("td", {}, area.top_categories.map((c) => `${c.name} (${c.count})`).join(", ")),
          ),
        ),
      ),
    ),
  );
}

export const matrixPanel: PanelSpec = {
  id: "matrix",
  order: 62,
  menu: (app) => app.hasRole("planner") || app.hasRole("admin"),
  title: () => t("planner.tension"),
  async render(app) {
    const [hasHotspots, hasMatrix] = await Promise.all([serverHas(HOTSPOTS), serverHas(MATRIX)]);
    const hot = h("input", { type: "checkbox", name: "hotspots", checked: state.hotspots, disabled: !hasHotspots });
    hot.addEventListener("change", () => {
      state.hotspots = hot.checked;
      showHotspots(app.map, state.hotspots);
    });
    const hotLegend = h(
      "ul",
      { class: "gp-legend-list" },
      ...[
        ["#d7301f", t("planner.hot")],
        ["#2166ac", t("planner.cold")],
        ["#67000d", t("planner.emerging")],
      ].map(([color, label]) => h("li", {}, swatch(color), label)),
    );
    const hotspots = h(
      "section",
      {},
      h("h3", {}, t("planner.hotspots")),
      h("label", { class: "gp-choice" }, hot, t("planner.hotspots")),
      h("p", { class: "gp-hint" }, hasHotspots ? t("planner.hotspotsHint") : t("planner.unavailable")),
      hasHotspots ? hotLegend : null,
    );
    const matrix = h("section", {}, h("h3", {}, t("planner.matrix")));
    if (!hasMatrix) {
      matrix.append(h("p", { class: "gp-hint" }, t("planner.unavailable")));
    } else {
      const level = h(
        "select",
        { name: "level" },
        h("option", { value: "district", selected: state.level === "district" }, t("planner.levelDistrict")),
        h("option", { value: "tos", selected: state.level === "tos" }, t("planner.levelTos")),
      );
      const choro = h("input", { type: "checkbox", name: "choropleth", checked: state.choropleth });
      const table = h("div", {});
      const load = async () => {
        const document = await app.shell.busy(api<{ areas: MatrixArea[] }>(MATRIX, { query: { level: state.level } }));
        table.replaceChildren(matrixTable(document.areas));
      };
      level.addEventListener("change", () => {
        state.level = level.value === "tos" ? "tos" : "district";
        if (state.choropleth) showChoropleth(app.map, true, state.level);
        load().catch((error: unknown) => app.shell.error(error));
      });
      choro.addEventListener("change", () => {
        state.choropleth = choro.checked;
        showChoropleth(app.map, state.choropleth, state.level);
      });
      matrix.append(
        h("div", { class: "gp-form" }, field(t("planner.level"), level)),
        h("label", { class: "gp-choice" }, choro, t("planner.choropleth")),
        table,
      );
      await load();
    }
    return h("div", { class: "gp-planner" }, hotspots, matrix);
  },
};
