-- The appeals' write version: the last number drawn by any statement that wrote appeals or categories
-- (appeals/sql/feature_triggers.sql). Kept answers built from the public appeals carry it in their key.
SELECT last_value FROM appeals_public_version
