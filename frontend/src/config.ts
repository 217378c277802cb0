// The page configuration that Django renders into <script id="geoportal-config" type="application/json">
// (geoportal/views.py): API URLs, the basemap style, the municipality bounds and MapLibre's own UI strings.
// The interface's strings are the front end's (i18n.ts, messages.ts), so a language switch needs no reload.

/** West, south, east, north in degrees (EPSG:4326). */
export type Bbox = [number, number, number, number];

export interface PageConfig {
  /** The language Django rendered the page in (its cookie or Accept-Language). */
  locale: string;
  api: { areas: string; appeals: string };
  /** URL of the basemap's MapLibre style (/styles/basemap.json): every URL in it is on this server. */
  style: string;
  bounds: Bbox | null;
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
