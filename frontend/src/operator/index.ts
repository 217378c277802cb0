// The operator's part of the map page: the department's queue with the transition form (#/queue,
// #/queue/{id}) and the KPI dashboard (#/kpi).
import type { App } from "../app";
import { addMessages } from "../i18n";
import { registerPanel } from "../panels";
import { kpiPanel } from "./kpi";
import { OPERATOR_EN, OPERATOR_RU } from "./messages";
import { queuePanel } from "./queue";

export function install(_app: App): void {
  addMessages(OPERATOR_RU, OPERATOR_EN);
  for (const panel of [queuePanel, kpiPanel]) registerPanel(panel);
}
