"""Timelines drawn as inline SVG (no scripts, nothing fetched); a table beside each carries the links."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from .data import Dated

ROW = 22
LABEL_W = 260
MAX_ROWS = 200


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Tick dates and their labels: decades, years, months or days, about 4 to 12 of them."""
    days = (hi - lo).days
    ticks: list[tuple[date, str]] = []
    if days > 365 * 12:
        step = 10 if days > 365 * 40 else 5 if days > 365 * 20 else 2
        y = lo.year - lo.year % step + step
        while y <= hi.year:
            ticks.append((date(y, 1, 1), str(y)))
            y += step
    elif days > 500:
        ticks = [(date(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1)]
    elif days > 50:
        step = 3 if days > 250 else 1
        y, m = lo.year, lo.month
        while True:
            m += 1
            if m > 12:
                y, m = y + 1, 1
            d = date(y, m, 1)
            if d > hi:
                break
            if (m - 1) % step == 0:
                ticks.append((d, d.strftime("%b %Y")))
    else:
        step = max(1, days // 8)
        d = lo
        while d <= hi:
            ticks.append((d, d.strftime("%d %b")))
            d += timedelta(days=step)
    return ticks


def timeline_svg(events: list[Dated], href: Callable[[str], str], title: str, width: int = 760) -> str:
    """Each event a row: a bar from begin to end (a dot for a single day), on a shared date axis."""
    rows: list[tuple[Dated, date, date]] = []
    for ev in events[:MAX_ROWS]:
        b, x = _day(ev.begin), _day(ev.end)
        if b is not None:
            rows.append((ev, b, x or b))
    if not rows:
        return ""
    lo = min(b for _, b, _ in rows)
    hi = max(x for _, _, x in rows)
    lo, hi = lo - timedelta(days=1), hi + timedelta(days=1)
    plot_w = width - LABEL_W - 50  # room for the last tick label
    span = max((hi - lo).days, 1)

    def x_of(d: date) -> float:
        return LABEL_W + (d - lo).days / span * plot_w

    height = 40 + ROW * len(rows)
    desc = f"{len(rows)} events from {lo + timedelta(days=1)} to {hi - timedelta(days=1)}"
    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="tl-title">{escape(title)}</title><desc id="tl-desc">{escape(desc)}</desc>']
    for d, text in _ticks(lo, hi):
        tx = x_of(d)
        out.append(f'<line x1="{tx:.1f}" y1="18" x2="{tx:.1f}" y2="{height - 4}" class="grid"/>'
                   f'<text x="{tx:.1f}" y="13" class="tick">{escape(text)}</text>')
    for n, (e, b, x) in enumerate(rows):
        y = 30 + n * ROW
        label = e.label if len(e.label) <= 38 else e.label[:37] + "…"
        out.append(f'<a href="{escape(href(e.iri))}"><text x="4" y="{y + 4}" class="label">{escape(label)}'
                   f'<title>{escape(e.label)}: {escape(e.span_label)}</title></text>')
        x1, x2 = x_of(b), x_of(x)
        if x2 - x1 < 4:
            out.append(f'<circle cx="{(x1 + x2) / 2:.1f}" cy="{y}" r="5" class="mark"/>')
        else:
            out.append(f'<rect x="{x1:.1f}" y="{y - 6}" width="{x2 - x1:.1f}" height="12" rx="3" class="mark"/>')
        out.append("</a>")
    out.append("</svg>")
    return "".join(out)


def histogram_svg(bins: list[tuple[str, int]], title: str, width: int = 760, height: int = 180) -> str:
    """Bars of counts per bin (years), labelled; the table beside it links each year."""
    if not bins:
        return ""
    top = max(c for _, c in bins) or 1
    bar_w = (width - 40) / len(bins)
    out = [f'<svg class="histogram" viewBox="0 0 {width} {height}" width="100%" role="img" '
           'aria-labelledby="hg-title" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="hg-title">{escape(title)}</title>']
    every = max(1, len(bins) // 12)
    for n, (name, count) in enumerate(bins):
        h = (height - 40) * count / top
        x = 20 + n * bar_w
        out.append(f'<rect x="{x + 1:.1f}" y="{height - 24 - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                   f'height="{h:.1f}" class="mark"><title>{escape(name)}: {count}</title></rect>')
        if n % every == 0:
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" class="tick">{escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)
