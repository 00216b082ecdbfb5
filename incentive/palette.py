"""The one colour language of the dashboard: every chart, the PDF briefing, the 通报 and the pages' coloured words
take their colours from here, each colour with one meaning (docs/decisions.md#one-colour-language).

- STATUS: 达标 / 接近 / 未达标 / 无目标 (met / near / below / none), the traffic lights. Red means 未达标 and nothing
  else; a red 预警 is a warning of the 未达标 kind and a yellow one of the 接近 kind (ALERT_LEVEL_STATUS).
  STATUS_INK is the same hue dark enough for words on white (WCAG contrast ≥ 4.5:1): the pages' `:red[…]`,
  `:orange[…]` and `:green[…]` (Streamlit's theme colours, set to these in .streamlit/config.toml).
- TIERS: 第一 / 第二 / 第三方阵 in one blue, darker for the better tier (a ranking is an order, not a verdict).
- EMPHASIS: the unit a reader chose (focus), the whole prefecture or the median (reference), the other units
  (quiet), and a target or pace line (target, drawn dashed).
- CATEGORIES: kinds side by side (training categories, online / collective, promotion / accountability) in neutral
  hues that are not status colours, so a category never reads as a verdict.
- DIVERGING: above and below a centre (the average, 0 of a z-score), blue and brown, never green and red.
- INK: text, grid lines and rules.

Colour-blind safety: within each group that a chart sets side by side (statuses, tiers, categories, emphasis) the
colours stay at least MIN_DELTA_E apart (CIE76 ΔE in CIELAB) for normal vision and for simulated protanopia,
deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009, severity 1); tests/test_palette.py checks it.
Statuses keep their words beside the colour everywhere (legends, 红色/黄色 written out), for readers who tell no
colours apart at all. Hex strings, lower case, `#rrggbb`.
"""

from __future__ import annotations

STATUS = {"met": "#127a6a", "near": "#f2c14e", "below": "#b42318", "none": "#cfcfcf"}
STATUS_INK = {"met": "#0b5e51", "near": "#8a5a00", "below": "#b42318", "none": "#5f5f5f"}

TIERS = {1: "#1d4e89", 2: "#5b8ec4", 3: "#b6cbe3"}

EMPHASIS = {"focus": "#8e24aa", "reference": "#4f6477", "quiet": "#c8ccd2", "target": "#555555"}

CATEGORIES = ("#3b4cc0", "#7fb8e0", "#9c7a5b", "#404040")
TRAINING_CATEGORIES = dict(zip(("political", "professional", "innovation", "practice"), CATEGORIES, strict=True))

DIVERGING = {"above": "#1d4e89", "centre": "#f7f7f7", "below": "#a0703c"}
SEQUENTIAL = ("#f7f7f7", "#1d4e89")  # light to dark: more

INK = {
    "text": "#111111",
    "muted": "#555555",
    "axis": "#888888",
    "tick": "#333333",  # tick labels: Streamlit's theme grey (#808495) is too faint on a phone in daylight
    "connector": "#bbbbbb",
    "grid": "#e8e8e8",
    "paper": "#ffffff",
    "on_dark": "#ffffff",
}

# The red of an official document's head (版头) and its rule, GB/T 9704-2012: the document's form, not a data colour;
# used by the 通报 only.
DOCUMENT_RED = "#c00000"

# 预警 levels (incentive/alerts) speak the status language: 红色 is the 未达标 kind, 黄色 the 接近 kind.
ALERT_LEVEL_STATUS = {"red": "below", "yellow": "near"}
# Streamlit's named Markdown colours, themed to STATUS_INK in .streamlit/config.toml
STREAMLIT_COLOUR = {"below": "red", "near": "orange", "met": "green"}

MIN_DELTA_E = 20.0


def all_colours() -> set[str]:
    """Every colour a chart may use."""
    groups = [STATUS, STATUS_INK, TIERS, EMPHASIS, DIVERGING, INK]
    return {c for group in groups for c in group.values()} | set(CATEGORIES) | set(SEQUENTIAL)


def status_scale() -> list[list]:
    """A Plotly colour scale for the codes 0 none, 1 below, 2 near, 3 met over zmin -0.5 … zmax 3.5: steps."""
    steps = [STATUS["none"], STATUS["below"], STATUS["near"], STATUS["met"]]
    scale = []
    for i, colour in enumerate(steps):
        scale += [[i / 4, colour], [(i + 1) / 4, colour]]
    return scale


def rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' → (r, g, b) in 0-255, for the Word document's RGBColor."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
