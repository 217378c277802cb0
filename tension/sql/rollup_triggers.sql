-- The daily tension rollup kept current by statement-level triggers on appeals_appeal: one aggregated
-- upsert per statement (a COPY of 1M rows costs one GROUP BY, not 1M row triggers). Every key column is
-- derived from the appeal: its local creation day, res-9 cell, category, kind, status and local due day.
-- tension_tz() is the municipality's time zone (settings.TIME_ZONE), tension_open(status) says whether a
-- status is open (appeals.workflow.OPEN_STATUSES); both are written by the migrations and by
-- `manage.py rebuild_tension`, as is
-- tension_half_life() (TENSION["HALF_LIFE_DAYS"]) that the monthly rollup
-- of appeals in a status that is not open is summed with. tension_tensioncellstatus (res 9) and
-- tension_tensionpointcell (res 12) keep all-time counts per cell for the appeals tiles; whether a status is
-- shown there is appeals_public(status), the appeals app's own test (appeals/sql/feature_triggers.sql).
-- Cells (res 5–10) an appeal lands in are registered in tension_tensioncell with an empty outline;
-- readers fill outlines from h3-py (tension/cells.py).

CREATE OR REPLACE FUNCTION tension_register_cells(cells bigint[]) RETURNS void
  LANGUAGE sql AS $$
  INSERT INTO tension_tensioncell (h3, res)
  SELECT DISTINCT h3_parent(c, r), r FROM unnest(cells) AS c, generate_series(5, 10) AS r
  ON CONFLICT (h3) DO NOTHING
$$;

-- The monthly rollup's term of one appeal: its support factor decayed from its day back to its month's start.
CREATE OR REPLACE FUNCTION tension_month_weight(supports int, d date) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (1 + ln(1 + supports)) * power(2::float8, (d - date_trunc('month', d)::date) / tension_half_life())
$$;

-- One appeal's share of its res-12 cell row (tension_tensionpointcell), times `sign`: its cell, and 1 in
-- n and in the one count of public / open / answered / closed that its status falls in (none if hidden).
CREATE OR REPLACE FUNCTION tension_point_counts(h3 bigint, status text, sign int,
    OUT cell bigint, OUT n int, OUT public int, OUT open int, OUT answered int, OUT closed int)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT h3_parent(h3, 12), sign,
         sign * appeals_public(status)::int,
         sign * (appeals_public(status) AND tension_open(status))::int,
         sign * (status = 'answered')::int,
         sign * (appeals_public(status) AND NOT tension_open(status) AND status <> 'answered')::int
$$;

