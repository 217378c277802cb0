// Which optional endpoints this server has, read from its OpenAPI document (/api/schema/), so the page
// never requests a path that may be missing: a 404 would be a console error and a broken layer. Used for
// the tension endpoints that land after the map (hotspots, the digital matrix).
import { api } from "../api";

let paths: Promise<Set<string>> | null = null;

/** True when the server's OpenAPI document lists `path` (e.g. "/api/v1/tension/hotspots"). */
export async function serverHas(path: string): Promise<boolean> {
  paths ??= api<{ paths?: Record<string, unknown> }>("/api/schema/", { query: { format: "json" } })
    .then((schema) => new Set(Object.keys(schema.paths ?? {})))
    .catch(() => {
      paths = null;
      return new Set<string>();
    });
  return (await paths).has(path);
}
