from cities import scoping


def staff_city(request):
    """Expose the user's city and whether they may edit to every template."""
    user = getattr(request, "user", None)
    return {
        "staff_city": scoping.staff_city(user),
        "user_can_edit": scoping.can_edit(user) if user is not None else False,
    }
