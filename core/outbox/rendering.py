"""The one place an email is rendered: a template triple in the right language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def language_code(language: str) -> str:
    """The site's code for a stored language: "en" (rows from before members chose) and
    "en-gb" are written as the site writes English (LANGUAGE_CODE "en-gb": 3 Dec 2026)."""
    if not language or language.split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]:
        return settings.LANGUAGE_CODE
    return language


def render(template: str, context: dict, language: str = "en") -> tuple[str, str, str]:
    """Return (subject, text body, HTML body) for ``template``.

    ``template`` names a triple: ``<template>-subject.txt``, ``-body.txt`` and ``-body.html``
    (for example ``events/emails/rsvp-confirmed`` lives in
    ``events/templates/events/emails/``). Rendered under ``translation.override(language)``
    with ``site_url`` and ``language`` added to ``context``.
    """
    language = language_code(language)
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = render_to_string(f"{template}-subject.txt", context)
        # A subject must be one line, whatever the template's whitespace.
        subject = " ".join(subject.split())
        text = render_to_string(f"{template}-body.txt", context)
        html = render_to_string(f"{template}-body.html", context)
    return subject, text, html
