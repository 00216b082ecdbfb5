"""The one colour language (incentive/palette.py): colour-blind distances, status colours kept for statuses, the
pages' coloured words themed to them, and no chart built for the sample using a colour outside the palette."""

from __future__ import annotations

import itertools
import json
import tomllib

import numpy as np
import pytest
from conftest import ROOT, open_tab

from incentive import palette
from incentive.alerts import listing
from incentive.alerts.rules import RED, YELLOW

# Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of color vision
# deficiency", severity 1.0, applied to linear sRGB.
MACHADO = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
VISIONS = {"normal": np.eye(3), **MACHADO}


def linear(colour: str) -> np.ndarray:
    srgb = np.array(palette.rgb(colour)) / 255
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear sRGB triple."""
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(
        rgb_linear, 0, 1
    )
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str) -> float:
    """CIE76 ΔE between two colours as a reader with `vision` sees them."""
    matrix = VISIONS[vision]
    return float(np.linalg.norm(lab(matrix @ linear(a)) - lab(matrix @ linear(b))))


def test_the_simulation_is_the_published_one():
    """Checks of the helpers themselves: white stays white under every matrix (their rows sum to 1), pure red and
    green, told apart by anyone else, nearly merge for a deuteranope and a protanope."""
    for matrix in MACHADO.values():
        assert np.allclose(matrix.sum(axis=1), 1, atol=1e-3)
    assert delta_e("#ffffff", "#000000", "normal") == pytest.approx(100, abs=0.1)
    assert delta_e("#ff0000", "#00ff00", "normal") > 150
    assert delta_e("#ff0000", "#00ff00", "deuteranopia") < 0.4 * delta_e("#ff0000", "#00ff00", "normal")


# the colours a chart sets side by side, which every reader must tell apart
TOLD_APART = {
    "status": palette.STATUS,
    "tiers": palette.TIERS,
    "categories": dict(enumerate(palette.CATEGORIES)),
    "emphasis": {k: palette.EMPHASIS[k] for k in ("focus", "reference", "quiet")},
    "diverging": palette.DIVERGING,
}


@pytest.mark.parametrize("vision", list(VISIONS))
@pytest.mark.parametrize("group", list(TOLD_APART))
def test_colours_shown_together_stay_apart_for_colour_blind_readers(group, vision):
    colours = TOLD_APART[group]
    close = [
        (a, b, round(delta_e(colours[a], colours[b], vision), 1))
        for a, b in itertools.combinations(colours, 2)
        if delta_e(colours[a], colours[b], vision) < palette.MIN_DELTA_E
    ]
    assert not close, f"{group} under {vision}: {close}"


def test_categories_never_reuse_or_resemble_a_status_colour():
    verdicts = ("met", "near", "below")  # and the grey of 无目标, whose word is in the muted ink of any note
    statuses = set(palette.STATUS.values()) | {palette.STATUS_INK[k] for k in verdicts}
    assert not statuses & set(palette.CATEGORIES)
    assert not statuses & set(palette.TRAINING_CATEGORIES.values())
    for category, status in itertools.product(palette.CATEGORIES, statuses):
        assert delta_e(category, status, "normal") >= palette.MIN_DELTA_E, (category, status)
    # nor do the tiers, the emphasis and the diverging pair, which are not verdicts either
    others = {
        *palette.TIERS.values(),
        *palette.EMPHASIS.values(),
        palette.DIVERGING["above"],
        palette.DIVERGING["below"],
    }
    assert not others & {palette.STATUS[k] for k in ("met", "near", "below")}


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio."""
    lum = [float(np.array([0.2126, 0.7152, 0.0722]) @ linear(c)) for c in (a, b)]
    return (max(lum) + 0.05) / (min(lum) + 0.05)


def test_status_words_are_readable_on_white():
    for status, ink in palette.STATUS_INK.items():
        assert contrast(ink, "#ffffff") >= 4.5, status
        if status != "none":  # the same hue as the fill, darker (CIELAB hue angle within 25°)
            (_, a1, b1), (_, a2, b2) = lab(linear(ink)), lab(linear(palette.STATUS[status]))
            turn = abs(np.degrees(np.arctan2(b1, a1) - np.arctan2(b2, a2))) % 360
            assert min(turn, 360 - turn) < 25, (status, turn)


def test_the_pages_coloured_words_are_the_status_colours():
    """:red[…] and :orange[…] (the 预警 levels) and :green[…] are Streamlit's theme colours, set to STATUS_INK; a
    red warning speaks of 未达标, a yellow one of 接近."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    for status, name in palette.STREAMLIT_COLOUR.items():
        assert theme[f"{name}Color"].lower() == palette.STATUS_INK[status]
    assert listing.level_markdown(RED, "zh") == ":red[**红色**]"
    assert listing.level_markdown(YELLOW, "en") == ":orange[**Yellow**]"
    assert palette.STREAMLIT_COLOUR[palette.ALERT_LEVEL_STATUS[RED]] == "red"


def colours_in(node, path: str = "") -> list[tuple[str, str]]:
    """(path, colour) for every colour a Plotly figure's JSON sets: any key with 'color' in its name (color,
    bgcolor, gridcolor, colorway, colorscale …), skipping the layout's template (Plotly's defaults, which the
    figure overrides where it draws)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "template":
                continue
            here = f"{path}.{key}"
            if "color" in key.lower():
                found += [(here, c) for c in _strings(value)]
            else:
                found += colours_in(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += colours_in(value, f"{path}[{i}]")
    return found


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []  # numbers (a colour scale's stops), None


def outside_palette(figure: dict) -> list[tuple[str, str]]:
    allowed = palette.all_colours()
    return [(path, c) for path, c in colours_in(figure) if c.lower() not in allowed]


def test_the_walk_finds_a_colour_outside_the_palette():
    figure = {"data": [{"marker": {"color": ["#127a6a", "#ff0000"]}}], "layout": {"template": {"x": "#123456"}}}
    assert outside_palette(figure) == [(".data[0].marker.color", "#ff0000")]


PAGES = ["views/overview.py", "views/rankings.py", "views/training.py", "views/welfare.py", "views/movements.py"]
# the tabs of a page's further sections (ui/section_tabs.py), each drawn only when open
TABS = {
    "views/rankings.py": ("tracks", "focus"),
    "views/training.py": ("domains", "trend"),
    "views/welfare.py": ("county",),
}


@pytest.mark.slow
def test_no_chart_on_a_page_uses_a_colour_outside_the_palette(app_factory):
    """Every Plotly chart each page draws for the sample (Chinese; the colours do not depend on the language)."""
    at = app_factory()
    figures = 0
    for page in PAGES:
        at.switch_page(page)
        at.run()
        for tab in (None, *TABS.get(page, ())):
            if tab:
                open_tab(at, tab)
            assert not at.exception, [e.value for e in at.exception]
            for chart in at.get("plotly_chart"):
                figure = json.loads(chart.proto.spec)
                assert not outside_palette(figure), (page, figure["layout"].get("title"), outside_palette(figure))
                figures += 1
    assert figures >= 15


@pytest.mark.slow
def test_no_chart_of_the_briefing_uses_a_colour_outside_the_palette(sample_db_file):
    from incentive.sharing import briefing
    from incentive.store.database import Database

    db = Database(sample_db_file)
    try:
        for county in ("", "棠梨县"):
            content = briefing.gather(db, 2026, county, "zh", "http://x.local/")
            figures = [f for section in content.sections for f in section.figures]
            assert len(figures) >= 3
            for figure in figures:
                assert not outside_palette(figure.to_plotly_json()), figure.layout.title.text
    finally:
        db.close()
