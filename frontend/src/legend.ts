// The status legend: a MapLibre control listing the statuses shown on the map, with counts.
import type { IControl } from "maplibre-gl";

import { FALLBACK_COLOR, STATUS_COLORS } from "./colors";
import type { StatusLabel } from "./config";

export class StatusLegend implements IControl {
  private readonly container: HTMLElement;

  constructor(
    private readonly title: string,
    private readonly emptyText: string,
  ) {
    this.container = document.createElement("div");
    this.container.className = "maplibregl-ctrl gp-legend";
  }

  onAdd(): HTMLElement {
    return this.container;
  }

  onRemove(): void {
    this.container.remove();
  }

  /** Lists the statuses in `counts` (status code → number of appeals) in the order of `statuses`. */
  update(statuses: readonly StatusLabel[], counts: ReadonlyMap<string, number>): void {
    const heading = document.createElement("h2");
    heading.textContent = this.title;
    const list = document.createElement("ul");
    for (const { code, label } of statuses) {
      const count = counts.get(code);
      if (!count) continue;
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "gp-swatch";
      swatch.style.backgroundColor = STATUS_COLORS[code] ?? FALLBACK_COLOR;
      const text = document.createElement("span");
      text.textContent = label;
      const number = document.createElement("span");
      number.className = "gp-count";
      number.textContent = String(count);
      item.append(swatch, text, number);
      list.append(item);
    }
    if (!list.childElementCount) {
      const item = document.createElement("li");
      item.textContent = this.emptyText;
      list.append(item);
    }
    this.container.replaceChildren(heading, list);
  }
}
