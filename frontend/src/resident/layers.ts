// The layers panel (#/layers): which of the resident layers show, the legend, and the tension heatmap
// with its time window and category filter (resident/tension.ts).
import type { App } from "../app";
import { STATUS_COLORS } from "../colors";
import { field, h } from "../dom";
import { localName, statusLabel, t } from "../i18n";
import { COUNT_STEPS, groupVisible, setGroupVisible, TENSION_STOPS } from "../overlays";
import type { PanelSpec } from "../panels";
import { TensionLayer, type TensionQuery } from "./tension";

const TOGGLES = ["appeals", "proposals", "mine", "districts"] as const;
const LEGEND_STATUSES = [
  "registered",
  "in_progress",
  "reopened",
  "answered",
  "closed",
  "published",
  "accepted",
  "implemented",
];

const tension: TensionQuery & { on: boolean } = {
  on: false,
  from: "",
  to: "",
  categories: [],
};

let heatmap: TensionLayer | null = null;

function toggle(app: App, group: string, label: string, onChange?: (on: boolean) => void): HTMLElement {
  const box = h("input", { type: "checkbox", name: group, checked: groupVisible(app.map, group) });
  box.addEventListener("change", () => {
    if (onChange) onChange(box.checked);
    else setGroupVisible(app.map, group, box.checked);
  });
  return h("label", { class: "gp-choice" }, box, label);
}

function legend(): HTMLElement {
  const swatch = (color: string, round = true) => {
    const node = h("span", { class: round ? "gp-swatch" : "gp-swatch gp-swatch-square" });
    node.style.backgroundColor = color;
    return node;
  };
  const ramp = h("span", { class: "gp-ramp" });
  ramp.style.background = `linear-gradient(to right, ${TENSION_STOPS.map(([, c]) => c).join(", ")})`;
  return h(
    "section",
    { class: "gp-legend" },
    h("h3", {}, t("layers.legend")),
    h("ul", {}, ...LEGEND_STATUSES.map((status) => h("li", {}, swatch(STATUS_COLORS[status]), statusLabel(status)))),
    h("p", { class: "gp-hint" }, t("layers.proposalsHint")),
    h("p", { class: "gp-hint" }, t("layers.hexes")),
    h(
      "ul",
      { class: "gp-steps" },
      ...COUNT_STEPS.map(([from, color]) => h("li", {}, swatch(color, false), `${from}+`)),
    ),
    h("p", { class: "gp-hint" }, t("layers.tension")),
    h("div", { class: "gp-ramp-row" }, t("layers.tensionLow"), ramp, t("layers.tensionHigh")),
  );
}

export const layersPanel: PanelSpec = {
  id: "layers",
  order: 20,
  menu: () => true,
  title: () => t("layers.title"),
  async render(app) {
    const categories = (await app.categories()).filter((c) => c.kind === "issue" && c.parent === null);
    heatmap ??= new TensionLayer(app);
    const layer = heatmap;
    const apply = () => layer.show(tension.on ? { ...tension } : null);
    const from = h("input", { type: "date", name: "from", value: tension.from, max: tension.to || null });
    const to = h("input", { type: "date", name: "to", value: tension.to, min: tension.from || null });
    from.addEventListener("change", () => {
      tension.from = from.value;
      to.min = tension.from;
      apply();
    });
    to.addEventListener("change", () => {
      tension.to = to.value;
      from.max = tension.to;
      apply();
    });
    const categoryBoxes = categories.map((category) => {
      const box = h("input", {
        type: "checkbox",
        name: "tension-category",
        value: category.code,
        checked: tension.categories.includes(category.code),
      });
      box.addEventListener("change", () => {
        tension.categories = categoryBoxes.filter((b) => b.checked).map((b) => b.value);
        apply();
      });
      return box;
    });
    const controls = h(
      "fieldset",
      { class: "gp-tension", disabled: !tension.on },
      h("legend", {}, t("layers.tension")),
      h("div", { class: "gp-dates" }, field(t("layers.from"), from), field(t("layers.to"), to)),
      h("p", { class: "gp-hint" }, t("layers.window")),
      h(
        "details",
        {},
        h("summary", {}, t("layers.categories")),
        h("p", { class: "gp-hint" }, t("layers.allCategories")),
        ...categoryBoxes.map((box, i) => h("label", { class: "gp-choice" }, box, localName(categories[i]))),
      ),
    );
    const tensionToggle = toggle(app, "tension", t("layers.tension"), (on: boolean) => {
      tension.on = on;
      controls.disabled = !on;
      apply();
    });
    return h(
      "div",
      { class: "gp-layers" },
      h(
        "div",
        { class: "gp-toggles" },
        ...TOGGLES.map((group) => toggle(app, group, t(`layers.${group}`))),
        tensionToggle,
      ),
      controls,
      legend(),
    );
  },
};
