class CommunityError(Exception):
    """A request that cannot be done; ``str(error)`` is a message fit to show the member."""