CREATE OR REPLACE FUNCTION tension_rollup_after_insert() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tension_register_cells(ARRAY(SELECT DISTINCT h3_parent(h3, 10) FROM new_rows));
  INSERT INTO tension_tensionrollup AS r (day, cell, category_id, kind, status, due_day, n, sw)
  SELECT (created_at AT TIME ZONE tension_tz())::date, h3_parent(h3, 9), category_id, kind, status,
         (due_at AT TIME ZONE tension_tz())::date, count(*), sum(1 + ln(1 + supports_count))
  FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT tension_rollup_key DO UPDATE SET n = r.n + EXCLUDED.n, sw = r.sw + EXCLUDED.sw;
  INSERT INTO tension_tensioncellstatus AS s (cell, kind, status, due_day, n)
  SELECT h3_parent(h3, 9), kind, status,
         CASE WHEN tension_open(status) THEN (due_at AT TIME ZONE tension_tz())::date END, count(*)
  FROM new_rows GROUP BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT tension_cellstatus_key DO UPDATE SET n = s.n + EXCLUDED.n;
  INSERT INTO tension_tensionpointcell AS p (cell, kind, n, public, open, answered, closed, point)
  SELECT cell, kind, sum(n), sum(public), sum(open), sum(answered), sum(closed),
         ST_Transform((array_agg(geom ORDER BY id))[1], 3857)
  FROM new_rows, tension_point_counts(h3, status, 1) GROUP BY 1, 2
  ON CONFLICT ON CONSTRAINT tension_pointcell_key DO UPDATE
    SET n = p.n + EXCLUDED.n, public = p.public + EXCLUDED.public, open = p.open + EXCLUDED.open,
        answered = p.answered + EXCLUDED.answered, closed = p.closed + EXCLUDED.closed;
  INSERT INTO tension_tensionmonthlyrollup AS m (month, cell, category_id, kind, status, n, swd)
  SELECT date_trunc('month', d)::date, h3_parent(h3, 9), category_id, kind, status, count(*),
         sum(tension_month_weight(supports_count, d))
  FROM (SELECT *, (created_at AT TIME ZONE tension_tz())::date AS d FROM new_rows) AS x
  WHERE NOT tension_open(status)
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT tension_monthly_key DO UPDATE SET n = m.n + EXCLUDED.n, swd = m.swd + EXCLUDED.swd;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tension_rollup_after_delete() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tension_tensionrollup AS r (day, cell, category_id, kind, status, due_day, n, sw)
  SELECT (created_at AT TIME ZONE tension_tz())::date, h3_parent(h3, 9), category_id, kind, status,
         (due_at AT TIME ZONE tension_tz())::date, -count(*), -sum(1 + ln(1 + supports_count))
  FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ON CONSTRAINT tension_rollup_key DO UPDATE SET n = r.n + EXCLUDED.n, sw = r.sw + EXCLUDED.sw;
  INSERT INTO tension_tensioncellstatus AS s (cell, kind, status, due_day, n)
  SELECT h3_parent(h3, 9), kind, status,
         CASE WHEN tension_open(status) THEN (due_at AT TIME ZONE tension_tz())::date END, -count(*)
  FROM old_rows GROUP BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT tension_cellstatus_key DO UPDATE SET n = s.n + EXCLUDED.n;
  INSERT INTO tension_tensionpointcell AS p (cell, kind, n, public, open, answered, closed, point)
  SELECT cell, kind, sum(n), sum(public), sum(open), sum(answered), sum(closed),
         ST_Transform((array_agg(geom ORDER BY id))[1], 3857)
  FROM old_rows, tension_point_counts(h3, status, -1) GROUP BY 1, 2
  ON CONFLICT ON CONSTRAINT tension_pointcell_key DO UPDATE
    SET n = p.n + EXCLUDED.n, public = p.public + EXCLUDED.public, open = p.open + EXCLUDED.open,
        answered = p.answered + EXCLUDED.answered, closed = p.closed + EXCLUDED.closed;
  INSERT INTO tension_tensionmonthlyrollup AS m (month, cell, category_id, kind, status, n, swd)
  SELECT date_trunc('month', d)::date, h3_parent(h3, 9), category_id, kind, status, -count(*),
         -sum(tension_month_weight(supports_count, d))
  FROM (SELECT *, (created_at AT TIME ZONE tension_tz())::date AS d FROM old_rows) AS x
  WHERE NOT tension_open(status)
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT tension_monthly_key DO UPDATE SET n = m.n + EXCLUDED.n, swd = m.swd + EXCLUDED.swd;
  RETURN NULL;
END $$;

