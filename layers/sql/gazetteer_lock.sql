-- Serialises gazetteer rebuilds: two at once (two imports) would each delete only the rows they can see
-- and both insert, doubling the entries. Held until the rebuild's transaction ends; searches never wait.
-- The key is a constant of this project: hashtext() of the name below.
SELECT pg_advisory_xact_lock(hashtext('geoportal.gazetteer_rebuild'));
