from django import forms

from transparency.models import PublicProfile


class PublicProfileForm(forms.ModelForm):
    """What a city's editor decides about its public page and open data."""

    class Meta:
        model = PublicProfile
        fields = ["is_published", "publishes_gift_values", "licence", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}
