"""A commitment's progress status, on the Open SDG scale."""

import datetime
from decimal import Decimal

import pytest

from cities.choices import ProgressStatus
from cities.models import Commitment, progress_status
from tests.factories import CommitmentFactory, ProgressEntryFactory


def status(latest, on=datetime.date(2025, 7, 1), baseline=100, target=50):
    return progress_status(
        baseline=Decimal(baseline),
        baseline_year=2020,
        target=Decimal(target),
        target_year=2030,
        latest=None if latest is None else Decimal(latest),
        latest_date=on,
    )


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        (None, ProgressStatus.NOT_AVAILABLE),
        (50, ProgressStatus.TARGET_ACHIEVED),
        (40, ProgressStatus.TARGET_ACHIEVED),
        (75, ProgressStatus.SUBSTANTIAL),  # halfway after half the time
        (85, ProgressStatus.MODERATE),  # 60 % of the needed pace
        (95, ProgressStatus.LIMITED),
        (110, ProgressStatus.DETERIORATION),
    ],
)
def test_progress_toward_a_falling_target(latest, expected):
    assert status(latest) == expected


def test_progress_toward_a_rising_target():
    assert status(150, baseline=100, target=200) == ProgressStatus.SUBSTANTIAL
    assert status(90, baseline=100, target=200) == ProgressStatus.DETERIORATION


def test_no_time_elapsed_means_no_judgement():
    assert status(90, on=datetime.date(2020, 7, 1)) == ProgressStatus.NOT_AVAILABLE


@pytest.mark.django_db
def test_the_latest_entry_decides_and_lists_read_it_in_one_query(
    los_angeles, django_assert_num_queries
):
    commitment = CommitmentFactory(city=los_angeles)
    ProgressEntryFactory(commitment=commitment, date=datetime.date(2022, 7, 1), value=110)
    ProgressEntryFactory(commitment=commitment, date=datetime.date(2025, 7, 1), value=75)
    assert commitment.progress_status == ProgressStatus.SUBSTANTIAL
    CommitmentFactory.create_batch(3, city=los_angeles)
    with django_assert_num_queries(1):
        statuses = [c.progress_status for c in Commitment.objects.with_latest_progress()]
    assert ProgressStatus.SUBSTANTIAL in statuses
    assert commitment.progress_fraction == 0.5
