// Plug-ins of the map page: each registers its panels (panels.ts), strings (i18n.addMessages) and map
// layers (overlays.addLayer). To add one: import its install function and append it to PLUGINS.
import type { App } from "./app";
import { install as installOperator } from "./operator";
import { install as installPlanner } from "./planner";

const PLUGINS: ((app: App) => void)[] = [installPlanner, installOperator];

export function installPlugins(app: App): void {
  for (const install of PLUGINS) install(app);
}
