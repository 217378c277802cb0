// The tension heatmap: H3 hexagons with the 0–100 index from GET /api/v1/tension/hexes for the time
// window and categories chosen in the layers panel, at a resolution that suits the zoom, for the view.
import type { FeatureCollection } from "geojson";
import type { GeoJSONSource } from "maplibre-gl";

import { API, ApiError, api } from "../api";
import type { App } from "../app";
import { t } from "../i18n";
import { EMPTY, ensureTensionLayers, SOURCE, setGroupVisible } from "../overlays";

const MOVE_DEBOUNCE_MS = 250;

export interface TensionQuery {
  /** Local dates YYYY-MM-DD, inclusive; "" = the server's default window (the last days up to today in
   * the municipality's time zone, which the browser may not share). */
  from: string;
  to: string;
  /** Category codes; empty = every category. */
  categories: string[];
}

/** H3 resolution for a zoom: hexagons of roughly 20–60 px on screen (res 7 ≈ 2.6 km, res 10 ≈ 140 m
 * edge to edge). The API serves 7–10. */
export function resolutionFor(zoom: number): number {
  if (zoom < 11.5) return 7;
  if (zoom < 13) return 8;
  if (zoom < 14.5) return 9;
  return 10;
}

/** The query of GET /api/v1/tension/hexes for a window, categories, resolution and view. */
export function hexesQuery(query: TensionQuery, res: number, bbox: number[]): Record<string, string> {
  return {
    res: String(res),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    ...(query.categories.length ? { category: query.categories.join(",") } : {}),
    bbox: bbox.map((value) => value.toFixed(5)).join(","),
  };
}

export class TensionLayer {
  private query: TensionQuery | null = null;
  private abort: AbortController | null = null;
  private timer: number | undefined;
  private unavailable = false;
  private readonly onMove = () => {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.load(), MOVE_DEBOUNCE_MS);
  };

  constructor(private readonly app: App) {}

  /** Shows the heatmap for `query`, following the view; null hides it and stops asking. */
  show(query: TensionQuery | null): void {
    const { map } = this.app;
    this.query = query;
    if (!query) {
      map.off("moveend", this.onMove);
      this.abort?.abort();
      setGroupVisible(map, "tension", false);
      return;
    }
    ensureTensionLayers(map);
    setGroupVisible(map, "tension", true);
    map.off("moveend", this.onMove);
    map.on("moveend", this.onMove);
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.query || this.unavailable) return;
    const { map, shell } = this.app;
    const bounds = map.getBounds();
    const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const hexes = await shell.busy(
        api<FeatureCollection>(API.tensionHexes, {
          query: hexesQuery(this.query, resolutionFor(map.getZoom()), bbox),
          signal: abort.signal,
        }),
      );
      if (this.query) map.getSource<GeoJSONSource>(SOURCE.tension)?.setData(hexes);
    } catch (error) {
      if (abort.signal.aborted) return;
      if (error instanceof ApiError && error.status === 404) {
        this.unavailable = true;
        map.getSource<GeoJSONSource>(SOURCE.tension)?.setData(EMPTY);
        shell.notice(t("layers.tensionUnavailable"));
        return;
      }
      shell.error(error);
    }
  }
}
