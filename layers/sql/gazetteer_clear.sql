-- Empties the gazetteer before a rebuild. DELETE, not TRUNCATE: it takes no ACCESS EXCLUSIVE lock, so
-- searches keep reading the old rows until the rebuild's transaction commits.
DELETE FROM layers_gazetteerentry;
