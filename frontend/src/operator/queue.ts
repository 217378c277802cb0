// The operator's queue (#/queue): appeals of the caller's departments, the earliest deadline first, each
// with a deadline badge; "Answer" opens the transition form (#/queue/{id}, ./transition.ts).
import { api } from "../api";
import type { App } from "../app";
import { field, h } from "../dom";
import { statusLabel, t } from "../i18n";
import { navigate, type PanelSpec } from "../panels";
import { byDeadline } from "./deadline";
import { categoryNames, deadlineBadge, type QueueRow } from "./row";
import { transitionView } from "./transition";

const PAGE_SIZE = 200;
const filters = { department: "", overdue: false, mine: false };

function rowView(app: App, row: QueueRow, category: string): HTMLElement {
  const show = h("button", { type: "button", class: "gp-link" }, t("operator.showOnMap"));
  show.addEventListener("click", () =>
    app.map.flyTo({ center: [row.lon, row.lat], zoom: Math.max(app.map.getZoom(), 17) }),
  );
  const open = h(
    "a",
    {
      href: `#/queue/${row.id}`,
      class: "gp-button",
      "data-action": "answer",
      "aria-label": `${t("operator.open")}: ${t("operator.answer", { id: row.id })}`,
    },
    t("operator.open"),
  );
  return h(
    "li",
    { class: "gp-queue-item", "data-appeal": row.id },
    h(
      "div",
      { class: "gp-queue-head" },
      deadlineBadge(row),
      h("strong", {}, `№ ${row.id}`),
      h("span", { class: "gp-status" }, statusLabel(row.status)),
    ),
    h("div", {}, category, row.address ? ` · ${row.address}` : ""),
    h("p", { class: "gp-hint gp-clamp" }, row.text),
    h("div", { class: "gp-queue-head" }, open, show),
  );
}

async function queueView(app: App): Promise<HTMLElement> {
  const page = await api<{ count: number; results: QueueRow[] }>("/api/v1/staff/queue", {
    query: {
      page_size: PAGE_SIZE,
      department: filters.department,
      overdue: filters.overdue ? 1 : null,
      mine: filters.mine ? 1 : null,
    },
  });
  const rows = [...page.results].sort(byDeadline);
  const names = await categoryNames(app);
  const department = h(
    "select",
    { name: "department" },
    h("option", { value: "" }, t("operator.allDepartments")),
    ...app.me.departments.map((d) =>
      h("option", { value: String(d.id), selected: String(d.id) === filters.department }, d.name),
    ),
  );
  const overdue = h("input", { type: "checkbox", name: "overdue", checked: filters.overdue });
  const mine = h("input", { type: "checkbox", name: "mine", checked: filters.mine });
  const apply = () => {
    filters.department = department.value;
    filters.overdue = overdue.checked;
    filters.mine = mine.checked;
    navigate("queue");
  };
  for (const control of [department, overdue, mine]) control.addEventListener("change", apply);
  return h(
    "div",
    { class: "gp-operator" },
    h(
      "div",
      { class: "gp-form gp-filters" },
      app.me.departments.length > 1 ? field(t("operator.department"), department) : null,
      h("label", { class: "gp-choice" }, overdue, t("operator.onlyOverdue")),
      h("label", { class: "gp-choice" }, mine, t("operator.onlyMine")),
    ),
    h("p", { class: "gp-hint", role: "status" }, t("operator.count", { count: page.count })),
    rows.length
      ? h(
          "ul",
          { class: "gp-queue" },
          ...rows.map((row) => rowView(app, row, names.get(row.category.id) ?? row.category.name_ru)),
        )
      : h("p", { class: "gp-muted" }, t("operator.queueEmpty")),
  );
}

export const queuePanel: PanelSpec = {
  id: "queue",
  order: 70,
  menu: (app) => app.hasRole("operator") || app.hasRole("admin"),
  title: (route) => (route.arg ? t("operator.answer", { id: route.arg }) : t("operator.queue")),
  render(app, route) {
    return route.arg ? transitionView(app, Number(route.arg)) : queueView(app);
  },
};
