"""Charts drawn on the server as inline SVG: no JavaScript, readable by screen readers (each chart has
a text label and a <title> per part), printable. Every text from the database is escaped."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from hoptac.core.choices import choice_labels
from hoptac.plans.standing import STANDING_COLOURS, STANDING_ORDER, Standing


def split_bar(split: dict, *, label: str = "", width: int = 320, height: int = 18) -> SafeString:
    """One stacked bar of a status split ({standing: count}), each part as wide as its share."""
    total = sum(split.values())
    labels = choice_labels(Standing)
    described = ", ".join(f"{labels[s]}: {split[s]}" for s in STANDING_ORDER if split.get(s))
    summary = escape(f"{label}: {described}" if label else described or gettext("no activities"))
    if not total:
        return mark_safe(
            f'<svg class="chart chart--split" role="img" aria-label="{summary}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">'
            f'<rect width="{width}" height="{height}" fill="#eee"/></svg>'
        )
    parts, x = [], 0.0
    for standing in STANDING_ORDER:
        count = split.get(standing, 0)
        if not count:
            continue
        w = width * count / total
        parts.append(
            f'<rect x="{x:.1f}" width="{w:.1f}" height="{height}" fill="{STANDING_COLOURS[standing]}">'
            f"<title>{escape(labels[standing])}: {count}</title></rect>"
        )
        x += w
    return mark_safe(
        f'<svg class="chart chart--split" role="img" aria-label="{summary}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">{"".join(parts)}</svg>'
    )


def percent_bars(rows: list[tuple[str, float | None]], *, label: str, width: int = 640) -> SafeString:
    """Horizontal bars, one per (name, percent done); None is drawn as "no plan yet"."""
    bar_height, gap, name_width = 16, 6, 180
    height = len(rows) * (bar_height + gap) + gap
    scale = width - name_width - 50
    parts = []
    none_text = escape(gettext("no implementing plan"))
    for index, (name, percent) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        shown = escape(name if len(name) <= 24 else name[:23] + "…")
        parts.append(
            f'<text x="{name_width - 6}" y="{y + bar_height - 4}" text-anchor="end" font-size="12">'
            f"{shown}</text>"
        )
        if percent is None:
            parts.append(
                f'<text x="{name_width}" y="{y + bar_height - 4}" font-size="11" fill="#767676">'
                f"{none_text}</text>"
            )
            continue
        w = max(1.0, scale * percent / 100)
        parts.append(
            f'<rect x="{name_width}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="#1565c0">'
            f"<title>{escape(name)}: {percent:.0f}%</title></rect>"
            f'<text x="{name_width + w + 4:.1f}" y="{y + bar_height - 4}" font-size="11">'
            f"{percent:.0f}%</text>"
        )
    return mark_safe(
        f'<svg class="chart chart--bars" role="img" aria-label="{escape(label)}" width="100%" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet">{"".join(parts)}</svg>'
    )


def legend() -> SafeString:
    labels = choice_labels(Standing)
    items = "".join(
        f'<li><span class="swatch" style="background:{STANDING_COLOURS[s]}" aria-hidden="true"></span>'
        f"{escape(labels[s])}</li>"
        for s in STANDING_ORDER
    )
    return mark_safe(f'<ul class="chart-legend">{items}</ul>')
