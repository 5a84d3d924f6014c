"""The sign-in backends, reading a signed-in member from the cache on each request.

Every page a member asks for starts by loading them (``request.user``): one query, the
same answer until their account changes. These backends are Django's and allauth's own,
with ``get_user`` read through the cache (``accounts:user:<pk>``, forgotten whenever the
member is saved or deleted, and after ``USER_CACHE_SECONDS`` in any case). Django still
checks the session against the member's password hash and ``is_active`` as usual.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.cache import cache

USER_CACHE_SECONDS = 300


def user_cache_key(pk) -> str:
    return f"accounts:user:{pk}"


def forget_user(pk) -> None:
    """Drop a member's cached copy (called when they are saved or deleted)."""
    cache.delete(user_cache_key(pk))


class CachedUserMixin:
    def get_user(self, user_id):
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, USER_CACHE_SECONDS)
            return user
        return user if self.user_can_authenticate(user) else None


class ModelBackend(CachedUserMixin, DjangoModelBackend):
    """Email and password sign-in (the admin, ``force_login``), members read through the cache."""


class AuthenticationBackend(CachedUserMixin, AllauthBackend):
    """allauth's sign-in (email login, codes), members read through the cache."""
