// The planner's part of the map page: the layer catalogue with uploads and export (#/planner), the area
// analysis with polygon drawing (#/analysis) and tension — hotspots and the digital matrix (#/matrix).
// Shown in the header to planners and administrators.
import type { App } from "../app";
import { addMessages } from "../i18n";
import { registerPanel } from "../panels";
import { analysisPanel } from "./analysis";
import { cataloguePanel } from "./catalogue";
import { matrixPanel } from "./matrix";
import { PLANNER_EN, PLANNER_RU } from "./messages";

export function install(_app: App): void {
  addMessages(PLANNER_RU, PLANNER_EN);
  for (const panel of [cataloguePanel, analysisPanel, matrixPanel]) registerPanel(panel);
}
