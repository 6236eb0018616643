"""Maps of places drawn as inline SVG from reconciled coordinates (geo:asWKT).

Nothing is fetched: there are no tiles and no coastline data, only a graticule of meridians and
parallels, the points and their names, in an equirectangular projection around the points.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from .data import Place

STEPS = (0.5, 1, 2, 5, 10, 15, 30, 45)


def _extent(places: list[Place]) -> tuple[float, float, float, float]:
    lons = [p.lon for p in places]
    lats = [p.lat for p in places]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    pad_x = max((e - w) * 0.15, 2.0)
    pad_y = max((n - s) * 0.15, 1.5)
    return max(w - pad_x, -180), min(e + pad_x, 180), max(s - pad_y, -85), min(n + pad_y, 85)


def _step(span: float) -> float:
    return next((s for s in STEPS if span / s <= 8), 60)


def map_svg(places: list[Place], href: Callable[[str], str], title: str, width: int = 760) -> str:
    if not places:
        return ""
    w, e, s, n = _extent(places)
    # Shrink longitudes by the cosine of the middle latitude so shapes are not stretched.
    kx = math.cos(math.radians((s + n) / 2))
    aspect = (n - s) / max((e - w) * kx, 1e-9)
    height = int(min(max(width * aspect, 240), 640))
    sx = width / (e - w)
    sy = height / (n - s)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - w) * sx, (n - lat) * sy

    desc = "; ".join(f"{p.label} ({p.lat:.2f}, {p.lon:.2f})" for p in places[:40])
    out = [f'<svg class="map" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(desc)}</desc>',
           f'<rect x="0" y="0" width="{width}" height="{height}" class="sea"/>']
    step = _step(max(e - w, n - s))
    lon = math.ceil(w / step) * step
    while lon <= e:
        x, _ = xy(lon, n)
        side = "E" if lon >= 0 else "W"
        out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" class="grid"/>'
                   f'<text x="{x + 3:.1f}" y="{height - 4}" class="tick">{abs(lon):g}°{side}</text>')
        lon += step
    lat = math.ceil(s / step) * step
    while lat <= n:
        _, y = xy(w, lat)
        out.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="3" y="{y - 3:.1f}" class="tick">{abs(lat):g}°{"N" if lat >= 0 else "S"}</text>')
        lat += step
    for p in places[:500]:
        x, y = xy(p.lon, p.lat)
        # Names of points near the right edge go to their left, so they are not cut off.
        anchor = f'x="{x + 9:.1f}"' if x < width * 0.7 else f'x="{x - 9:.1f}" text-anchor="end"'
        out.append(f'<a href="{escape(href(p.iri))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="mark">'
                   f'<title>{escape(p.label)}</title></circle>'
                   f'<text {anchor} y="{y + 4:.1f}" class="label">{escape(p.label)}</text></a>')
    out.append("</svg>")
    return "".join(out)
