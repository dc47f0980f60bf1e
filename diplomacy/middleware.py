from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNulBytesMiddleware:
    """Answer 400 to a query string carrying a NUL byte.

    PostgreSQL cannot store or even compare text holding NUL, so such a value
    would surface as a database error (a 500) in whichever filter reads it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            return HttpResponseBadRequest(_("Query parameters cannot contain NUL bytes."))
        return self.get_response(request)
