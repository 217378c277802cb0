// The KPI dashboard (#/kpi): GET /api/v1/stats/kpi (totals and per department) and /api/v1/stats/monthly
// (appeals received and answered per month) for a period, as figures, a table and two SVG charts.
import { api } from "../api";
import type { App } from "../app";
import { barChart, figure, monthChart } from "../charts";
import { field, h } from "../dom";
import { getLocale, t } from "../i18n";
import { type PanelSpec, rerender } from "../panels";

interface Kpi {
  appeals: number;
  registered_on_time_pct: number | null;
  answered_on_time_pct: number | null;
  median_hours_to_answer: number | null;
  reopen_rate_pct: number | null;
  mean_rating: number | null;
  overdue_now: number;
}

interface KpiDocument {
  from: string;
  to: string;
  total: Kpi;
  departments: (Kpi & { id: number | null; code: string | null; name: string | null })[];
}

interface Monthly {
  months: string[];
  categories: { name: string; created: number[]; answered: number[] }[];
}

const DAY_MS = 86_400_000;
const period = { from: "", to: "" };

function isoDate(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function fmt(value: number | null, digits = 1, suffix = ""): string {
  return value === null ? "—" : `${value.toLocaleString(getLocale(), { maximumFractionDigits: digits })}${suffix}`;
}

function sum(series: number[][], length: number): number[] {
  return Array.from({ length }, (_, i) => series.reduce((total, values) => total + (values[i] ?? 0), 0));
}

export const kpiPanel: PanelSpec = {
  id: "kpi",
  order: 71,
  menu: (app: App) => ["operator", "moderator", "planner", "admin"].some((role) => app.hasRole(role)),
  title: () => t("operator.kpi"),
  async render() {
    period.to ||= isoDate(new Date());
    period.from ||= isoDate(new Date(Date.now() - 364 * DAY_MS));
    const query = { from: period.from, to: period.to };
    const [kpi, monthly] = await Promise.all([
      api<KpiDocument>("/api/v1/stats/kpi", { query }),
      api<Monthly>("/api/v1/stats/monthly", { query }),
    ]);
    const from = h("input", { type: "date", name: "from", value: period.from, required: true });
    const to = h("input", { type: "date", name: "to", value: period.to, required: true });
    const form = h(
      "form",
      { class: "gp-form gp-period", "aria-label": t("operator.period") },
      field(t("operator.from"), from),
      field(t("operator.to"), to),
      h("button", { type: "submit", class: "gp-button" }, t("operator.apply")),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      period.from = from.value;
      period.to = to.value;
      rerender();
    });
    const total = kpi.total;
    const departments = kpi.departments.filter((d) => d.appeals > 0);
    const months = monthly.months;
    return h(
      "div",
      { class: "gp-operator" },
      form,
      h(
        "div",
        { class: "gp-figures" },
        figure(t("kpi.appeals"), fmt(total.appeals, 0), "appeals"),
        figure(t("kpi.registeredOnTime"), fmt(total.registered_on_time_pct, 1, " %"), "registered-on-time"),
        figure(t("kpi.answeredOnTime"), fmt(total.answered_on_time_pct, 1, " %"), "answered-on-time"),
        figure(t("kpi.median"), fmt(total.median_hours_to_answer), "median-hours"),
        figure(t("kpi.reopen"), fmt(total.reopen_rate_pct, 1, " %"), "reopen-rate"),
        figure(t("kpi.rating"), fmt(total.mean_rating, 2), "rating"),
        figure(t("kpi.overdueNow"), fmt(total.overdue_now, 0), "overdue-now"),
      ),
      h("h3", {}, t("kpi.monthly")),
      monthChart(t("kpi.monthly"), months, [
        {
          label: t("kpi.created"),
          values: sum(
            monthly.categories.map((c) => c.created),
            months.length,
          ),
          color: "#1f78b4",
        },
        {
          label: t("kpi.answered"),
          values: sum(
            monthly.categories.map((c) => c.answered),
            months.length,
          ),
          color: "#33a02c",
        },
      ]),
      h("h3", {}, t("kpi.byDepartment")),
      barChart(
        t("kpi.byDepartment"),
        departments.map((d) => ({ label: d.name ?? t("kpi.notRouted"), value: d.answered_on_time_pct ?? 0 })),
        (value) => `${fmt(value)} %`,
      ),
      h(
        "div",
        { class: "gp-table-wrap", tabindex: "0", role: "region", "aria-label": t("kpi.departments") },
        h(
          "table",
          { class: "gp-table" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...[
                t("kpi.departments"),
                t("kpi.appeals"),
                t("kpi.answeredOnTime"),
                t("kpi.median"),
                t("kpi.overdueNow"),
              ].map((text) => h("th", { scope: "col" }, text)),
            ),
          ),
          h(
            "tbody",
            {},
            ...departments.map((d) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, d.name ?? t("kpi.notRouted")),
                h("td", {}, fmt(d.appeals, 0)),
                h("td", {}, fmt(d.answered_on_time_pct, 1, " %")),
                h("td", {}, fmt(d.median_hours_to_answer)),
                h("td", {}, fmt(d.overdue_now, 0)),
              ),
            ),
          ),
        ),
      ),
    );
  },
};
