-- Gazetteer source: the distinct names of roads (Asset kind road); Python maps each to its street key.
-- Params: none. Index: none needed, one sequential scan of layers_asset.
SELECT DISTINCT a.name FROM layers_asset a WHERE a.kind = 'road' AND a.name <> '' ORDER BY a.name;
