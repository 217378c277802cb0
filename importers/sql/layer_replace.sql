-- Replace mode of a layer import: delete the layer's features that the staged rows do not bring.
-- Runs inside the import transaction, after the upsert (so kept features keep their ids).
-- Params: layer_id bigint. Uses the index of layers_feature on layer_id; rows with an empty source_id
-- (drawn by hand, never imported) go too: after a replace the layer holds exactly the file's features.
DELETE FROM layers_feature f
WHERE f.layer_id = %(layer_id)s
  AND NOT EXISTS (
      SELECT 1 FROM import_stage s WHERE s.target = 'feature' AND s.source_id = f.source_id
  )
