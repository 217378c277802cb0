// The content of an appeal's popup, built as DOM nodes (never HTML strings: the text is the resident's).
import { FALLBACK_COLOR, STATUS_COLORS } from "./colors";
import type { Labels } from "./config";
import type { AppealProperties } from "./data";

/** A readable local date for an ISO 8601 timestamp; the raw value when it does not parse. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale, { year: "numeric", month: "long", day: "numeric" });
}

function row(term: string, value: string): [HTMLElement, HTMLElement] {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  return [dt, dd];
}

/** One appeal: its category as the heading, then status, date, address, supports and the text. */
export function appealPopupContent(
  appeal: AppealProperties,
  statusLabels: ReadonlyMap<string, string>,
  labels: Labels,
  locale: string,
): HTMLElement {
  const root = document.createElement("article");
  root.className = "gp-popup";

  const title = document.createElement("h3");
  title.textContent = appeal.category_name || appeal.category;

  const status = document.createElement("span");
  status.className = "gp-status";
  status.style.borderColor = STATUS_COLORS[appeal.status] ?? FALLBACK_COLOR;
  status.textContent = statusLabels.get(appeal.status) ?? appeal.status;

  const facts = document.createElement("dl");
  const statusTerm = document.createElement("dt");
  statusTerm.textContent = labels.status;
  const statusValue = document.createElement("dd");
  statusValue.append(status);
  facts.append(statusTerm, statusValue);
  facts.append(...row(labels.date, formatDate(appeal.created_at, locale)));
  if (appeal.address) facts.append(...row(labels.address, appeal.address));
  if (appeal.supports_count > 0) facts.append(...row(labels.supports, String(appeal.supports_count)));

  const text = document.createElement("p");
  text.className = "gp-text";
  text.textContent = appeal.text;

  root.append(title, facts, text);
  return root;
}
