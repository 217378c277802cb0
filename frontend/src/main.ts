// The public map page at "/": the self-hosted basemap with the municipality boundary, districts and the
// public appeals from /api/v1/… on top.
import {
  AttributionControl,
  type GeoJSONSource,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  type MapLayerMouseEvent,
  NavigationControl,
  Popup,
  ScaleControl,
} from "maplibre-gl";

import { areaColorExpression } from "./colors";
import { type PageConfig, readConfig } from "./config";
import {
  type AppealCollection,
  type AppealProperties,
  type AreaCollection,
  boundsOf,
  fetchAllPages,
  fetchGeoJSON,
  withQuery,
} from "./data";
import { StatusLegend } from "./legend";
import { appealPopupContent } from "./popup";
import { addOverlays, ATTRIBUTION, LAYER, SOURCE } from "./style";

const FIT_PADDING = 24; // px

function showError(message: string): void {
  const box = document.createElement("div");
  box.className = "gp-error";
  box.setAttribute("role", "alert");
  box.textContent = message;
  document.body.append(box);
}

function createMap(config: PageConfig, container: HTMLElement): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: config.style,
    ...(config.bounds
      ? { bounds: config.bounds as LngLatBoundsLike, fitBoundsOptions: { padding: FIT_PADDING } }
      : { center: [0, 0], zoom: 1 }),
    attributionControl: false,
    locale: config.maplibreLocale,
    maxPitch: 0,
  });
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
  map.addControl(new AttributionControl({ compact: false, customAttribution: ATTRIBUTION }), "bottom-right");
  return map;
}

function bindAppealPopup(map: MapLibreMap, config: PageConfig): void {
  const statusLabels = new Map(config.statuses.map(({ code, label }) => [code, label]));
  const popup = new Popup({ maxWidth: "320px" });
  map.on("click", LAYER.appeals, (event: MapLayerMouseEvent) => {
    const feature = event.features?.[0];
    if (!feature || feature.geometry.type !== "Point") return;
    const appeal = feature.properties as AppealProperties;
    popup
      .setLngLat(feature.geometry.coordinates as [number, number])
      .setDOMContent(appealPopupContent(appeal, statusLabels, config.labels, config.locale))
      .addTo(map);
  });
  map.on("mouseenter", LAYER.appeals, () => {
    map.getCanvas().style.cursor = "pointer";
  });
  map.on("mouseleave", LAYER.appeals, () => {
    map.getCanvas().style.cursor = "";
  });
}

async function start(): Promise<void> {
  const config = readConfig(document);
  const container = document.getElementById("map");
  if (!container) throw new Error("#map is missing from the page");

  // Requests start before the map has loaded its style: both take about as long.
  const municipality = fetchGeoJSON<AreaCollection>(withQuery(config.api.areas, { kind: "municipality" }));
  const districts = fetchGeoJSON<AreaCollection>(withQuery(config.api.areas, { kind: "district" }));
  const appeals: Promise<AppealCollection> = fetchAllPages(config.api.appeals);

  const map = createMap(config, container);
  const legend = new StatusLegend(config.labels.legendTitle, config.labels.noAppeals);
  map.addControl(legend, "top-left");
  bindAppealPopup(map, config);
  await map.once("load");
  addOverlays(map);

  const [municipalityData, districtData, appealData] = await Promise.all([municipality, districts, appeals]);
  map.getSource<GeoJSONSource>(SOURCE.municipality)?.setData(municipalityData);
  map.setPaintProperty(
    LAYER.districtsFill,
    "fill-color",
    areaColorExpression(districtData.features.map((f) => f.properties.name)),
  );
  map.getSource<GeoJSONSource>(SOURCE.districts)?.setData(districtData);
  map.getSource<GeoJSONSource>(SOURCE.appeals)?.setData(appealData);

  const counts = new Map<string, number>();
  for (const { properties } of appealData.features) {
    counts.set(properties.status, (counts.get(properties.status) ?? 0) + 1);
  }
  legend.update(config.statuses, counts);

  if (!config.bounds) {
    const bounds = boundsOf(municipalityData) ?? boundsOf(appealData);
    if (bounds) map.fitBounds(bounds, { padding: FIT_PADDING, animate: false });
  }
}

start().catch((error: unknown) => {
  console.error(error);
  let message = "Error";
  try {
    message = readConfig(document).labels.loadError;
  } catch {
    // Without the config there is no translated message; keep the generic one.
  }
  showError(message);
});
