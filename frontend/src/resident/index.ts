// The resident part of the map page: its panels, the address search and the "my appeals" layer.
import type { App } from "../app";
import { registerPanel } from "../panels";
import { appealPanel } from "./card";
import { layersPanel } from "./layers";
import { minePanel } from "./mine";
import { refreshMine } from "./mine-layer";
import { reportPanel } from "./report";
import { installSearch } from "./search";
import { subscribePanel } from "./subscribe";

export function installResident(app: App): void {
  for (const panel of [reportPanel, layersPanel, minePanel, subscribePanel, appealPanel]) registerPanel(panel);
  installSearch(app);
  refreshMine(app);
}