-- An update moves each changed appeal out of its old key and into its new one; rows whose key and
-- support factor did not change (most updates: a text edit, updated_at) net to zero and are skipped.
CREATE OR REPLACE FUNCTION tension_rollup_after_update() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tension_register_cells(ARRAY(
    SELECT DISTINCT h3_parent(n.h3, 10) FROM new_rows n JOIN old_rows o USING (id) WHERE n.h3 <> o.h3));
  INSERT INTO tension_tensionrollup AS r (day, cell, category_id, kind, status, due_day, n, sw)
  SELECT day, cell, category_id, kind, status, due_day, sum(sign)::int,
         coalesce(sum(f) FILTER (WHERE sign > 0), 0) - coalesce(sum(f) FILTER (WHERE sign < 0), 0)
  FROM (
    SELECT (created_at AT TIME ZONE tension_tz())::date AS day, h3_parent(h3, 9) AS cell, category_id,
           kind, status, (due_at AT TIME ZONE tension_tz())::date AS due_day, 1 AS sign,
           1 + ln(1 + supports_count) AS f
    FROM new_rows
    UNION ALL
    SELECT (created_at AT TIME ZONE tension_tz())::date, h3_parent(h3, 9), category_id, kind, status,
           (due_at AT TIME ZONE tension_tz())::date, -1, 1 + ln(1 + supports_count)
    FROM old_rows
  ) AS d
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(sign) <> 0
      OR coalesce(sum(f) FILTER (WHERE sign > 0), 0) <> coalesce(sum(f) FILTER (WHERE sign < 0), 0)
  ON CONFLICT ON CONSTRAINT tension_rollup_key DO UPDATE SET n = r.n + EXCLUDED.n, sw = r.sw + EXCLUDED.sw;
  INSERT INTO tension_tensioncellstatus AS s (cell, kind, status, due_day, n)
  SELECT cell, kind, status, due_day, sum(sign)::int
  FROM (
    SELECT h3_parent(h3, 9) AS cell, kind, status,
           CASE WHEN tension_open(status) THEN (due_at AT TIME ZONE tension_tz())::date END AS due_day, 1 AS sign
    FROM new_rows
    UNION ALL
    SELECT h3_parent(h3, 9), kind, status,
           CASE WHEN tension_open(status) THEN (due_at AT TIME ZONE tension_tz())::date END, -1
    FROM old_rows
  ) AS d
  GROUP BY 1, 2, 3, 4
  HAVING sum(sign) <> 0
  ON CONFLICT ON CONSTRAINT tension_cellstatus_key DO UPDATE SET n = s.n + EXCLUDED.n;
  INSERT INTO tension_tensionpointcell AS p (cell, kind, n, public, open, answered, closed, point)
  SELECT cell, kind, sum(n), sum(public), sum(open), sum(answered), sum(closed),
         ST_Transform((array_agg(geom ORDER BY sign DESC, id))[1], 3857)
  FROM (
    SELECT c.*, 1 AS sign, r.id, r.kind, r.geom FROM new_rows r, tension_point_counts(r.h3, r.status, 1) c
    UNION ALL
    SELECT c.*, -1, r.id, r.kind, r.geom FROM old_rows r, tension_point_counts(r.h3, r.status, -1) c
  ) AS d
  GROUP BY 1, 2
  HAVING sum(n) <> 0 OR sum(public) <> 0 OR sum(open) <> 0 OR sum(answered) <> 0 OR sum(closed) <> 0
  ON CONFLICT ON CONSTRAINT tension_pointcell_key DO UPDATE
    SET n = p.n + EXCLUDED.n, public = p.public + EXCLUDED.public, open = p.open + EXCLUDED.open,
        answered = p.answered + EXCLUDED.answered, closed = p.closed + EXCLUDED.closed;
  INSERT INTO tension_tensionmonthlyrollup AS m (month, cell, category_id, kind, status, n, swd)
  SELECT month, cell, category_id, kind, status, sum(sign)::int,
         coalesce(sum(f) FILTER (WHERE sign > 0), 0) - coalesce(sum(f) FILTER (WHERE sign < 0), 0)
  FROM (
    SELECT date_trunc('month', d)::date AS month, h3_parent(h3, 9) AS cell, category_id, kind, status, 1 AS sign,
           tension_month_weight(supports_count, d) AS f
    FROM (SELECT *, (created_at AT TIME ZONE tension_tz())::date AS d FROM new_rows) AS x
    WHERE NOT tension_open(status)
    UNION ALL
    SELECT date_trunc('month', d)::date, h3_parent(h3, 9), category_id, kind, status, -1,
           tension_month_weight(supports_count, d)
    FROM (SELECT *, (created_at AT TIME ZONE tension_tz())::date AS d FROM old_rows) AS x
    WHERE NOT tension_open(status)
  ) AS d
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(sign) <> 0
      OR coalesce(sum(f) FILTER (WHERE sign > 0), 0) <> coalesce(sum(f) FILTER (WHERE sign < 0), 0)
  ON CONFLICT ON CONSTRAINT tension_monthly_key DO UPDATE SET n = m.n + EXCLUDED.n, swd = m.swd + EXCLUDED.swd;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS tension_rollup_ins ON appeals_appeal;
DROP TRIGGER IF EXISTS tension_rollup_del ON appeals_appeal;
DROP TRIGGER IF EXISTS tension_rollup_upd ON appeals_appeal;
DROP TRIGGER IF EXISTS tension_rollup_trunc ON appeals_appeal;
CREATE TRIGGER tension_rollup_ins AFTER INSERT ON appeals_appeal
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tension_rollup_after_insert();
CREATE TRIGGER tension_rollup_del AFTER DELETE ON appeals_appeal
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tension_rollup_after_delete();
CREATE TRIGGER tension_rollup_upd AFTER UPDATE ON appeals_appeal
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tension_rollup_after_update();

-- TRUNCATE of the appeals (test databases being flushed) empties what was counted from them.
CREATE OR REPLACE FUNCTION tension_rollup_after_truncate() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM tension_tensionrollup;
  DELETE FROM tension_tensioncellstatus;
  DELETE FROM tension_tensionpointcell;
  DELETE FROM tension_tensionmonthlyrollup;
  RETURN NULL;
END $$;
CREATE TRIGGER tension_rollup_trunc AFTER TRUNCATE ON appeals_appeal
  FOR EACH STATEMENT EXECUTE FUNCTION tension_rollup_after_truncate();
