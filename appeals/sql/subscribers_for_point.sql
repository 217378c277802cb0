-- Confirmed area subscriptions whose area contains a point (an appeal's location).
-- Params: lon, lat float8   the point in degrees, EPSG:4326, axis order (lon, lat)
-- Two branches so that each uses its GiST index: layers_adminarea.geom for subscriptions to a district /
-- ТОС, appeals_areasubscription.geom for drawn polygons. ST_Intersects: a point on the border counts.
-- Output: subscription id, e-mail ('' for a user's subscription: the caller reads the user's address),
-- user_id (NULL for an e-mail subscription). Ordered by id.
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s::float8, %(lat)s::float8), 4326) AS g)
SELECT s.id, s.email, s.user_id
FROM appeals_areasubscription s
JOIN layers_adminarea a ON a.id = s.area_id, pt
WHERE s.confirmed_at IS NOT NULL AND ST_Intersects(a.geom, pt.g)
UNION ALL
SELECT s.id, s.email, s.user_id
FROM appeals_areasubscription s, pt
WHERE s.confirmed_at IS NOT NULL AND s.geom IS NOT NULL AND ST_Intersects(s.geom, pt.g)
ORDER BY 1;
