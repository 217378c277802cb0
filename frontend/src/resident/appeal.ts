// An appeal as the API gives it (GET /api/v1/appeals/{id}, POST /api/v1/appeals) and the small pieces of
// DOM every resident panel shows it with.
import type { Feature, Point } from "geojson";

import { FALLBACK_COLOR, STATUS_COLORS } from "../colors";
import { h } from "../dom";
import { statusLabel } from "../i18n";

export interface TimelineEntry {
  at: string;
  from_status: string;
  to_status: string;
  response: string;
}

export interface AppealDetail {
  id: number;
  kind: "issue" | "proposal";
  category: string;
  category_name: string;
  status: string;
  created_at: string;
  address: string;
  text: string;
  supports_count: number;
  registered_at?: string | null;
  due_at?: string | null;
  answered_at?: string | null;
  closed_at?: string | null;
  department?: { id: number; name: string } | null;
  author_public_name?: string;
  rating?: number | null;
  photos?: { url: string; width: number; height: number }[];
  timeline?: TimelineEntry[];
  /** Metres from the asked point (GET /api/v1/appeals/nearby). */
  distance_m?: number;
}

export type AppealFeature = Feature<Point, AppealDetail>;

/** Statuses in which an appeal can still be supported (appeals.workflow OPEN_STATUSES, public ones). */
export const OPEN_STATUSES = new Set([
  "registered",
  "in_progress",
  "redirected",
  "reopened",
  "published",
  "under_review",
  "accepted",
]);

/** Statuses the public API does not show (appeals.workflow HIDDEN_STATUSES): 404 but to their author. */
export const HIDDEN_STATUSES = new Set(["new", "rejected"]);

/** A coloured status badge. */
export function statusBadge(status: string): HTMLElement {
  const badge = h("span", { class: "gp-status", "data-status": status }, statusLabel(status));
  badge.style.borderColor = STATUS_COLORS[status] ?? FALLBACK_COLOR;
  return badge;
}
