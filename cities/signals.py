"""The one hook the upper layer listens to: a city's standing figures changed.

Reports live in ``engagements``, above ``cities``, so a cities service cannot
ask for a report refresh itself. It sends ``standing_figures_changed`` inside
its transaction instead; ``engagements`` connects the refresh in its
``AppConfig.ready`` (see docs/decisions/0008-standing-figures-signal.md). The
signal carries no rule: which reports to refresh is decided by the receiver.
"""

from django.dispatch import Signal

# Sent with ``city_id`` by the services that change a city's sister-city ties,
# commitments or their progress, inside their transaction.
standing_figures_changed = Signal()


def standing_figures_change(*, city_id: int) -> None:
    """Tell the reports that ``city_id``'s ties or commitments changed (inside the write)."""
    standing_figures_changed.send(sender=None, city_id=city_id)
