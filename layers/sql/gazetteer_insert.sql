-- Inserts the staged gazetteer entries (gazetteer_stage, filled by COPY), computing the 'russian'
-- tsvector of the full normal form and the geometry: point (lon, lat) and the envelope
-- (west, south, east, north), EPSG:4326; both null when the object has no place (a layer without
-- features). Params: none.
INSERT INTO layers_gazetteerentry
  (kind, name, normalized, tsv, street, housenumber, ref_type, ref_id, is_public, point, bbox)
SELECT e.kind, e.name, e.normalized, to_tsvector('russian', e.fulltext), e.street, e.housenumber,
       e.ref_type, e.ref_id, e.is_public,
       ST_SetSRID(ST_MakePoint(e.lon, e.lat), 4326),
       ST_MakeEnvelope(e.west, e.south, e.east, e.north, 4326)
FROM gazetteer_stage e;
