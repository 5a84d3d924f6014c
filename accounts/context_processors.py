"""What every template may know about the member looking at it."""


def saved_postcode(request) -> dict:
    """``saved_postcode``: the home postcode a signed-in member saved in their profile, the
    starting value of every postcode box they have not typed in yet (templates write
    ``{{ form.postcode.value|default_if_none:saved_postcode }}``: a box sent empty stays
    empty). Always "" for visitors who are not logged in, so a page shared through the
    anonymous page cache (``core.page_cache``, which never keeps a signed-in member's page)
    cannot hold anyone's postcode."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"saved_postcode": ""}
    return {"saved_postcode": user.home_postcode or ""}
