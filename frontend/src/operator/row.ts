// One appeal of the staff queue (GET /api/v1/staff/queue) and its deadline badge.
import type { App } from "../app";
import { h } from "../dom";
import { formatDate, localName, t } from "../i18n";
import { deadlineOf } from "./deadline";

export interface QueueRow {
  id: number;
  kind: "issue" | "proposal";
  category: { id: number; code: string; name_ru: string };
  status: string;
  address: string;
  /** Degrees, EPSG:4326. */
  lon: number;
  lat: number;
  text: string;
  department: { id: number; code: string; name: string } | null;
  assignee: { id: number; username: string } | null;
  due_at: string | null;
  registered_at: string | null;
  overdue: boolean;
}

export function deadlineBadge(row: Pick<QueueRow, "due_at" | "overdue">): HTMLElement {
  const { level, days } = deadlineOf(row.due_at, row.overdue);
  const text =
    level === "overdue"
      ? days < 0
        ? t("operator.due.overdueDays", { days: -days })
        : t("operator.due.overdue")
      : level === "today"
        ? t("operator.due.today")
        : level === "none"
          ? t("operator.due.none")
          : t("operator.due.days", { days });
  return h(
    "span",
    {
      class: `gp-badge gp-badge-${level}`,
      "data-deadline": level,
      title: row.due_at ? t("operator.dueAt", { date: formatDate(row.due_at, true) }) : null,
    },
    text,
  );
}

/** Category id → its name in the interface language (the staff API gives the Russian name only). */
export async function categoryNames(app: App): Promise<Map<number, string>> {
  const categories = await app.categories().catch(() => []);
  return new Map(categories.map((category) => [category.id, localName(category)]));
}
