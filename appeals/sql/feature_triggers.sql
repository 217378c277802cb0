-- The read model appeals_appealfeature (one row per PUBLIC appeal: id, kind, its Feature text as the list
-- writes it, and as OGC API – Features writes it in CRS84, feature_functions.sql; its (lon, lat) as a
-- plane point for index-only bbox reads) kept by
-- statement-level triggers: one set-based write per statement (a COPY of 1M rows is one INSERT … SELECT).
-- appeals_public(status) is false for appeals.workflow.HIDDEN_STATUSES (written by the migrations and by
-- `manage.py rebuild_appeal_features`); a category's new code or name rewrites the Features of its appeals.
-- The functions run with TimeZone UTC, as Django's connections do (to_json(created_at) depends on it).
-- Every statement also draws a number from appeals_public_version: readers that keep what they built from
-- the public appeals (the appeals tiles, layers.tiles.selectors) key it with that sequence's last value,
-- so a write makes their kept answers unreachable (a sequence: no lock, no row written, no rollback).
CREATE SEQUENCE IF NOT EXISTS appeals_public_version;

CREATE OR REPLACE FUNCTION appeals_feature_after_insert() RETURNS trigger
  LANGUAGE plpgsql SET TimeZone TO 'UTC' AS $$
BEGIN
  PERFORM nextval('appeals_public_version');
  INSERT INTO appeals_appealfeature (id, kind, feature, ogc, xy)
  SELECT r.id, r.kind, appeals_feature_json(r, appeals_category_json(c)), appeals_ogc_feature_json(r, c),
         point(ST_X(r.geom), ST_Y(r.geom))
  FROM new_rows r JOIN appeals_category c ON c.id = r.category_id
  WHERE appeals_public(r.status);
  RETURN NULL;
END $$;

-- Upsert the public rows (only when their text changed: most updates touch internal fields), then drop
-- the rows of appeals that are hidden now.
CREATE OR REPLACE FUNCTION appeals_feature_after_update() RETURNS trigger
  LANGUAGE plpgsql SET TimeZone TO 'UTC' AS $$
BEGIN
  PERFORM nextval('appeals_public_version');
  INSERT INTO appeals_appealfeature AS f (id, kind, feature, ogc, xy)
  SELECT r.id, r.kind, appeals_feature_json(r, appeals_category_json(c)), appeals_ogc_feature_json(r, c),
         point(ST_X(r.geom), ST_Y(r.geom))
  FROM new_rows r JOIN appeals_category c ON c.id = r.category_id
  WHERE appeals_public(r.status)
  ON CONFLICT (id) DO UPDATE
    SET kind = EXCLUDED.kind, feature = EXCLUDED.feature, ogc = EXCLUDED.ogc, xy = EXCLUDED.xy
    WHERE (f.kind, f.feature, f.ogc, f.xy[0], f.xy[1])
          IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.feature, EXCLUDED.ogc, EXCLUDED.xy[0], EXCLUDED.xy[1]);
  DELETE FROM appeals_appealfeature f
  USING new_rows r WHERE f.id = r.id AND NOT appeals_public(r.status);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION appeals_feature_after_delete() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('appeals_public_version');
  DELETE FROM appeals_appealfeature f USING old_rows o WHERE f.id = o.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION appeals_feature_after_truncate() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('appeals_public_version');
  DELETE FROM appeals_appealfeature;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION appeals_feature_after_category_update() RETURNS trigger
  LANGUAGE plpgsql SET TimeZone TO 'UTC' AS $$
BEGIN
  PERFORM nextval('appeals_public_version');
  UPDATE appeals_appealfeature f
  SET feature = appeals_feature_json(a, appeals_category_json(c)), ogc = appeals_ogc_feature_json(a, c)
  FROM new_rows c
  JOIN old_rows o ON o.id = c.id
  JOIN appeals_appeal a ON a.category_id = c.id
  WHERE f.id = a.id AND (o.code, o.name_ru) IS DISTINCT FROM (c.code, c.name_ru);
  RETURN NULL;
END $$;

-- Every public appeal's row again (a new HIDDEN_STATUSES, rows loaded with the triggers off); returns
-- the rows written.
CREATE OR REPLACE FUNCTION appeals_feature_rebuild() RETURNS bigint
  LANGUAGE plpgsql SET TimeZone TO 'UTC' AS $$
DECLARE
  written bigint;
BEGIN
  DELETE FROM appeals_appealfeature;
  INSERT INTO appeals_appealfeature (id, kind, feature, ogc, xy)
  SELECT a.id, a.kind, appeals_feature_json(a, appeals_category_json(c)), appeals_ogc_feature_json(a, c),
         point(ST_X(a.geom), ST_Y(a.geom))
  FROM appeals_appeal a JOIN appeals_category c ON c.id = a.category_id
  WHERE appeals_public(a.status)
  ORDER BY a.id;
  GET DIAGNOSTICS written = ROW_COUNT;
  RETURN written;
END $$;

DROP TRIGGER IF EXISTS appeals_feature_ins ON appeals_appeal;
DROP TRIGGER IF EXISTS appeals_feature_upd ON appeals_appeal;
DROP TRIGGER IF EXISTS appeals_feature_del ON appeals_appeal;
DROP TRIGGER IF EXISTS appeals_feature_trunc ON appeals_appeal;
DROP TRIGGER IF EXISTS appeals_feature_category_upd ON appeals_category;
CREATE TRIGGER appeals_feature_ins AFTER INSERT ON appeals_appeal
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION appeals_feature_after_insert();
CREATE TRIGGER appeals_feature_upd AFTER UPDATE ON appeals_appeal
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeals_feature_after_update();
CREATE TRIGGER appeals_feature_del AFTER DELETE ON appeals_appeal
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION appeals_feature_after_delete();
CREATE TRIGGER appeals_feature_trunc AFTER TRUNCATE ON appeals_appeal
  FOR EACH STATEMENT EXECUTE FUNCTION appeals_feature_after_truncate();
CREATE TRIGGER appeals_feature_category_upd AFTER UPDATE ON appeals_category
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeals_feature_after_category_update();
