// The resident's own appeals, kept in this browser (localStorage): what the API answered when they were
// filed, refreshed when the card is opened. New appeals are not public until a moderator registers them,
// so this is how their author finds them on the map after a reload.
import type { FeatureCollection, Point } from "geojson";

import type { AppealDetail, AppealFeature } from "./appeal";

const KEY = "gp-my-appeals";
const MAX = 200;

export interface StoredAppeal {
  feature: AppealFeature;
  /** The signed-in user who filed it, null when filed anonymously. */
  user: number | null;
}

export function storedAppeals(): StoredAppeal[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(KEY) ?? "[]") as unknown;
    return Array.isArray(value) ? (value as StoredAppeal[]) : [];
  } catch {
    return [];
  }
}

function save(list: StoredAppeal[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
  } catch {
    // Storage full or disabled: the appeal is filed all the same, only not remembered here.
  }
}

/** Remembers a newly filed appeal (newest first). */
export function rememberAppeal(feature: AppealFeature, user: number | null): void {
  const compact: AppealFeature = { ...feature, properties: { ...feature.properties, timeline: [] } };
  save([
    { feature: compact, user },
    ...storedAppeals().filter((item) => item.feature.properties.id !== feature.properties.id),
  ]);
}

/** Replaces the stored copy of an appeal with a fresher one (no-op for appeals not filed here). */
export function refreshStored(feature: AppealFeature): void {
  const list = storedAppeals();
  const index = list.findIndex((item) => item.feature.properties.id === feature.properties.id);
  if (index < 0) return;
  list[index] = { ...list[index], feature: { ...feature, properties: { ...feature.properties, timeline: [] } } };
  save(list);
}

/** Takes in the appeals the signed-in `user` filed on any device (GET /api/v1/appeals/mine): fresher
 * copies of those kept here, the others added; newest (highest id) first, as filed. */
export function rememberAccountAppeals(features: AppealFeature[], user: number): void {
  const byId = new Map(storedAppeals().map((item) => [item.feature.properties.id, item]));
  for (const feature of features) {
    const compact: AppealFeature = { ...feature, properties: { ...feature.properties, timeline: [] } };
    byId.set(feature.properties.id, { feature: compact, user });
  }
  save([...byId.values()].sort((a, b) => b.feature.properties.id - a.feature.properties.id));
}

export function storedAppeal(id: number): StoredAppeal | undefined {
  return storedAppeals().find((item) => item.feature.properties.id === id);
}

/** The stored appeals as one collection, for the "my appeals" map layer. */
export function storedCollection(): FeatureCollection<Point, AppealDetail> {
  return { type: "FeatureCollection", features: storedAppeals().map((item) => item.feature) };
}
