"""Emails in the site's look: a text and an HTML part, both from templates,
in the language of their reader, sent through Django's email backend (the
console by default, SMTP from ``EMAIL_URL``, locmem in tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def email_send(*, to: list[str], template: str, context: dict, language: str = "en") -> None:
    """Render ``visits/emails/<template>`` (``_subject.txt``, ``.txt``, ``.html``) and send it."""
    context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
    with translation.override(language):
        subject = render_to_string(f"visits/emails/{template}_subject.txt", context)
        text = render_to_string(f"visits/emails/{template}.txt", context)
        html = render_to_string(f"visits/emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=to, from_email=None
    )
    message.attach_alternative(html, "text/html")
    message.send()
