-- The property names of one uploaded Layer's features and their type, for TileJSON vector_layers.
-- Params: layer_id bigint. Returns (key text, type text), type one of String, Number, Boolean: a key whose
--   values mix JSON types, or holds objects / arrays (written as JSON text in tiles), is a String.
-- JSON nulls are not in tiles, so they do not count. Reads every feature of the layer (layer_id index).
SELECT p.key,
       CASE WHEN count(DISTINCT jsonb_typeof(p.value)) > 1 THEN 'String'
            WHEN min(jsonb_typeof(p.value)) = 'number' THEN 'Number'
            WHEN min(jsonb_typeof(p.value)) = 'boolean' THEN 'Boolean'
            ELSE 'String' END AS type
FROM layers_feature f, jsonb_each(f.properties) p
WHERE f.layer_id = %(layer_id)s
  AND jsonb_typeof(p.value) <> 'null'
GROUP BY p.key
ORDER BY p.key;
