"""Request body parsers that answer 400 to a body they cannot read, never 500."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested too deeply to read refused as a 400.

    Python's decoder recurses once per level of nesting, so ``[[[[…]]]]`` a
    hundred thousand deep raises ``RecursionError``, which DRF does not catch.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("JSON parse error - the body is nested too deeply.")) from exc
