"""The site's Redis cache with the anonymous page caches left out (BENCH_PAGE_CACHE off).

A key of a whole page (or of a listing's rendered results) is never found and never
stored; every other key (sessions, versions, each area's figures) behaves as usual.
"""

from core.cache import SharedClientRedisCache

PAGE_KEYS = (
    "spaces:search:",
    "events:page:",
    "events:list:",
    "wellbeing:page:neighbourhood:",
    "wellbeing:api:answer:",
)


class RedisCacheWithoutPages(SharedClientRedisCache):
    def get(self, key, default=None, version=None):
        if key.startswith(PAGE_KEYS):
            return default
        return super().get(key, default, version)

    def set(self, key, value, timeout=None, version=None):
        if not key.startswith(PAGE_KEYS):
            super().set(key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        if key.startswith(PAGE_KEYS):
            return True
        return super().add(key, value, timeout, version)
