from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.scoping import CityScopedQuerySet
from transparency.choices import LICENCE_URLS, Licence


class PublicProfileQuerySet(CityScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class PublicProfile(models.Model):
    """Whether and how a participating city shows its international work to the public.

    Nothing of a city is public until it opts in here; then its public page and
    open data show its completed engagements marked public, its sister-city
    ties and its commitments, never a partner's sensitivity note or a
    person's contact details, and gifts' values only if it publishes them.
    """

    city = models.OneToOneField(
        "cities.ParticipatingCity",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="public_profile",
    )
    is_published = models.BooleanField(_("publish the public page and open data"), default=False)
    publishes_gift_values = models.BooleanField(
        _("publish gifts' values"),
        default=False,
        help_text=_("Without it, gifts are listed without their value."),
    )
    licence = models.CharField(
        _("open data licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_4
    )
    introduction = models.TextField(_("introduction"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicProfileQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public profile")
        constraints = [
            models.CheckConstraint(
                condition=Q(licence__in=Licence.values), name="publicprofile_licence_valid"
            ),
        ]

    def __str__(self):
        return f"Public profile of {self.city}"

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS[Licence(self.licence)]

    @property
    def licence_record(self) -> dict:
        """The licence as every open-data file states it."""
        return {
            "id": self.licence,
            "name": str(Licence(self.licence).label),
            "url": self.licence_url,
        }
