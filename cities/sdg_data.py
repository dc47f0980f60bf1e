"""The official SDG framework texts shipped with the app (cities/data/sdg/).

Source: Open SDG's sdg-translations (English), MIT licence; the texts are the
UN's. Read by a data migration, so every database has the 17 goals, 169
targets and the indicators.
"""

from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data" / "sdg"


def _load(name):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _code_key(part: str):
    # Numeric targets (11.1…11.7) come before lettered ones (11.a, 11.b).
    return (0, int(part), "") if part.isdigit() else (1, 0, part)


def goals():
    """[(number, short, title, colour)] in order."""
    texts, colours = _load("global_goals.yml"), _load("goal_colors.yml")
    return [
        (n, texts[f"{n}-short"], " ".join(texts[f"{n}-title"].split()), colours[n])
        for n in range(1, 18)
    ]


def _coded(name, parts):
    rows = []
    for key, title in _load(name).items():
        code = key.removesuffix("-title").split("-")
        if len(code) != parts:
            continue
        rows.append((".".join(code), " ".join(str(title).split())))
    rows.sort(key=lambda row: tuple(_code_key(p) for p in row[0].split(".")))
    return rows


def targets():
    """[(code, title)] in official order, e.g. ("11.6", "By 2030, reduce…")."""
    return _coded("global_targets.yml", 2)


def indicators():
    """[(code, title)] in official order, e.g. ("11.6.1", "Proportion of…")."""
    return _coded("global_indicators.yml", 3)
