// Duplicate suggestions while filing: open appeals of the chosen category near the pin
// (GET /api/v1/appeals/nearby), each with its own "me too".
import type { FeatureCollection, Point } from "geojson";

import { API, api } from "../api";
import type { App } from "../app";
import { h } from "../dom";
import { t } from "../i18n";
import { type AppealDetail, statusBadge } from "./appeal";
import { supportControl } from "./support";

export async function nearbyList(
  app: App,
  where: { lon: number; lat: number; category: string; email: string },
  signal: AbortSignal,
): Promise<HTMLElement> {
  const found = await api<FeatureCollection<Point, AppealDetail>>(API.nearby, {
    query: { lon: where.lon.toFixed(6), lat: where.lat.toFixed(6), category: where.category, limit: 5 },
    signal,
  });
  if (!found.features.length) return h("div", {});
  const items = found.features.map(({ properties: appeal }) =>
    h(
      "li",
      { class: "gp-duplicate", "data-appeal": String(appeal.id) },
      h(
        "a",
        { href: `#/appeal/${appeal.id}` },
        appeal.category_name,
        " · ",
        t("report.distance", { distance: Math.round(appeal.distance_m ?? 0) }),
      ),
      " ",
      statusBadge(appeal.status),
      h("p", { class: "gp-snippet" }, appeal.text.length > 140 ? `${appeal.text.slice(0, 140)}…` : appeal.text),
      supportControl(app, appeal.id, t("report.meToo"), where.email),
    ),
  );
  return h(
    "div",
    { class: "gp-duplicates-box", role: "region", "aria-label": t("report.duplicates") },
    h("h3", {}, t("report.duplicates")),
    h("p", { class: "gp-hint" }, t("report.duplicatesHint")),
    h("ul", { class: "gp-list" }, ...items),
  );
}
