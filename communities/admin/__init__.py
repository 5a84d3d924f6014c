"""Staff's workplace for communities: moderation, claims, pioneers, guides, check-ins.

One module per sub-domain (each registers its screens when imported here):

- ``groups``: groups (moderation, members, commitments, CSV export);
- ``commitments``: commitments with their progress updates, and yearly check-ins;
- ``claims``: claims to run a group, confirmed or declined;
- ``pioneers``: pioneers and the messages sent to them;
- ``guides``: the how-to guides;
- ``common``: ``LocatedAdminForm``, which places a row by postcode.
"""

from . import claims, commitments, groups, guides, pioneers

__all__ = ["claims", "commitments", "groups", "guides", "pioneers"]
