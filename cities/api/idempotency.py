"""``Idempotency-Key``: a retried API create answers as the first one did.

A client sends ``Idempotency-Key: <a value of its own, up to 255 characters>``
with a POST that creates. The first request claims the key (unique per user)
in the same transaction as the create and stores the answer; a retry with the
same key and the same request gets that answer back, marked with
``Idempotent-Replayed: true``, and creates nothing. The same key with another
request is a client error (422). A create that fails stores nothing, so the
corrected request may reuse the key. Keys expire after ``IDEMPOTENCY_KEY_TTL``.
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cities.models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _(
        "This Idempotency-Key was already used for a different request. "
        "Use a new key for a new request."
    )
    default_code = "idempotency_key_reused"


def _fingerprint(request) -> str:
    data = request.data
    if hasattr(data, "lists"):  # a form or multipart body
        data = dict(data.lists())
    body = json.dumps(data, sort_keys=True, default=str)
    raw = "\n".join([request.method, request.path, body])
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and key.isascii() and key.isprintable()


def _replay(record: IdempotencyKey) -> Response:
    return Response(
        record.response_body,
        status=record.response_status,
        headers={"Idempotent-Replayed": "true"},
    )


def idempotent(request, create) -> Response:
    """Run ``create()`` (a DRF create answering a Response) at most once per key."""
    key = request.headers.get(HEADER)
    if key is None:
        return create()
    if not _valid_key(key):
        raise ValidationError(
            {HEADER: [_("Send up to 255 printable ASCII characters, such as a UUID.")]}
        )
    fingerprint = _fingerprint(request)
    now = timezone.now()
    expired = now - datetime.timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL)
    with transaction.atomic():
        IdempotencyKey.objects.filter(user=request.user, created_at__lt=expired).delete()
        try:
            # The claim: a concurrent request with the same key waits on the unique
            # index until this transaction ends, then finds the stored answer.
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=request.user,
                    key=key,
                    fingerprint=fingerprint,
                    response_status=0,
                    response_body={},
                    created_at=now,
                )
        except IntegrityError:
            record = IdempotencyKey.objects.get(user=request.user, key=key)
            if record.fingerprint != fingerprint:
                raise KeyReused() from None
            return _replay(record)
        response = create()  # an error raised here rolls the claim back with the create
        if not status.is_success(response.status_code):
            transaction.set_rollback(True)
            return response
        record.response_status = response.status_code
        record.response_body = json.loads(JSONRenderer().render(response.data) or b"null")
        record.save(update_fields=["response_status", "response_body"])
    return response
