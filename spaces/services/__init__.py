"""Workflows of the spaces app, split by sub-domain:

- ``submissions``: members list a space or propose an edit; staff decisions apply them.
- ``status``: a space's status story, threat reports, pledges and the pledgers' emails.
- ``photos``: validated, re-encoded photos.
"""
