// What the pointer does on the map: a point opens its appeal card, a hexagon or an aggregate zooms in,
// empty ground offers "report a problem here" (a long press on a touch screen opens the form at once).
import { type MapGeoJSONFeature, type MapMouseEvent, type MapTouchEvent, Popup } from "maplibre-gl";

import type { App } from "./app";
import { h } from "./dom";
import { t } from "./i18n";
import { AGGREGATE_LAYERS, POINT_LAYERS } from "./overlays";
import { navigate } from "./panels";

const LONG_PRESS_MS = 550;
const LONG_PRESS_SLOP_PX = 10;
const ZOOM_STEP = 2;

/** The appeal id of a clicked point: the MVT feature id, or `id` of a GeoJSON feature's properties. */
export function appealIdOf(feature: MapGeoJSONFeature): number | null {
  const id = feature.id ?? (feature.properties as { id?: number }).id;
  return typeof id === "number" ? id : Number.isFinite(Number(id)) ? Number(id) : null;
}

/** Opens the report form at (lon, lat), rounded to ~1 cm. */
export function reportAt(lon: number, lat: number, kind: "issue" | "proposal" = "issue"): void {
  navigate("report", "", { lon: lon.toFixed(6), lat: lat.toFixed(6), kind });
}

export function bindMapInteraction(app: App): void {
  const { map } = app;
  const popup = new Popup({ closeButton: true, maxWidth: "260px", className: "gp-here" });
  const interactive = () => [...POINT_LAYERS, ...AGGREGATE_LAYERS].filter((id) => map.getLayer(id));

  map.on("click", (event: MapMouseEvent) => {
    if (app.captureClick) {
      app.captureClick(event.lngLat.lng, event.lngLat.lat);
      return;
    }
    const features = map.queryRenderedFeatures(event.point, { layers: interactive() });
    const point = features.find((feature) => POINT_LAYERS.includes(feature.layer.id as never));
    if (point) {
      const id = appealIdOf(point);
      if (id !== null) navigate("appeal", String(id));
      return;
    }
    if (features.length) {
      map.easeTo({ center: event.lngLat, zoom: Math.min(map.getZoom() + ZOOM_STEP, 19) });
      return;
    }
    const { lng, lat } = event.lngLat;
    if (app.pickLocation) {
      app.pickLocation(lng, lat);
      return;
    }
    const report = h("button", { type: "button", class: "gp-button gp-primary" }, t("map.reportHere"));
    const propose = h("button", { type: "button", class: "gp-button" }, t("map.proposeHere"));
    report.addEventListener("click", () => {
      popup.remove();
      reportAt(lng, lat, "issue");
    });
    propose.addEventListener("click", () => {
      popup.remove();
      reportAt(lng, lat, "proposal");
    });
    popup
      .setLngLat(event.lngLat)
      .setDOMContent(h("div", { class: "gp-here-actions" }, report, propose))
      .addTo(map);
    report.focus();
  });

  map.on("mousemove", (event: MapMouseEvent) => {
    const hit = map.queryRenderedFeatures(event.point, { layers: interactive() }).length > 0;
    map.getCanvas().style.cursor = hit ? "pointer" : "";
  });

  let timer: number | undefined;
  let start: { x: number; y: number } | null = null;
  const cancel = () => {
    window.clearTimeout(timer);
    start = null;
  };
  map.on("touchstart", (event: MapTouchEvent) => {
    cancel();
    if (event.points.length !== 1) return;
    start = { x: event.point.x, y: event.point.y };
    const { lng, lat } = event.lngLat;
    timer = window.setTimeout(() => {
      start = null;
      if (app.pickLocation) app.pickLocation(lng, lat);
      else reportAt(lng, lat);
    }, LONG_PRESS_MS);
  });
  map.on("touchmove", (event: MapTouchEvent) => {
    if (start && Math.hypot(event.point.x - start.x, event.point.y - start.y) > LONG_PRESS_SLOP_PX) cancel();
  });
  map.on("touchend", cancel);
  map.on("touchcancel", cancel);
}
