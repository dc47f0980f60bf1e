import datetime

from django.utils import timezone

from engagements.models import Topic
from visits.services import visit_request_submit


def make_visit_request(*, city, topic_codes=("trade",), **fields):
    """A visit request as the public form makes it: through the service, flagged at intake."""
    start = timezone.localdate() + datetime.timedelta(days=40)
    values = {
        "organisation": "Consulate General of Mexico",
        "country": "MX",
        "requester_kind": "consulate",
        "contact_name": "Ana Pérez",
        "contact_email": "ana.perez@example.mx",
        "visitors": "Carlos Gómez, Consul General\nLucía Torres, Trade attaché",
        "purpose": "Courtesy call on the mayor about port trade.",
        "preferred_start": start,
        "preferred_end": start + datetime.timedelta(days=1),
        "host_level": "mayor",
        "interpretation_needed": True,
        "interpretation_language": "Spanish",
        "press_expected": True,
        "language": "es",
        **fields,
    }
    topics = list(Topic.objects.filter(code__in=topic_codes))
    return visit_request_submit(city=city, topics=topics, **values)
