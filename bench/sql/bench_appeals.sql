-- The table the peers (tipg, pygeoapi) serve: the public appeals with the public properties of
-- GET /api/v1/appeals, copied from appeals_appeal (same rows, same values), with a primary key (the peers
-- need one) and a GiST index on geom. psql variable: hidden = the hidden statuses as a text[] literal.
-- usage: psql -v hidden='{new,rejected}' -f bench/sql/bench_appeals.sql
\set ON_ERROR_STOP on
BEGIN;
DROP TABLE IF EXISTS bench_appeals;
CREATE TABLE bench_appeals AS
SELECT a.id, a.kind, c.code AS category, c.name_ru AS category_name, a.status, a.created_at, a.address,
       a.text, a.supports_count, a.geom::geometry(Point, 4326) AS geom
FROM appeals_appeal a
JOIN appeals_category c ON c.id = a.category_id
WHERE a.status <> ALL (:'hidden'::text[])
ORDER BY a.id;
ALTER TABLE bench_appeals ADD PRIMARY KEY (id);
CREATE INDEX bench_appeals_geom ON bench_appeals USING gist (geom);
COMMIT;
VACUUM ANALYZE bench_appeals;
