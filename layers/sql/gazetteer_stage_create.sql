-- The staging table of one gazetteer rebuild, filled by COPY (layers/search/services.py), one row per
-- entry; columns as layers.search.entries.Entry. Coordinates are degrees, EPSG:4326 (null: no place).
CREATE TEMP TABLE gazetteer_stage (
  kind text NOT NULL,
  name text NOT NULL,
  normalized text NOT NULL,
  fulltext text NOT NULL,
  street text NOT NULL,
  housenumber text NOT NULL,
  ref_type text NOT NULL,
  ref_id bigint,
  is_public boolean NOT NULL,
  lon float8, lat float8, west float8, south float8, east float8, north float8
) ON COMMIT DROP;
