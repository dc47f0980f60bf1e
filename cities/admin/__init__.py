"""The site admin of places and relationships.

``toolkit`` is the scoped, service-backed admin both apps build on;
``registry`` registers cities' models with it; ``technical`` brands the admin and
keeps technical pages for superusers.
"""

from cities.admin import registry, technical  # noqa: F401  (registers the pages)
