"""The site admin of places and relationships.

``toolkit`` is the scoped, service-backed admin both apps build on;
``registry`` registers cities' models with it.
"""

from cities.admin import registry  # noqa: F401  (registers the pages)
