-- Gazetteer search: the best `limit` entries for a parsed query, best first (layers/search/selectors.py).
-- Params (from layers.search.normalize.parse_query):
--   words_tsquery, text_tsquery text — to_tsquery() arguments of the street part / of the whole query
--     (every token; the last token typed as a prefix, for type-ahead);
--   words_core, text_core text — the same texts without street-type words (the trigram keys);
--   house text — the house number key ('' when none), house_prefix text — house || '%%';
--   cadastral text — a cadastral number or its start ('' when the query is not one), cadastral_prefix;
--   kinds text[]; internal boolean (may see internal layers); located boolean (only entries with a point);
--   limit int; street_limit int (the best streets whose houses are looked up);
--   fts_weight, trgm_weight, exact_bonus, prefix_penalty float8 (the ranking weights).
-- Ranking (see docs/ARCHITECTURE.md "Search and geocoding"):
--   text score t = trgm_weight * similarity(normalized, core) + fts_weight * (tsv @@ tsquery), 0..1;
--   street: t (of the street part); address on a matched street: t * (1 + exact_bonus) for the house
--   asked for, t * (1 - prefix_penalty) for a house that starts with it (type-ahead), so on one street
--   the house ranks first, then the street, then the other houses; asset, layer: t of the whole query;
--   cadastral: 1 + 0.5 * (length asked / length of the number), 1.5 when exact.
--   Entries with the same kind and name (several buildings of one address) count once: the best.
-- Indexes: gazetteer_tsv_gin (@@) and gazetteer_trgm_gin (%% and LIKE 'prefix%%'), both without the
--   addresses; gazetteer_kind_street (kind, street, housenumber) for the houses of a street.
--   The trigram operator %% uses pg_trgm.similarity_threshold (default 0.3); it is skipped for an empty
--   core (a query of street types only), which would make GIN read the whole index.
-- SRID: point and bbox are EPSG:4326; lon/lat and west/south/east/north are degrees.
WITH q AS MATERIALIZED (
  -- Computed once: to_tsquery is only STABLE, so written inline it would run again for every row.
  SELECT to_tsquery('russian', %(words_tsquery)s) AS words, to_tsquery('russian', %(text_tsquery)s) AS text
),
streets AS MATERIALIZED (
  SELECT g.id, g.kind, g.name, g.street,
         %(trgm_weight)s * similarity(g.normalized, %(words_core)s)
           + CASE WHEN g.tsv @@ (SELECT words FROM q) THEN %(fts_weight)s ELSE 0 END AS t
  FROM layers_gazetteerentry g
  WHERE %(cadastral)s = '' AND g.kind = 'street'
    AND (g.tsv @@ (SELECT words FROM q)
         OR (%(words_core)s <> '' AND g.normalized %% %(words_core)s))
),
hits AS (
  SELECT s.id, s.kind, s.name, s.t AS score FROM streets s
  UNION ALL
  SELECT a.id, a.kind, a.name,
         s.t * CASE WHEN a.housenumber = %(house)s THEN 1 + %(exact_bonus)s ELSE 1 - %(prefix_penalty)s END
  -- Houses on the best `street_limit` streets only: a query of street types alone («ул 1») matches every
  -- street, and houses of weakly matching streets would not reach the first page anyway.
  FROM (SELECT * FROM streets ORDER BY t DESC, id LIMIT %(street_limit)s) s
  -- OFFSET 0 keeps this a per-street index lookup (the planner would otherwise hash-join all addresses).
  CROSS JOIN LATERAL (
    SELECT a.id, a.kind, a.name, a.housenumber FROM layers_gazetteerentry a
    WHERE a.kind = 'address' AND a.street = s.street
      AND (a.housenumber = %(house)s OR a.housenumber LIKE %(house_prefix)s)
    OFFSET 0
  ) a
  WHERE %(house)s <> ''
  UNION ALL
  SELECT g.id, g.kind, g.name,
         %(trgm_weight)s * similarity(g.normalized, %(text_core)s)
           + CASE WHEN g.tsv @@ (SELECT text FROM q) THEN %(fts_weight)s ELSE 0 END
  FROM layers_gazetteerentry g
  WHERE %(cadastral)s = '' AND g.kind IN ('asset', 'layer') AND (g.is_public OR %(internal)s)
    AND (g.tsv @@ (SELECT text FROM q)
         OR (%(text_core)s <> '' AND g.normalized %% %(text_core)s))
  UNION ALL
  SELECT g.id, g.kind, g.name, 1 + 0.5 * length(%(cadastral)s)::float8 / length(g.normalized)
  FROM layers_gazetteerentry g
  WHERE %(cadastral)s <> '' AND g.kind = 'cadastral' AND g.normalized LIKE %(cadastral_prefix)s
),
best AS (
  SELECT h.id, h.score
  FROM (
    SELECT h.*, row_number() OVER (PARTITION BY h.kind, h.name ORDER BY h.score DESC, h.id) AS nth
    FROM hits h
    WHERE h.kind = ANY (%(kinds)s::text[])
  ) h
  WHERE h.nth = 1
    AND (NOT %(located)s OR EXISTS (
      SELECT 1 FROM layers_gazetteerentry l WHERE l.id = h.id AND l.point IS NOT NULL
    ))
  ORDER BY h.score DESC, h.kind, h.name, h.id
  LIMIT %(limit)s
)
SELECT g.id, g.kind, g.name, g.ref_type, g.ref_id,
       round(b.score::numeric, 3)::float8 AS score,
       ST_X(g.point) AS lon, ST_Y(g.point) AS lat,
       ST_XMin(g.bbox) AS west, ST_YMin(g.bbox) AS south, ST_XMax(g.bbox) AS east, ST_YMax(g.bbox) AS north
FROM best b
JOIN layers_gazetteerentry g ON g.id = b.id
ORDER BY b.score DESC, g.kind, g.name, g.id;
