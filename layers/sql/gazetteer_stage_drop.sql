-- Drops the staging table of a gazetteer rebuild (also left by an earlier rebuild in the same
-- transaction, where ON COMMIT DROP has not fired yet).
DROP TABLE IF EXISTS gazetteer_stage;
