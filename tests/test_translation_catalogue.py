"""The Spanish catalogue keeps up with the code: every message the templates,
the Python code and the scripts mark for translation has a Spanish text, and a
Spanish speaker sees the app's own messages (not only the templates) in Spanish."""

import uuid
from contextlib import chdir
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from engagements.choices import EngagementKind, EngagementStatus

# What makemessages must not read: other people's code and collected copies.
SKIPPED = {"locale", ".venv", "staticfiles", "node_modules", ".git", ".pytest_cache"}
IGNORE = ["static/vendor/*", "tests/browser/vendor/*"]


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """makemessages for Spanish over the project, written to a copy of locale/.

    makemessages writes beside the sources it reads, into the nearest ``locale``
    directory: it runs in a scratch directory that links to the project's
    sources and holds a copy of the catalogues, so the repository's own .po
    files are never touched."""
    base = Path(settings.BASE_DIR)
    scratch = tmp_path_factory.mktemp("makemessages")
    for entry in base.iterdir():
        if entry.name not in SKIPPED:
            (scratch / entry.name).symlink_to(entry)
    locale = scratch / "locale"
    messages = locale / "es" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for po in (base / "locale" / "es" / "LC_MESSAGES").glob("*.po"):
        (messages / po.name).write_bytes(po.read_bytes())

    with chdir(scratch), override_settings(LOCALE_PATHS=[str(locale)]):
        for domain in ("django", "djangojs"):
            call_command(
                "makemessages",
                locale=["es"],
                domain=domain,
                ignore_patterns=IGNORE,
                symlinks=True,
                no_obsolete=True,
                verbosity=0,
            )
    return messages


def missing_translations(po_file: Path) -> list[str]:
    catalogue = polib.pofile(str(po_file))
    return [
        f"{'fuzzy' if 'fuzzy' in entry.flags else 'untranslated'}: "
        f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"
        f" ({', '.join(f'{path}:{line}' for path, line in entry.occurrences[:2])})"
        for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()
    ]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_marked_message_has_a_spanish_translation(fresh_catalogue, domain):
    po_file = fresh_catalogue / f"{domain}.po"
    assert polib.pofile(str(po_file)), f"makemessages found no message for {domain}"
    missing = missing_translations(po_file)
    assert not missing, (
        f"{len(missing)} messages of {domain}.po need a Spanish translation "
        "(run makemessages -l es and translate them):\n" + "\n".join(missing)
    )


@pytest.mark.django_db
def test_a_spanish_speaker_is_told_in_spanish_that_their_engagement_was_logged(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = editor_client.post(
        reverse("engagement_create"),
        {
            "kind": EngagementKind.MEETING,
            "status": EngagementStatus.PLANNED,
            "title": "Reunión del puerto de Nagoya",
            "start_date": "2026-05-04",
            "form_token": str(uuid.uuid4()),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Se registró “Reunión del puerto de Nagoya”." in response.content.decode()
    # The engagement's status on its page comes from the choices, in Spanish too.
    assert "Prevista" in response.content.decode()


def test_the_scripts_translations_are_served_without_logging_in(client):
    response = client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert "No se pudo dibujar el mapa." in response.content.decode()
