-- numberMatched of an OGC API – Features request, counted up to a cap. The ids marker below is replaced by
-- the SQL Django compiles for the ids of every matching feature (filters as bound parameters).
-- Params: those of the compiled ids SQL, then cap int — counting stops there (the caller then omits it).
-- Index: what the ids SQL uses.
SELECT count(*)::int FROM (SELECT 1 FROM ({ids}) i LIMIT %s) c;
