-- KPIs of issues (appeals.kpi): per department, per operator (assignee) inside each department, and the
-- municipality total, in one pass with GROUPING SETS. Proposals have their own workflow and are left out.
-- Cohort: issues created in [start, end). Rates count only decided cases:
--   registered on time  registered_at <= created_at + register_within, over issues registered, plus those
--                       still `new` after register_within (late for sure); rejected-before-registration out
--   answered on time    answered_at <= due_at, over issues with a due_at that were answered, or are past
--                       due_at unanswered at `now` (late for sure); not yet due = undecided, left out
--   median hours        registered_at → answered_at, hours (percentile_cont 0.5)
--   reopen rate         issues with a 'reopened' event / issues ever answered (answered_at set, or reopened)
--   mean rating         residents' ratings 1..5
--   overdue now         open (params.open) with due_at < now: a snapshot over ALL issues, not the cohort
-- Params: start, end, now timestamptz; register_within interval; open text[]; with_operators boolean
--         (false = department and total rows only).
-- Output: one row per group: level ('total' | 'department' | 'operator'), department_id (NULL = not
--         routed), assignee_id (NULL = unassigned), the counts, and the rates (percent, 1 decimal; NULL
--         when nothing was decided). Departments without any row still appear (all zeros).
-- Index: the cohort is a range on appeals_appeal(created_at), the snapshot an OR branch on (status); the
--         'reopened' test probes appeals_appealevent(appeal_id). auth_user: the default user model.
WITH scope AS (
  SELECT a.department_id, a.assignee_id, a.status, a.created_at, a.registered_at, a.due_at,
         a.answered_at, a.rating,
         a.created_at >= %(start)s AND a.created_at < %(end)s AS in_cohort,
         a.status = ANY(%(open)s) AND a.due_at < %(now)s AS overdue,
         EXISTS (SELECT 1 FROM appeals_appealevent e
                 WHERE e.appeal_id = a.id AND e.to_status = 'reopened') AS reopened
  FROM appeals_appeal a
  WHERE a.kind = 'issue'
    AND ((a.created_at >= %(start)s AND a.created_at < %(end)s)
         OR (a.status = ANY(%(open)s) AND a.due_at < %(now)s))
),
figures AS (
  SELECT
    CASE WHEN GROUPING(department_id) = 1 THEN 'total'
         WHEN GROUPING(assignee_id) = 1 THEN 'department'
         ELSE 'operator' END AS level,
    department_id,
    assignee_id,
    count(*) FILTER (WHERE in_cohort) AS appeals,
    count(*) FILTER (WHERE in_cohort AND registered_at <= created_at + %(register_within)s)
      AS registered_on_time,
    count(*) FILTER (WHERE in_cohort AND (registered_at IS NOT NULL
                     OR (status = 'new' AND created_at + %(register_within)s < %(now)s)))
      AS registration_decided,
    count(*) FILTER (WHERE in_cohort AND answered_at IS NOT NULL) AS answered,
    count(*) FILTER (WHERE in_cohort AND due_at IS NOT NULL AND answered_at <= due_at) AS answered_on_time,
    count(*) FILTER (WHERE in_cohort AND due_at IS NOT NULL
                     AND (answered_at IS NOT NULL OR due_at < %(now)s)) AS answer_decided,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - registered_at) / 3600.0)
      FILTER (WHERE in_cohort AND answered_at IS NOT NULL AND registered_at IS NOT NULL)
      AS median_hours_to_answer,
    count(*) FILTER (WHERE in_cohort AND reopened) AS reopened,
    count(*) FILTER (WHERE in_cohort AND (answered_at IS NOT NULL OR reopened)) AS ever_answered,
    count(rating) FILTER (WHERE in_cohort) AS ratings,
    avg(rating) FILTER (WHERE in_cohort) AS mean_rating,
    count(*) FILTER (WHERE overdue) AS overdue_now
  FROM scope
  GROUP BY GROUPING SETS ((), (department_id), (department_id, assignee_id))
  HAVING %(with_operators)s OR GROUPING(assignee_id) = 1
),
rows AS (
  SELECT * FROM figures
  UNION ALL
  SELECT 'department', d.id, NULL, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0, NULL, 0
  FROM appeals_department d
  WHERE NOT EXISTS (SELECT 1 FROM figures f WHERE f.level = 'department' AND f.department_id = d.id)
  UNION ALL
  SELECT 'total', NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0, NULL, 0
  WHERE NOT EXISTS (SELECT 1 FROM figures f WHERE f.level = 'total')
)
SELECT r.level, r.department_id, d.code AS department_code, d.name AS department_name,
       d.name_en AS department_name_en,
       r.assignee_id, u.username AS assignee_username,
       nullif(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS assignee_name,
       r.appeals, r.registered_on_time, r.registration_decided, r.answered, r.answered_on_time,
       r.answer_decided, r.reopened, r.ever_answered, r.ratings, r.overdue_now,
       round(100.0 * r.registered_on_time / nullif(r.registration_decided, 0), 1)::float8
         AS registered_on_time_pct,
       round(100.0 * r.answered_on_time / nullif(r.answer_decided, 0), 1)::float8 AS answered_on_time_pct,
       round(r.median_hours_to_answer::numeric, 1)::float8 AS median_hours_to_answer,
       round(100.0 * r.reopened / nullif(r.ever_answered, 0), 1)::float8 AS reopen_rate_pct,
       round(r.mean_rating, 2)::float8 AS mean_rating
FROM rows r
LEFT JOIN appeals_department d ON d.id = r.department_id
LEFT JOIN auth_user u ON u.id = r.assignee_id
ORDER BY CASE r.level WHEN 'total' THEN 0 WHEN 'department' THEN 1 ELSE 2 END,
         d.name NULLS LAST, r.department_id, u.username NULLS LAST, r.assignee_id;
