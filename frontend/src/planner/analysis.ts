// The area analysis panel (#/analysis): draw a polygon (or choose a district) → POST /api/v1/analysis/area
// → counts of appeals, properties and assets with small bar charts.
import { api } from "../api";
import type { App } from "../app";
import { barChart, figure } from "../charts";
import { STATUS_COLORS } from "../colors";
import { field, h } from "../dom";
import { getLocale, t } from "../i18n";
import type { PanelSpec } from "../panels";
import { PolygonDraw } from "./draw";

interface Counts {
  count: number;
  open: number;
  overdue: number;
  overdue_pct: number | null;
}

export interface AreaAnalysis {
  area: { name: string | null; area_km2: number; population: number | null };
  appeals: {
    scope: "public" | "all";
    total: Counts;
    by_category: (Counts & { code: string; name_ru: string; name_en: string })[];
    by_status: (Counts & { status: string; name: string })[];
  };
  properties: { count: number; buildings: { count: number; floor_area_m2: number } };
  assets: { count: number; length_m: number };
}

const draw = new PolygonDraw();
let lastResult: { request: object; result: AreaAnalysis } | null = null;
let districtId = "";

function number(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString(getLocale(), { maximumFractionDigits: digits });
}

function resultView(result: AreaAnalysis, request: object): HTMLElement {
  const { appeals } = result;
  const categories = [...appeals.by_category].sort((a, b) => b.count - a.count).slice(0, 8);
  return h(
    "section",
    { class: "gp-analysis", "aria-live": "polite", "data-request": JSON.stringify(request) },
    h("h3", {}, result.area.name ?? t("planner.result")),
    h(
      "p",
      { class: "gp-muted" },
      t("planner.areaKm2", { value: number(result.area.area_km2, 3) }),
      result.area.population !== null ? ` · ${t("planner.population", { value: number(result.area.population) })}` : "",
    ),
    h("h4", {}, t("planner.appeals")),
    h(
      "div",
      { class: "gp-figures" },
      figure(t("planner.total"), number(appeals.total.count), "appeals-total"),
      figure(t("planner.open"), number(appeals.total.open), "appeals-open"),
      figure(t("planner.overdue"), number(appeals.total.overdue), "appeals-overdue"),
      figure(
        t("planner.overduePct"),
        appeals.total.overdue_pct === null ? "—" : `${number(appeals.total.overdue_pct, 1)} %`,
        "appeals-overdue-pct",
      ),
    ),
    h("p", { class: "gp-hint" }, t(appeals.scope === "all" ? "planner.scopeAll" : "planner.scopePublic")),
    categories.length ? h("h4", {}, t("planner.byCategory")) : null,
    categories.length
      ? barChart(
          t("planner.byCategory"),
          categories.map((c) => ({ label: getLocale() === "en" ? c.name_en || c.name_ru : c.name_ru, value: c.count })),
        )
      : null,
    appeals.by_status.length ? h("h4", {}, t("planner.byStatus")) : null,
    appeals.by_status.length
      ? barChart(
          t("planner.byStatus"),
          appeals.by_status.map((s) => ({ label: s.name, value: s.count, color: STATUS_COLORS[s.status] })),
        )
      : null,
    h(
      "div",
      { class: "gp-figures" },
      figure(t("planner.properties"), number(result.properties.count), "properties"),
      figure(t("planner.buildings"), number(result.properties.buildings.count), "buildings"),
      figure(t("planner.floorArea"), number(result.properties.buildings.floor_area_m2), "floor-area"),
      figure(t("planner.assets"), number(result.assets.count), "assets"),
      figure(t("planner.roadsLength"), number(result.assets.length_m), "assets-length"),
    ),
  );
}

async function analyse(app: App, request: object, slot: HTMLElement): Promise<void> {
  try {
    const result = await app.shell.busy(api<AreaAnalysis>("/api/v1/analysis/area", { json: request }));
    lastResult = { request, result };
    slot.replaceChildren(resultView(result, request));
  } catch (error) {
    app.shell.error(error);
  }
}

export const analysisPanel: PanelSpec = {
  id: "analysis",
  order: 61,
  menu: (app) => app.hasRole("planner") || app.hasRole("admin"),
  title: () => t("planner.area"),
  render(app) {
    const slot = h("div", {});
    if (lastResult) slot.append(resultView(lastResult.result, lastResult.request));
    const status = h("p", { class: "gp-hint", role: "status" });
    const start = h(
      "button",
      { type: "button", class: "gp-button gp-primary", "data-action": "draw" },
      t("planner.draw"),
    );
    const centre = h("button", { type: "button", class: "gp-button" }, t("planner.addCentre"));
    const undo = h("button", { type: "button", class: "gp-button" }, t("planner.undo"));
    const finish = h(
      "button",
      { type: "button", class: "gp-button gp-primary", "data-action": "finish" },
      t("planner.finish"),
    );
    const clear = h("button", { type: "button", class: "gp-button" }, t("planner.clear"));
    const drawingTools = h("div", { class: "gp-actions" }, centre, undo, finish, clear);
    const sync = () => {
      drawingTools.hidden = !draw.active;
      start.hidden = draw.active;
      status.textContent = draw.active ? t("planner.drawing", { count: draw.vertices.length }) : "";
    };
    draw.onChange = sync;
    start.addEventListener("click", () => draw.start(app));
    centre.addEventListener("click", () => {
      const { lng, lat } = app.map.getCenter();
      draw.add([lng, lat]);
    });
    undo.addEventListener("click", () => draw.undo());
    clear.addEventListener("click", () => draw.clear(app));
    finish.addEventListener("click", () => {
      const geometry = draw.polygon();
      if (!geometry) {
        app.shell.notice(t("planner.needThree"));
        return;
      }
      draw.stop(app);
      sync();
      districtSelect.value = "";
      void analyse(app, { geometry }, slot);
    });
    const districtSelect = h(
      "select",
      { name: "district" },
      h("option", { value: "" }, t("planner.districtNone")),
      ...app.districts.features.map((f) =>
        h(
          "option",
          { value: String(f.properties.id), selected: String(f.properties.id) === districtId },
          f.properties.name,
        ),
      ),
    );
    districtSelect.addEventListener("change", () => {
      districtId = districtSelect.value;
      if (!districtId) return;
      draw.clear(app);
      void analyse(app, { area: Number(districtId) }, slot);
    });
    draw.show(app.map);
    sync();
    const node = h(
      "div",
      { class: "gp-planner" },
      h("p", { class: "gp-hint" }, t("planner.areaHint")),
      h("div", { class: "gp-actions" }, start),
      drawingTools,
      status,
      h("div", { class: "gp-form" }, field(t("planner.district"), districtSelect)),
      slot,
    );
    return { node, dispose: () => draw.hide(app) };
  },
};
