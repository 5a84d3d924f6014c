"""Pages of the wellbeing index, one module per page; views are thin: the services read
the index.

* ``postcode``: the start page (postcode search) and the shareable postcode page.
* ``areas``: the council list and a council's or neighbourhood's page.
* ``compare``: two postcodes side by side.
* ``methodology``: what is measured and how.
* ``common``: the edition asked for and the support lines every page shows.
"""

from .areas import area_detail, council_list
from .compare import compare
from .downloads import figures
from .methodology import indicators, methodology
from .postcode import index, postcode_detail

__all__ = [
    "area_detail",
    "compare",
    "council_list",
    "figures",
    "index",
    "indicators",
    "methodology",
    "postcode_detail",
]
