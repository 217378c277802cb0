-- Mark overdue appeals escalated — at most once per local day — and return what was marked.
-- Overdue: an open status and due_at in the past, or one of the `new_ids` (new appeals past their
-- registration term, computed in Python on the production calendar when they carry no due_at).
-- Params: now timestamptz; day_start timestamptz (local midnight of `now`, settings.TIME_ZONE);
--         open text[] (appeals.workflow.OPEN_STATUSES); new_ids bigint[]
-- Idempotent within a day: rows escalated since day_start are left alone, so a second run (or a second
-- beat worker) the same day changes nothing. Concurrent runs serialise on the row locks of the UPDATE.
-- Index: appeals_appeal (status) and (department_id, due_at).
-- Output: id, department_id, escalation_level (after), due_at, status — ordered by department, due_at.
WITH marked AS (
  UPDATE appeals_appeal a
  SET escalated_at = %(now)s, escalation_level = a.escalation_level + 1
  WHERE ((a.status = ANY (%(open)s::text[]) AND a.due_at < %(now)s) OR a.id = ANY (%(new_ids)s::bigint[]))
    AND (a.escalated_at IS NULL OR a.escalated_at < %(day_start)s)
  RETURNING a.id, a.department_id, a.escalation_level, a.due_at, a.status
)
SELECT * FROM marked ORDER BY department_id NULLS FIRST, due_at NULLS FIRST, id;
