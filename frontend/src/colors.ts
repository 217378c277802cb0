// Colours of the map: appeal statuses and district fills. Pure, no DOM.
import type { ExpressionSpecification } from "maplibre-gl";

/** One colour per public status (HIDDEN_STATUSES in appeals/workflow.py never reach the map). */
export const STATUS_COLORS: Readonly<Record<string, string>> = {
  registered: "#1f78b4",
  in_progress: "#ff7f00",
  redirected: "#6a3d9a",
  reopened: "#e31a1c",
  answered: "#33a02c",
  closed: "#737373",
  duplicate: "#bdbdbd",
  published: "#17becf",
  under_review: "#e377c2",
  accepted: "#b15928",
  implemented: "#006d2c",
};

export const FALLBACK_COLOR = "#000000";

/** A muted qualitative palette for district fills (ColorBrewer Pastel1 + Set3). */
const AREA_PALETTE = [
  "#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec",
  "#8dd3c7", "#bebada", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd", "#ffed6f",
];

/**
 * A colour per distinct name: names in code-point order take the palette in turn, so up to 16 districts
 * all differ, and a district keeps its colour while the set of districts stays the same.
 */
export function colorsByName(names: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(names)].sort();
  return new Map(sorted.map((name, i) => [name, AREA_PALETTE[i % AREA_PALETTE.length]]));
}

/** A MapLibre `match` on a string property; a constant when there is nothing to match. */
export function matchColor(
  property: string,
  colors: ReadonlyMap<string, string>,
  fallback: string,
): ExpressionSpecification | string {
  if (colors.size === 0) {
    return fallback;
  }
  const pairs: string[] = [];
  for (const [value, color] of colors) {
    pairs.push(value, color);
  }
  // The spec's tuple type cannot express "pairs of any length"; the shape is checked at run time by MapLibre.
  return ["match", ["get", property], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** Status → colour for the circle layer. */
export function statusColorExpression(): ExpressionSpecification | string {
  return matchColor("status", new Map(Object.entries(STATUS_COLORS)), FALLBACK_COLOR);
}

/** District name → colour for the fill layer. */
export function areaColorExpression(names: Iterable<string>): ExpressionSpecification | string {
  return matchColor("name", colorsByName(names), "#dddddd");
}
