-- Upsert the staged rows of one target into its table; returns (inserted, updated).
-- Composed in Python with psycopg.sql: {table}, {columns} (insert column list), {values} (select list
-- over staging row s and f = jsonb_populate_record of s.fields as a row of {table}), {conflict} (the
-- columns of the partial unique index, whose predicate is source_id <> ''), {updates} (SET list).
-- Params: target, source, layer_id. A row is new when its xmax is 0 (no earlier version was updated).
WITH upserted AS (
    INSERT INTO {table} AS t ({columns})
    SELECT {values}
    FROM import_stage s
    CROSS JOIN LATERAL jsonb_populate_record(NULL::{table}, s.fields) f
    WHERE s.target = %(target)s
    ORDER BY s.seq
    ON CONFLICT ({conflict}) WHERE source_id <> '' DO UPDATE SET {updates}
    RETURNING (t.xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted
