"""Draws assets/icon.png, the browser-tab icon: three white bars (a leaderboard) on the theme's blue.

The icon ships with the app so the tab needs no network (a `:material/…:` page icon is fetched from Google's font
service by the browser). Run again only to change the drawing: `python scripts/make_icon.py`.
"""

from pathlib import Path

from PIL import Image, ImageDraw

BLUE = "#1f5fa8"  # .streamlit/config.toml primaryColor
SIZE, SCALE = 64, 8  # drawn eight times larger, then reduced: smooth edges without a font or an SVG renderer
OUT = Path(__file__).resolve().parent.parent / "assets" / "icon.png"


def draw() -> Image.Image:
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=14 * SCALE, fill=BLUE)
    bar, gap, floor = 12 * SCALE, 4 * SCALE, 52 * SCALE
    left = (big - 3 * bar - 2 * gap) // 2
    for i, top in enumerate((30, 14, 38)):  # second, first, third place
        x = left + i * (bar + gap)
        pen.rounded_rectangle((x, top * SCALE, x + bar, floor), radius=2 * SCALE, fill="white")
    return image.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    draw().save(OUT, optimize=True)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
