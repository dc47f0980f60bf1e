"""A user's saved views of a list: save the filters under a name, open, delete."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cities import services
from cities.models import SavedView
from cities.models.access import SAVED_VIEW_LISTS


class SavedViewForm(forms.Form):
    list_name = forms.ChoiceField(choices=[(name, name) for name in SAVED_VIEW_LISTS])
    name = forms.CharField(max_length=80, label=gettext_lazy("Name of this view"))
    query = forms.CharField(max_length=2000, required=False)


def _list_url(list_name: str, query: str = "") -> str:
    return reverse(list_name) + (f"?{query}" if query else "")


@login_required
@require_POST
def saved_view_create(request):
    """Save the list's current filters under a name, and open the view."""
    form = SavedViewForm(request.POST)
    if not form.is_valid():
        list_name = request.POST.get("list_name")
        back = _list_url(list_name) if list_name in SAVED_VIEW_LISTS else reverse("dashboard")
        messages.error(
            request, _("The view was not saved: give it a name (80 characters at most).")
        )
        return redirect(back)
    data = form.cleaned_data
    try:
        view = services.saved_view_save(
            user=request.user, list_name=data["list_name"], name=data["name"], query=data["query"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_list_url(data["list_name"], data["query"]))
    messages.success(request, _("Saved the view “%(name)s”.") % {"name": view.name})
    return redirect(_list_url(view.list_name, view.query))


@login_required
@require_POST
def saved_view_delete(request, pk: int):
    # A user's views are their own: anyone else's is a 404.
    view = get_object_or_404(SavedView, pk=pk, user=request.user)
    services.saved_view_delete(view=view)
    messages.success(request, _("Deleted the view “%(name)s”.") % {"name": view.name})
    return redirect(_list_url(view.list_name))
