"""The benches' shared harness: one settings module, one gunicorn launcher, one load driver,
one report format.

- ``config``: the knobs every bench reads from the environment (``BENCH_*``).
- ``settings`` / ``urls``: the real site plus ``/bench/bare/``, with the anonymous page
  cache switched on or off by ``BENCH_PAGE_CACHE`` (the one place that switch lives).
- ``server``: the bench's own PostgreSQL database and Django, gunicorn started and stopped,
  a signed-in member's cookie.
- ``client``: an async HTTP/1.1 client and ``Phase``, a named request mix with its tallies;
  ``drive`` and ``alternate`` send the load.
- ``report``: one line per phase and the ``key: value`` ratio lines.

A bench file keeps only its seeding and its request mix: see bench/README.md.
"""
