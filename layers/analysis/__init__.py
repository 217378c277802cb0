"""Area analysis: what lies inside a drawn polygon or an administrative area (POST /api/v1/analysis/area).

`params.py` checks the request body (pure), `selectors.py` runs one SQL statement per section
(layers/sql/analysis_*.sql) and the raster engineer's zonal statistics, `report.py` shapes the grouped rows
into the answer (pure), `views.py` + `urls.py` are the thin HTTP layer.
"""
