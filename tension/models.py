"""Tension models arrive with the tension issue; the H3 SQL functions are created by migration 0001."""
