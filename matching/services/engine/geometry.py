"""Distances on the unit sphere: the chord between two points gives their great-circle
distance exactly, so a k-d tree over 3-D points finds the nearest places on Earth."""

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def unit_vectors(lat, lon) -> np.ndarray:
    """Points on the unit sphere for arrays of latitudes and longitudes (degrees)."""
    lat = np.radians(np.asarray(lat, dtype=np.float64))
    lon = np.radians(np.asarray(lon, dtype=np.float64))
    cos_lat = np.cos(lat)
    return np.column_stack((cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)))


def km_to_chord(km):
    return 2.0 * np.sin(
        np.minimum(np.asarray(km, dtype=np.float64), np.pi * EARTH_RADIUS_KM)
        / (2.0 * EARTH_RADIUS_KM)
    )


def chord_to_km(chord):
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.asarray(chord) / 2.0, 1.0))
