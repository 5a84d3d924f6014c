"""``{% add_to_calendar date %}``: download the .ics, or open Google Calendar or Outlook
with the date filled in. ``date`` is a dict with ``title``, ``starts``, ``ends``,
``ics_url``, ``page_url`` and ``location`` (the owning app builds it:
``events.calendars.calendar_date``)."""

from django import template

from core.calendar_links import calendar_links

register = template.Library()


@register.inclusion_tag("core/includes/add_to_calendar.html")
def add_to_calendar(date: dict):
    return {"links": calendar_links(**date), "title": date["title"]}
