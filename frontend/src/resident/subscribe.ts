// Subscribe to an area (#/subscribe): a district, or the part of the map in view as a drawn polygon;
// the server e-mails a confirmation link (POST /api/v1/subscriptions).
import { API, api } from "../api";
import type { App } from "../app";
import { field, h } from "../dom";
import { t } from "../i18n";
import type { PanelSpec } from "../panels";

const VIEW = "view";

/** The map's visible rectangle as a GeoJSON Polygon (lon, lat; counter-clockwise). */
function viewPolygon(app: App): object {
  const bounds = app.map.getBounds();
  const [west, south, east, north] = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(
    (value) => Number(value.toFixed(6)),
  );
  return {
    type: "Polygon",
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

export const subscribePanel: PanelSpec = {
  id: "subscribe",
  order: 40,
  menu: () => true,
  title: () => t("subscribe.title"),
  render(app) {
    const area = h("select", { name: "area" });
    area.append(h("option", { value: VIEW }, t("subscribe.view")));
    for (const district of app.districts.features) {
      area.append(h("option", { value: String(district.properties.id) }, district.properties.name));
    }
    const email = h("input", { type: "email", name: "email", required: true, autocomplete: "email" });
    email.value = app.me.email ?? "";
    const form = h(
      "form",
      { class: "gp-form" },
      h("p", { class: "gp-hint" }, t("subscribe.hint")),
      field(t("subscribe.area"), area),
      field(t("subscribe.email"), email),
      h("button", { type: "submit", class: "gp-button gp-primary" }, t("subscribe.submit")),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const target = area.value === VIEW ? { geometry: viewPolygon(app) } : { area: Number(area.value) };
      app.shell
        .busy(api(API.subscriptions, { json: { email: email.value.trim(), ...target } }))
        .then(() => form.replaceWith(h("p", { role: "status", class: "gp-done" }, t("subscribe.done"))))
        .catch((error: unknown) => app.shell.error(error));
    });
    return form;
  },
};
