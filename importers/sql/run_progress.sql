-- Live progress of a running import (importers/progress.py), written from a second connection in
-- autocommit while the import's own transaction is open. Only a run still "running" is touched, so a
-- late write can never overwrite the final counts. Params: done int, total int (NULL when unknown),
-- elapsed_s float (seconds since the run started), run_id bigint, running text (the status value).
UPDATE importers_importrun
SET read_count = %(done)s,
    timings = jsonb_build_object(
        'progress', jsonb_build_object('done', %(done)s, 'total', %(total)s::int),
        'elapsed_s', %(elapsed_s)s::float8)
WHERE id = %(run_id)s AND status = %(running)s
