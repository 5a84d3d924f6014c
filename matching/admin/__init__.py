"""Staff's workplace for help matching, one module per sub-domain (each registers its
screens when imported here):

- ``categories``: kinds of help and skill topics, with their open requests counted;
- ``requests``: needs and offers, with the matches each is in;
- ``schemes``: support schemes, with CSV export and import;
- ``matches``: matches (history, approve / cancel / re-run) and matching runs;
- ``reports``: reports members make about a match;
- ``campaigns``: campaign emails, started, paused and followed from here;
- ``figures``: the "Figures" page;
- ``common``: what several screens share (read-only history inlines, the category
  screens' base, buttons on a change page).
"""

from . import campaigns, categories, figures, matches, reports, requests, schemes

__all__ = ["campaigns", "categories", "figures", "matches", "reports", "requests", "schemes"]
