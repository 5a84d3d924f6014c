"""Django's Redis cache backend, keeping one client object per connection pool, and
failing soft when Redis is down (``FailSoftRedisCache``, the site's cache).

Django's backend builds a new ``redis.Redis`` client on every cache call (the pool is
shared, the client object is not); on a page whose whole work is one cache read that
construction measured 16% of the request. A ``redis.Redis`` client over a connection pool is
safe to share between threads, so one per pool is enough.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
# What an unreachable, stopped or overloaded Redis raises (BusyLoadingError, a Redis still
# loading its data, is a ConnectionError).
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# Calls to the cache that failed and that were skipped during an outage, in this process.
outage_stats = {"failed": 0, "skipped": 0}


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient


class FailSoftRedisCache(SharedClientRedisCache):
    """The site cache on Redis, failing soft: a cache is an optimisation, so when Redis is
    down or slow every read is a miss and every write is dropped, and pages are computed
    (slower, never a 500).

    After a failure the cache is not asked again for ``RETRY_AFTER`` seconds, so a page
    with many cache calls pays for one refused connection, not one per call. The outage
    is logged once when it starts and once when Redis answers again, and counted in
    ``outage_stats`` (calls that failed, calls skipped)."""

    RETRY_AFTER = 2.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _guarded(self, method: str, fallback, *args, **kwargs):
        if self._down_until and time.monotonic() < self._down_until:
            outage_stats["skipped"] += 1
            return fallback
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            outage_stats["failed"] += 1
            if not self._down_until:
                logger.warning(
                    "The cache server is unavailable (%s): serving pages without it.", error
                )
            self._down_until = time.monotonic() + self.RETRY_AFTER
            return fallback
        if self._down_until:
            self._down_until = 0.0
            logger.warning("The cache server is back (%s calls failed so far).", outage_stats)
        return result

    def get(self, key, default=None, version=None):
        return self._guarded("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", None, keys, version)

    def clear(self):
        return self._guarded("clear", False)

    def incr(self, key, delta=1, version=None):
        result = self._guarded("incr", _UNAVAILABLE, key, delta, version)
        if result is _UNAVAILABLE:
            # What callers already handle for a missing key (they set it instead).
            raise ValueError(f"Key '{key}' not found (the cache server is unavailable).")
        return result


_UNAVAILABLE = object()
