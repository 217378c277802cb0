// Export of the current view: the public appeals inside the visible map as GeoJSON (the streaming
// /api/v1/appeals/export.geojson?bbox=…) or as CSV built here from GET /api/v1/appeals?bbox=… pages.
import type { FeatureCollection, Point } from "geojson";

import { api, url } from "../api";
import type { App } from "../app";
import { h } from "../dom";
import { t } from "../i18n";

const MAX_PAGES = 20; // 20 × 10,000 appeals; larger views go through the GeoJSON export
const COLUMNS = [
  "id",
  "kind",
  "category",
  "category_name",
  "status",
  "created_at",
  "address",
  "supports_count",
  "lon",
  "lat",
  "text",
];

type AppealPage = FeatureCollection<Point, Record<string, unknown>> & { properties?: { next?: string | null } };

/** The visible map as `west,south,east,north` (degrees, 6 decimals). */
export function viewBbox(app: App): string {
  const bounds = app.map.getBounds();
  return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((v) => v.toFixed(6)).join(",");
}

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function appealsCsv(bbox: string): Promise<{ csv: string; count: number }> {
  const lines = [COLUMNS.join(",")];
  let next: string | null = url("/api/v1/appeals", { bbox, limit: 10000 });
  for (let page = 0; next && page < MAX_PAGES; page += 1) {
    const collection: AppealPage = await api<AppealPage>(next);
    for (const feature of collection.features) {
      const [lon, lat] = feature.geometry.coordinates;
      const row: Record<string, unknown> = { ...feature.properties, lon, lat };
      lines.push(COLUMNS.map((column) => csvCell(row[column])).join(","));
    }
    next = collection.properties?.next ?? null;
  }
  return { csv: `\ufeff${lines.join("\r\n")}\r\n`, count: lines.length - 1 };
}

function download(name: string, blob: Blob): void {
  const link = h("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function exportSection(app: App): HTMLElement {
  const geojson = h(
    "a",
    { class: "gp-button", href: "#", download: "appeals.geojson", "data-action": "export-geojson" },
    t("planner.exportGeojson"),
  );
  // The link follows the view: its href is set just before the browser follows it.
  const refresh = () => {
    geojson.href = url("/api/v1/appeals/export.geojson", { bbox: viewBbox(app) });
  };
  geojson.addEventListener("focus", refresh);
  geojson.addEventListener("mouseenter", refresh);
  geojson.addEventListener("click", refresh);
  const csv = h("button", { type: "button", class: "gp-button", "data-action": "export-csv" }, t("planner.exportCsv"));
  csv.addEventListener("click", () => {
    app.shell
      .busy(appealsCsv(viewBbox(app)))
      .then(({ csv: text, count }) => {
        download("appeals.csv", new Blob([text], { type: "text/csv;charset=utf-8" }));
        app.shell.notice(t("planner.exported", { count }));
      })
      .catch((error: unknown) => app.shell.error(error));
  });
  return h(
    "section",
    { class: "gp-export" },
    h("h3", {}, t("planner.export")),
    h("p", { class: "gp-hint" }, t("planner.exportHint")),
    h("div", { class: "gp-actions" }, geojson, csv),
  );
}
