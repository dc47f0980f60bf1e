from django.views import i18n
from django.views.decorators.http import require_POST

from cities.locales import supported_language
from cities.services import user_language_set


@require_POST
def set_language(request):
    """The header's language switch: Django's ``set_language`` (the cookie and the
    way back), and for a signed-in user the choice saved, so it follows them to
    every device they sign in on."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and supported_language(language):
        user_language_set(user=request.user, language=language)
    return response
