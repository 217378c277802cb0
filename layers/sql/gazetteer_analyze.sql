-- Fresh planner statistics after a rebuild, so the first searches get index plans (autovacuum would
-- take a while to notice). Runs inside the rebuild's transaction; takes tens of milliseconds.
ANALYZE layers_gazetteerentry;
