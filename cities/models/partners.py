from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cities.choices import PartnerKind
from cities.scoping import CityScopedQuerySet

# A search box offers this many partners; typing more narrows them.
MATCHES_OFFERED = 15


class PartnerQuerySet(CityScopedQuerySet):
    def search(self, text: str):
        return self.filter(Q(name__icontains=text) | Q(notes__icontains=text))

    def matching(self, text: str, *, excluding: Iterable = ()):
        """What a search box offers as the user types: the first partners by name
        matching ``text``, less those already chosen (``excluding``, their ids)."""
        text = text.strip()
        if not text:
            return self.none()
        chosen = [int(pk) for pk in excluding if str(pk).isdigit()]
        return self.search(text).exclude(pk__in=chosen).order_by("name")[:MATCHES_OFFERED]

    def sensitive(self):
        return self.exclude(sensitivity_note="")


class Partner(models.Model):
    """A foreign counterpart a city works with: a city government, ministry, embassy…

    Partners belong to the participating city that recorded them; the
    sensitivity note flags one whose engagements need review and is shown
    wherever the partner appears.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity", on_delete=models.CASCADE, related_name="partners"
    )
    kind = models.CharField(max_length=40, choices=PartnerKind.choices, verbose_name=_("kind"))
    name = models.CharField(max_length=250, verbose_name=_("name"))
    country = CountryField(verbose_name=_("country"))
    partner_city = models.ForeignKey(
        "cities.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
        help_text=_("The city the partner is based in, if any."),
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    sensitivity_note = models.TextField(
        blank=True,
        help_text=_("Why engagements with this partner need review."),
        verbose_name=_("sensitivity note"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["city", "country"]),
            models.Index(fields=["city", "kind"]),
            models.Index(fields=["city", "name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PartnerKind.values), name="partner_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["city", "name", "country"], name="partner_unique_name_per_country"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code})"

    @property
    def is_sensitive(self) -> bool:
        return bool(self.sensitivity_note)


class PersonQuerySet(CityScopedQuerySet):
    city_lookup = "partner__city"


class Person(models.Model):
    """A contact at a partner organisation."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200, verbose_name=_("name"))
    title = models.CharField(max_length=200, blank=True, verbose_name=_("title"))
    email = models.EmailField(blank=True, verbose_name=_("email"))
    phone = models.CharField(max_length=50, blank=True, verbose_name=_("phone"))

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.title}" if self.title else self.name
