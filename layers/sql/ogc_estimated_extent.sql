-- PostGIS's estimated extent of a table's geom column from its statistics (no scan); EPSG:4326 degrees.
-- Params: table text — the table name (bound). Output: west, south, east, north, or NULLs without stats.
WITH e AS (SELECT ST_EstimatedExtent(%(table)s, 'geom') AS b)
SELECT ST_XMin(e.b), ST_YMin(e.b), ST_XMax(e.b), ST_YMax(e.b) FROM e;
