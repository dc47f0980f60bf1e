"""Colour contrast as WCAG 2.1 measures it, for the SDG goals' official colours
and the charts: text needs 4.5:1 against its background, graphics 3:1."""

WHITE = "#ffffff"
NEAR_BLACK = "#1a1a1a"


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(background: str) -> str:
    """White text on ``background`` where it reaches 4.5:1, else near-black."""
    return WHITE if contrast_ratio(background, WHITE) >= 4.5 else NEAR_BLACK
