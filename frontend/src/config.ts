// The page configuration that Django renders into <script id="geoportal-config" type="application/json">
// (geoportal/views.py): API URLs, the municipality bounds and every user-facing string, already translated.

/** West, south, east, north in degrees (EPSG:4326). */
export type Bbox = [number, number, number, number];

export interface StatusLabel {
  code: string;
  label: string;
}

export interface Labels {
  legendTitle: string;
  noAppeals: string;
  status: string;
  date: string;
  address: string;
  supports: string;
  loadError: string;
}

export interface PageConfig {
  locale: string;
  api: { areas: string; appeals: string };
  /** URL of the basemap's MapLibre style (/styles/basemap.json): every URL in it is on this server. */
  style: string;
  bounds: Bbox | null;
  statuses: StatusLabel[];
  labels: Labels;
  /** MapLibre's own UI strings by its keys ("NavigationControl.ZoomIn", "Popup.Close", …). */
  maplibreLocale: Record<string, string>;
}

/** Reads the JSON block rendered by the template; throws when the page does not carry one. */
export function readConfig(doc: Document, id = "geoportal-config"): PageConfig {
  const node = doc.getElementById(id);
  if (!node?.textContent) {
    throw new Error(`#${id} is missing from the page`);
  }
  return JSON.parse(node.textContent) as PageConfig;
}
