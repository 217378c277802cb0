// The "my appeals" map layer: the appeals filed from this browser (store.ts), drawn over everything.
import type { GeoJSONSource } from "maplibre-gl";

import type { App } from "../app";
import { SOURCE } from "../overlays";
import { storedCollection } from "./store";

export function refreshMine(app: App): void {
  app.map.getSource<GeoJSONSource>(SOURCE.mine)?.setData(storedCollection());
}
