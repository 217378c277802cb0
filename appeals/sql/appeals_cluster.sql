-- Rewrites appeals_appeal in the order of its GiST index on geom, so that appeals near each other share
-- heap pages: a 400 m box of the bench town (~8,000 appeals) then reads ~100 pages instead of ~8,000, for
-- OGC paging, bbox lists, nearby suggestions and tiles. A one-time order: later appeals are appended, so
-- run it again now and then (docs/ARCHITECTURE.md, "Performance decisions"). Takes an ACCESS EXCLUSIVE
-- lock for the rewrite (~1 min for 1M appeals on these machines; pg_repack --order-by does it online).
-- Params: none. The index is found by its access method, whatever its generated name.
DO $$
DECLARE gist regclass;
BEGIN
  SELECT i.indexrelid::regclass INTO STRICT gist
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_am am ON am.oid = c.relam
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
  WHERE i.indrelid = 'appeals_appeal'::regclass AND am.amname = 'gist' AND a.attname = 'geom';
  EXECUTE format('CLUSTER appeals_appeal USING %s', gist);
END
$$;
ANALYZE appeals_appeal;
