"""core.links: links to many objects from one reverse()."""

from django.urls import reverse
from django.utils import translation

from core.links import url_for_each


def test_url_for_each_gives_what_reverse_gives_in_each_language():
    for language in ("en", "cy"):
        with translation.override(language):
            event_url = url_for_each("events:event-detail")
            space_url = url_for_each("spaces:space-detail")
            for slug in ("canal-walk", "yoga-2", "a_b"):
                assert event_url(slug) == reverse("events:event-detail", kwargs={"slug": slug})
                assert space_url(slug) == reverse("spaces:space-detail", kwargs={"slug": slug})
    with translation.override("cy"):
        assert url_for_each("events:event-detail")("x").startswith("/cy/")
