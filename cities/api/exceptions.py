"""Errors the API answers with: the model's validation as 400 with field messages.

Serializers already turn a service's ``ValidationError`` into field errors;
this handler is the net underneath, so a rule enforced only by the database
(an ``IntegrityError``) or a model's ``full_clean`` reached some other way is
still a 400 naming what is wrong, never a 500.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler

CONFLICT_MESSAGE = _("This change conflicts with an existing record.")


class Conflict(APIException):
    status_code = 409
    default_detail = _("This record is still referenced by other records.")
    default_code = "conflict"


def api_error_detail(exc: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF's ``{field: [messages]}``."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}


@contextmanager
def as_api_errors():
    """Run a service; its validation and integrity errors become a 400 (409 for deletes)."""
    try:
        yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError(api_error_detail(exc)) from exc
    except (ProtectedError, RestrictedError) as exc:
        raise Conflict() from exc
    except IntegrityError as exc:
        raise serializers.ValidationError({"non_field_errors": [CONFLICT_MESSAGE]}) from exc


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(api_error_detail(exc))
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        exc = Conflict()
    elif isinstance(exc, IntegrityError):
        exc = serializers.ValidationError({"non_field_errors": [CONFLICT_MESSAGE]})
    return drf_exception_handler(exc, context)
