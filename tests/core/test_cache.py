import pytest
from django.conf import settings
from django.core.cache import cache


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_the_redis_cache_reuses_one_client_and_still_reads_and_writes():
    cache.set("cache-test", {"a": 1}, 30)
    assert cache.get("cache-test") == {"a": 1}
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)
    cache.delete("cache-test")
    assert cache.get("cache-test") is None
