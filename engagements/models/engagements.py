from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cities.choices import choice_labels
from cities.models import Partner
from cities.scoping import CityScopedQuerySet
from cities.validators import validate_plausible_date
from engagements.choices import VISIT_KINDS, EngagementKind, EngagementStatus, TopicCode


class Topic(models.Model):
    """A subject an engagement is about (climate, trade, migration…): reference data."""

    code = models.CharField(max_length=30, choices=TopicCode.choices, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SearchDocument(SearchVector):
    """The text searched for an engagement: its title and summary as stemmed
    English words, stored in ``Engagement.search_vector``.

    SQLite has no text-search types; there the column holds an empty string
    nobody reads (its search matches substrings of the fields themselves).
    """

    def __init__(self):
        super().__init__("title", "summary", config="english")

    def as_sqlite(self, compiler, connection, **extra_context):
        return "''", []


class _IdIn(Func):
    """``id = ANY(ARRAY(subquery))``: the ids are computed once, and unlike
    ``IN (subquery)`` the condition is indexable, so OR-ed with the search
    vector's it can be one bitmap scan of both indexes."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = models.BooleanField()

    def __init__(self, ids):
        super().__init__(F("pk"), ids)


class EngagementQuerySet(CityScopedQuerySet):
    def search(self, text: str, *, partners=None):
        """Free text over title, summary and partner names.

        ``partners``: the partners whose names may match (the user's city's,
        from the list's filter), so a name common across the installation
        does not collect every city's links; by default every partner.

        PostgreSQL: full-text search (stemmed words, websearch syntax) on the
        stored ``search_vector``, whose statistics tell the planner how common
        a word is: a common one is tested row by row as the list walks its
        (city, date) index and stops at the page (and at the capped count),
        instead of collecting every match first; a rare one is read from the
        ``engagement_city_search`` GIN index OR-ed with the partner matches'
        ids in one bitmap scan. SQLite: substring. Partner names match by
        substring on both; matches are ids tested, so rows never duplicate.
        """
        named = (partners if partners is not None else Partner.objects.all()).filter(
            name__icontains=text
        )
        by_partner = Engagement.partners.through.objects.filter(
            partner__in=named.order_by().values("pk")
        ).values("engagement_id")
        if connection.vendor == "postgresql":
            from django.contrib.postgres.expressions import ArraySubquery
            from django.contrib.postgres.search import SearchQuery

            query = SearchQuery(text, config="english", search_type="websearch")
            return self.filter(Q(search_vector=query) | _IdIn(ArraySubquery(by_partner)))
        return self.filter(
            Q(title__icontains=text) | Q(summary__icontains=text) | Q(pk__in=by_partner)
        )

    def live(self):
        return self.exclude(status=EngagementStatus.CANCELLED)

    def upcoming(self, today):
        return self.filter(
            start_date__gte=today,
            status__in=[EngagementStatus.PLANNED, EngagementStatus.CONFIRMED],
        )

    def for_list(self):
        """What a list row shows, without one query per row."""
        return self.select_related("city__city", "owner").prefetch_related("partners", "topics")


# What staff write about an engagement, whether through the form or the API.
ENGAGEMENT_EDITABLE_FIELDS = [
    "kind",
    "title",
    "start_date",
    "end_date",
    "location",
    "status",
    "partners",
    "topics",
    "sdg_targets",
    "summary",
    "outcomes",
    "investment_usd",
    "jobs_announced",
    "owner",
    "is_public",
]


class Engagement(models.Model):
    """Something a participating city did with foreign partners.

    A visit hosted, a mission abroad, a meeting, a summit, an agreement signed:
    with whom, on what topics, toward which SDG targets and with what results.
    """

    city = models.ForeignKey(
        "cities.ParticipatingCity",
        on_delete=models.CASCADE,
        related_name="engagements",
        verbose_name=_("city"),
    )
    kind = models.CharField(max_length=30, choices=EngagementKind.choices, verbose_name=_("kind"))
    title = models.CharField(max_length=250, verbose_name=_("title"))
    start_date = models.DateField(
        validators=[validate_plausible_date], verbose_name=_("start date")
    )
    end_date = models.DateField(
        null=True, blank=True, validators=[validate_plausible_date], verbose_name=_("end date")
    )
    location = models.CharField(max_length=250, blank=True, verbose_name=_("location"))
    status = models.CharField(
        max_length=12,
        choices=EngagementStatus.choices,
        default=EngagementStatus.PLANNED,
        verbose_name=_("status"),
    )
    partners = models.ManyToManyField(
        "cities.Partner", blank=True, related_name="engagements", verbose_name=_("partners")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="engagements", verbose_name=_("topics")
    )
    sdg_targets = models.ManyToManyField(
        "cities.SdgTarget", blank=True, related_name="engagements", verbose_name=_("SDG targets")
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    outcomes = models.TextField(blank=True, verbose_name=_("outcomes"))
    investment_usd = models.DecimalField(
        _("investment (USD)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    jobs_announced = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("jobs announced")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_engagements",
        verbose_name=_("owner"),
    )
    is_public = models.BooleanField(
        _("show on the public page"),
        default=False,
        help_text=_(
            "Once completed, shown on the city's public page and in its open data, "
            "if the city publishes them."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Computed by the database on every write, so no door can leave it stale;
    # indexed with the city (``engagement_city_search``, PostgreSQL only).
    search_vector = models.GeneratedField(
        expression=SearchDocument(), output_field=SearchVectorField(), db_persist=True
    )

    objects = EngagementQuerySet.as_manager()
    # Partner, topic and SDG links are kept too: who re-tagged an engagement, and when.
    history = HistoricalRecords(
        m2m_fields=[partners, topics, sdg_targets], excluded_fields=["search_vector"]
    )

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["city", "-start_date", "-id"], name="engagement_city_date"),
            # A site admin's list spans every city: its first page walks this
            # index rather than sorting every engagement.
            models.Index(fields=["-start_date", "-id"], name="engagement_date"),
            models.Index(fields=["city", "kind", "-start_date"], name="engagement_city_kind"),
            models.Index(fields=["city", "status", "-start_date"], name="engagement_city_status"),
            models.Index(fields=["city", "owner"], name="engagement_city_owner"),
            # The list sorted by title. The full-text index on (city,
            # search_vector) is PostgreSQL-only: see migration
            # 0013_engagement_search_vector.
            models.Index(fields=["city", "title", "id"], name="engagement_city_title"),
            # The public page and open data walk only the completed engagements a
            # city marked public, newest first, by keyset: this index holds exactly those.
            models.Index(
                fields=["city", "-start_date", "-id"],
                condition=Q(is_public=True, status=EngagementStatus.COMPLETED),
                name="engagement_city_public",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="engagement_ends_after_it_starts",
                violation_error_message="The end date cannot be before the start date.",
            ),
            models.CheckConstraint(
                condition=Q(investment_usd__isnull=True) | Q(investment_usd__gte=0),
                name="engagement_investment_not_negative",
                violation_error_message="Investment cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EngagementKind.values), name="engagement_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EngagementStatus.values), name="engagement_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:%Y-%m-%d})"

    @property
    def last_day(self):
        return self.end_date or self.start_date

    # Lists show these on every row: ``get_kind_display`` rebuilds the field's
    # choices and translates every label to find one (0.3 ms a call).
    @property
    def kind_label(self) -> str:
        return choice_labels(EngagementKind).get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return choice_labels(EngagementStatus).get(self.status, self.status)

    @property
    def is_delegation(self) -> bool:
        return self.kind in VISIT_KINDS
