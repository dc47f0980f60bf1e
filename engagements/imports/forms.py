"""The upload form: which import, which file, and (for a site admin) which city."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cities.models import ParticipatingCity
from cities.scoping import is_site_admin
from engagements.choices import ImportKind
from engagements.imports.reading import ImportFileError, inspect_upload


class UploadForm(forms.Form):
    """Checks the file against the limits on upload, so a file that is no spreadsheet,
    too large or a zip bomb is refused at once; the import job parses it."""

    kind = forms.ChoiceField(choices=ImportKind.choices, label=_("What the file holds"))
    file = forms.FileField(
        label=_("File"), help_text=_("A .csv (UTF-8) or .xlsx file with a header row.")
    )
    city = forms.ModelChoiceField(
        queryset=ParticipatingCity.objects.select_related("city"),
        required=False,
        label=_("City"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not is_site_admin(user):
            # Staff import into their own city; only a site admin picks one.
            del self.fields["city"]
        else:
            self.fields["city"].required = True

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ("csv", "xlsx"):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; an import takes files up to %(limit)s MB.")
                % {
                    "size": number_format(upload.size / 1_000_000, 1, force_grouping=True),
                    "limit": number_format(
                        settings.IMPORT_MAX_UPLOAD_BYTES / 1_000_000, 0, force_grouping=True
                    ),
                }
            )
        data = upload.read()
        try:
            self.shape = inspect_upload(data, extension)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        self.data_bytes, self.extension = data, extension
        return upload
