from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Numbered pages of 50 by default; a script may ask for up to 500."""

    page_size_query_param = "page_size"
    max_page_size = 500
