"""The staff's screens for participation, by sub-domain: processes (phases, panel),
the blog (pieces through the shared moderation; reported comments), proposals, surveys."""

from . import posts, processes, proposals, surveys  # noqa: F401 (each registers its screens)
