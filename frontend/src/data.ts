// Reading the public REST API (/api/v1/…): GeoJSON FeatureCollections, coordinates (lon, lat) EPSG:4326.
import type { FeatureCollection, MultiPolygon, Position } from "geojson";

import type { Bbox } from "./config";

export interface AreaProperties {
  id: number;
  kind: string;
  name: string;
  code: string;
  population: number | null;
  parent: number | null;
}

export type AreaCollection = FeatureCollection<MultiPolygon, AreaProperties>;

/** GET a GeoJSON document from our own API; throws with the API's `detail` on an HTTP error. */
export async function fetchGeoJSON<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    headers: { Accept: "application/geo+json, application/json" },
    credentials: "same-origin",
    signal,
  });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = ((await response.json()) as { detail?: string }).detail ?? detail;
    } catch {
      // The body was not JSON; the status text is all there is.
    }
    throw new Error(`${response.status} ${detail} (${url})`);
  }
  return (await response.json()) as T;
}

/** The bounding box of every coordinate of a collection, or null when it has none. */
export function boundsOf(collection: FeatureCollection): Bbox | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (position: Position): void => {
    const [lon, lat] = position;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  };
  const walk = (coordinates: unknown): void => {
    if (typeof (coordinates as Position)[0] === "number") {
      visit(coordinates as Position);
    } else {
      for (const inner of coordinates as unknown[]) walk(inner);
    }
  };
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (geometry && geometry.type !== "GeometryCollection") walk(geometry.coordinates);
  }
  return west <= east ? [west, south, east, north] : null;
}

/** The URL of a collection with its query parameters set (relative URLs resolve against the page). */
export function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base, window.location.href);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}
