-- The property keys of one uploaded layer and the JSON type each mostly holds, for OGC API queryables.
-- Read from a sample of the layer's first features (by id): uploads share one schema per layer, so a
-- sample sees every key; a key that is null in every sampled feature is left out.
-- Params: layer_id bigint — the Layer; sample int — how many features to read.
-- Index: layers_feature (layer_id) btree, then the primary key order.
-- Output: key text, json_type text (string, number, boolean, object or array), ordered by key.
SELECT e.key, mode() WITHIN GROUP (ORDER BY jsonb_typeof(e.value)) AS json_type
FROM (
  SELECT f.properties
  FROM layers_feature f
  WHERE f.layer_id = %(layer_id)s
  ORDER BY f.id
  LIMIT %(sample)s
) s, jsonb_each(s.properties) e
WHERE jsonb_typeof(e.value) <> 'null'
GROUP BY e.key
ORDER BY e.key;
