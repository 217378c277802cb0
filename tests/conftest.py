"""Every test talks to real PostGIS (the private cluster, or DATABASE_URL); never SQLite."""
