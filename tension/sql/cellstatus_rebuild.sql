-- Rebuilds the all-time counts per res-9 cell × kind × status (× due day while open) from the appeals.
DELETE FROM tension_tensioncellstatus;
INSERT INTO tension_tensioncellstatus (cell, kind, status, due_day, n)
SELECT h3_parent(h3, 9), kind, status,
       CASE WHEN tension_open(status) THEN (due_at AT TIME ZONE tension_tz())::date END, count(*)
FROM appeals_appeal GROUP BY 1, 2, 3, 4;
