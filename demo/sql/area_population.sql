-- Estimated population of areas from residential floor area: footprint (m², geography) × levels (default
-- 1) / m2_per_resident, counting each building in the area that contains its centroid. A building counts
-- as residential when its use is one of `uses` and it has an address (sheds, garages and most industrial
-- buildings of the OSM extract have none).
-- Params: ids (areas to update), uses (Property.use values counted as residential), m2_per_resident.
-- Storage 4326; areas in m² from the geography cast. Uses the GiST index on layers_property.geom.
UPDATE layers_adminarea a
SET population = s.population, updated_at = now()
FROM (
  SELECT a.id,
         round(coalesce(sum(coalesce(b.area_m2, ST_Area(b.geom::geography)) * coalesce(nullif(b.levels, 0), 1)), 0)
               / %(m2_per_resident)s)::int AS population
  FROM layers_adminarea a
  LEFT JOIN layers_property b
    ON b.kind = 'building' AND b.use = ANY(%(uses)s) AND b.address <> ''
   AND b.geom && a.geom AND ST_Contains(a.geom, ST_Centroid(b.geom))
  WHERE a.id = ANY(%(ids)s)
  GROUP BY a.id
) s
WHERE a.id = s.id;
