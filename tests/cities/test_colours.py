"""SDG goals keep their official colours and get a text colour that reads at 4.5:1."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from cities.colours import NEAR_BLACK, WHITE, contrast_ratio, text_colour
from cities.models import SdgGoal

pytestmark = pytest.mark.django_db


def test_contrast_ratio_is_the_wcag_one():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#E5243B", WHITE), 2) == 4.52
    assert contrast_ratio("#777777", "#777777") == 1


def test_every_goal_chip_reads_at_4_5_to_1():
    for goal in SdgGoal.objects.all():
        assert contrast_ratio(goal.color, goal.text_colour) >= 4.5, goal


def test_the_stylesheet_darkens_the_text_of_exactly_the_light_goals():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "diplomacy.css").read_text()
    rule = re.search(r"((?:\.sdg-chip\.sdg-goal-\d+,?\s*)+)\{ --goal-ink: #1a1a1a; \}", css)
    dark_in_css = {int(n) for n in re.findall(r"sdg-goal-(\d+)", rule.group(1))}
    dark = {goal.number for goal in SdgGoal.objects.all() if goal.text_colour == NEAR_BLACK}
    assert dark_in_css == dark
    assert text_colour("#19486A") == WHITE
