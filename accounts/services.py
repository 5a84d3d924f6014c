from django.db import transaction


def account_delete(*, user) -> None:
    """Delete a member and their personal data.

    The user row goes, and with it (by cascade) their email addresses, sessions' user,
    RSVPs, requests for help and memberships. Listings they submitted stay, owned by
    nobody (``submitted_by`` is set to NULL), so a community hall does not vanish from
    the map because its submitter left.
    """
    with transaction.atomic():
        user.interests.clear()
        user.delete()
