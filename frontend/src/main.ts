// The public map page at "/": the shell (header, panel, messages), the map with our overlays, the resident
// panels and whatever plugins.ts brings (planner, operator). Start-up order: language, shell, map, user.
import {
  AttributionControl,
  type ErrorEvent,
  type GeoJSONSource,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
} from "maplibre-gl";

import { App } from "./app";
import { areaColorExpression } from "./colors";
import { readConfig } from "./config";
import { type AreaCollection, boundsOf, fetchGeoJSON, withQuery } from "./data";
import { initLocale, t } from "./i18n";
import { bindMapInteraction } from "./interaction";
import { addOverlays, ATTRIBUTION, LAYER, SOURCE } from "./overlays";
import { startRouter } from "./panels";
import { installPlugins } from "./plugins";
import { installResident } from "./resident";
import { Shell } from "./shell";

const FIT_PADDING = 24; // px

function createMap(
  container: HTMLElement,
  style: string,
  bounds: LngLatBoundsLike | null,
  locale: Record<string, string>,
): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style,
    ...(bounds ? { bounds, fitBoundsOptions: { padding: FIT_PADDING } } : { center: [0, 0], zoom: 1 }),
    attributionControl: false,
    locale,
    maxPitch: 0,
    dragRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
  map.addControl(new AttributionControl({ compact: true, customAttribution: ATTRIBUTION }), "bottom-right");
  return map;
}

/** The municipality and its districts (GeoJSON, small): requested at once, drawn when both arrive. */
function fetchAreas(areas: string): Promise<[AreaCollection, AreaCollection]> {
  return Promise.all([
    fetchGeoJSON<AreaCollection>(withQuery(areas, { kind: "municipality" })),
    fetchGeoJSON<AreaCollection>(withQuery(areas, { kind: "district" })),
  ]);
}

async function showAreas(app: App, areas: Promise<[AreaCollection, AreaCollection]>): Promise<void> {
  const [municipality, districts] = await areas;
  app.districts = districts;
  app.map.getSource<GeoJSONSource>(SOURCE.municipality)?.setData(municipality);
  app.map.setPaintProperty(
    LAYER.districtsFill,
    "fill-color",
    areaColorExpression(districts.features.map((f) => f.properties.name)),
  );
  app.map.getSource<GeoJSONSource>(SOURCE.districts)?.setData(districts);
  if (!app.config.bounds) {
    const bounds = boundsOf(municipality);
    if (bounds) app.map.fitBounds(bounds, { padding: FIT_PADDING, animate: false });
  }
}

/** Tile and source errors become one message per source (never a console error); the tension layer may
 * not exist on an older server, which is said once in plain words. */
function watchMapErrors(app: App): void {
  const told = new Set<string>();
  app.map.on("error", (event: ErrorEvent & { sourceId?: string }) => {
    const source = event.sourceId;
    if (!source) {
      console.warn(event.error);
      return;
    }
    if (told.has(source)) return;
    told.add(source);
    app.shell.notice(source === SOURCE.tension ? t("layers.tensionUnavailable") : t("layers.tileError", { source }));
  });
}

/** Keeps the map's centre in the part the panel leaves visible: left of a side panel, above a sheet. */
function padForPanel(map: MapLibreMap, panel: HTMLElement): void {
  const phone = window.matchMedia("(max-width: 700px)");
  const update = (): void => {
    // setPadding jumps, which would cut short a flight that a panel has just started (the report pin).
    if (map.isMoving()) {
      map.once("moveend", update);
      return;
    }
    const box = panel.hidden ? null : panel.getBoundingClientRect();
    map.setPadding({
      top: 0,
      right: 0,
      left: box && !phone.matches ? box.width : 0,
      bottom: box && phone.matches ? box.height : 0,
    });
  };
  new ResizeObserver(update).observe(panel);
  phone.addEventListener("change", update);
}

async function start(): Promise<void> {
  initLocale();
  const config = readConfig(document);
  const shell = new Shell(document);
  const container = document.getElementById("map");
  if (!container) throw new Error("#map is missing from the page");
  const map = createMap(container, config.style, config.bounds as LngLatBoundsLike | null, config.maplibreLocale);
  const app = new App(config, map, shell);
  const panel = document.getElementById("gp-panel");
  if (panel) padForPanel(map, panel);
  (window as unknown as { geoportal: App }).geoportal = app; // for the browser tests and the console

  shell.setPending(+1);
  map.once("idle", () => {
    shell.setPending(-1);
    performance.mark("gp-map-idle"); // read by bench/web_load.py: the first idle map since navigation
  });
  const me = app.refreshMe().catch((error: unknown) => shell.error(error));
  const areas = fetchAreas(config.api.areas);
  watchMapErrors(app);
  // Our sources go in as soon as the basemap style is parsed, so their tiles load beside the basemap's
  // rather than after its first full render ("load").
  await map.once("style.load");
  addOverlays(map);
  bindMapInteraction(app);
  installResident(app);
  installPlugins(app);
  await me;
  startRouter(app, shell);
  await shell.busy(showAreas(app, areas));
}

start().catch((error: unknown) => {
  console.warn(error);
  const box = document.createElement("div");
  box.className = "gp-toast gp-toast-error";
  box.setAttribute("role", "alert");
  box.textContent = t("app.loadError");
  (document.getElementById("gp-toasts") ?? document.body).append(box);
  document.getElementById("gp-loading")?.setAttribute("hidden", "");
});
