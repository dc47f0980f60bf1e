from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.scoping import CityScopedQuerySet
from reviews.choices import ReviewScope

FIRST_YEAR, LAST_YEAR = 2000, 2100


class LocalReviewQuerySet(CityScopedQuerySet):
    pass


class LocalReview(models.Model):
    """A participating city's Voluntary Local Review of the SDGs for one reporting year.

    It holds what staff decide and write; every figure of the draft is read
    from the records each time it is drawn (``reviews.selectors.vlr_draft``).
    The goals reviewed are all 17, or the High-Level Political Forum's
    priority goals of the year, which the city sets here.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="local_reviews"
    )
    year = models.PositiveSmallIntegerField(
        _("reporting year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    scope = models.CharField(
        _("goals reviewed"),
        max_length=20,
        choices=ReviewScope.choices,
        default=ReviewScope.ALL_GOALS,
    )
    priority_goals = models.ManyToManyField(
        "cities.SdgGoal",
        blank=True,
        related_name="+",
        verbose_name=_("HLPF priority goals"),
        help_text=_("The goals the High-Level Political Forum reviews in depth this year."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = LocalReviewQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[priority_goals])

    class Meta:
        verbose_name = _("Voluntary Local Review")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "year"],
                name="localreview_one_per_city_and_year",
                violation_error_message=_("This city already has a review for that year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="localreview_year_in_range",
            ),
            models.CheckConstraint(
                condition=Q(scope__in=ReviewScope.values), name="localreview_scope_valid"
            ),
        ]

    def __str__(self):
        return f"{self.city} VLR {self.year}"


class GoalNarrativeQuerySet(CityScopedQuerySet):
    city_lookup = "review__city"


class GoalNarrative(models.Model):
    """What staff write about one goal in a review: kept as the draft is redrawn."""

    review = models.ForeignKey(LocalReview, on_delete=models.CASCADE, related_name="narratives")
    goal = models.ForeignKey("cities.SdgGoal", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("narrative"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalNarrativeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal narrative")
        ordering = ["goal"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "goal"], name="goalnarrative_one_per_review_and_goal"
            ),
        ]

    def __str__(self):
        return f"{self.review}: goal {self.goal_id}"
