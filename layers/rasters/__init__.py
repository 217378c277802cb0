"""Rasters: GeoTIFF uploads stored as Cloud-Optimised GeoTIFFs, PNG tiles, point values, zonal statistics.

Pure modules: ramps (colour maps), stats (band and zonal maths), tilegrid (EPSG:3857 tile grid and the
overview to read). rasterio I/O: cog (check + convert an upload), render (a PNG tile), sampling (values
and zones). services writes (raster_create), selectors reads, views + urls are thin.
"""
