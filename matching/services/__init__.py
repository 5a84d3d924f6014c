"""Workflows of the matching app, split by sub-domain.

* ``requests``: members' needs and offers (register, edit, pause, resume, withdraw).
* ``engine``: the pure matching engine (no database), a package by step: inputs,
  geometry, candidates, assignment, schemes.
* ``runs``: running the engine on the database and saving what it finds.
* ``matches``: introductions (accept, decline, approve, cancel, report, expire).
* ``notifications``: the match emails, each at most once.
* ``schemes``: the support schemes directory, CSV import and export.
* ``campaigns``: "Do you need help, or can you help?" to every member who opted in.
* ``figures``: numbers for staff.
"""
