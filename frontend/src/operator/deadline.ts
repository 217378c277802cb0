// Deadline badges of the operator's queue: pure, no DOM. Days are local calendar days.

export type DeadlineLevel = "overdue" | "today" | "soon" | "later" | "none";

const DAY_MS = 86_400_000;
const SOON_DAYS = 3;

function localDay(date: Date): number {
  return Math.floor((date.getTime() - date.getTimezoneOffset() * 60_000) / DAY_MS);
}

/** How urgent an appeal is: past due, due today, within three days, later, or no deadline. `days` is
 * the whole local days left (negative when overdue). */
export function deadlineOf(
  dueAt: string | null,
  overdue: boolean,
  now: Date = new Date(),
): { level: DeadlineLevel; days: number } {
  if (!dueAt) return { level: "none", days: 0 };
  const due = new Date(dueAt);
  const days = localDay(due) - localDay(now);
  if (overdue || due.getTime() < now.getTime()) return { level: "overdue", days: Math.min(days, 0) };
  if (days <= 0) return { level: "today", days: 0 };
  return { level: days <= SOON_DAYS ? "soon" : "later", days };
}

/** Queue order: the earliest due first, appeals without a deadline last, then by id. */
export function byDeadline<T extends { id: number; due_at: string | null }>(a: T, b: T): number {
  const da = a.due_at ? Date.parse(a.due_at) : Infinity;
  const db = b.due_at ? Date.parse(b.due_at) : Infinity;
  return da === db ? a.id - b.id : da - db;
}
