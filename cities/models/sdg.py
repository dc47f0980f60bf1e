from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.colours import text_colour


class SdgGoal(models.Model):
    """One of the 17 UN Sustainable Development Goals, with its official colour."""

    number = models.PositiveSmallIntegerField(
        primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short = models.CharField(max_length=100)
    title = models.TextField()
    color = models.CharField(
        max_length=7, validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", "A colour like #E5243B.")]
    )

    class Meta:
        verbose_name = _("SDG goal")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=17), name="sdggoal_number_1_to_17"
            ),
        ]

    def __str__(self):
        return f"Goal {self.number}: {self.short}"

    @property
    def text_colour(self) -> str:
        """The colour of text on this goal's colour: white where it reads at 4.5:1."""
        return text_colour(self.color)


class SdgTarget(models.Model):
    """One of the 169 SDG targets, coded like 11.6 or 11.a."""

    code = models.CharField(max_length=10, unique=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.PROTECT, related_name="targets")
    title = models.TextField()
    position = models.PositiveIntegerField(help_text=_("Official order within the framework."))

    class Meta:
        verbose_name = _("SDG target")
        ordering = ["position"]

    def __str__(self):
        return f"{self.code} {self.title[:80]}"


class SdgIndicator(models.Model):
    """An indicator of the global SDG indicator framework, coded like 11.6.1."""

    code = models.CharField(max_length=12, unique=True)
    target = models.ForeignKey(SdgTarget, on_delete=models.PROTECT, related_name="indicators")
    title = models.TextField()
    position = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("SDG indicator")
        ordering = ["position"]

    def __str__(self):
        return f"{self.code} {self.title[:80]}"
