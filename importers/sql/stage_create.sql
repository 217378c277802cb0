-- The staging table of one import run, inside the run's transaction; dropped at commit or rollback.
-- Rows arrive by COPY (text format). seq: order of arrival (unique); row_no: 1-based row in the source;
-- fields: model column -> value (already checked in Python); geom: EWKB, EPSG:4326 (lon, lat), any type
-- and dimension (the upsert forces 2D and promotes polygons for MultiPolygon columns).
CREATE TEMP TABLE import_stage (
    seq integer NOT NULL,
    target text NOT NULL,
    row_no integer NOT NULL,
    source_id text NOT NULL,
    fields jsonb NOT NULL,
    geom geometry
) ON COMMIT DROP
