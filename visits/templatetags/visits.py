"""Template pieces of the visit pages that other apps' pages show."""

from django import template

from visits.forms import ReminderPreferenceForm
from visits.models import ReminderPreference

register = template.Library()


@register.inclusion_tag("visits/includes/reminder_preferences.html", takes_context=True)
def reminder_preferences(context):
    """The reminder emails the user receives, with the switches to turn each off."""
    user = context["request"].user
    preference = ReminderPreference.objects.filter(user=user).first()
    return {
        "form": ReminderPreferenceForm(instance=preference),
        "csrf_token": context.get("csrf_token"),
    }
