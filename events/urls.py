from django.urls import path

from . import views

app_name = "events"

# Event slugs always end in a date ("repair-cafe-2026-12-05"), so they can't collide
# with the fixed paths above them.
urlpatterns = [
    path("", views.EventSearchView.as_view(), name="event-list"),
    path("calendar.ics", views.search_calendar, name="search-calendar"),
    path("online/", views.OnlineEventSearchView.as_view(), name="online-event-list"),
    path("online/calendar.ics", views.search_calendar, {"online": True}, name="online-calendar"),
    path("new/", views.event_create, name="event-create"),
    path("yours/", views.your_events, name="your-events"),
    path("yours/calendar/", views.your_calendar, name="your-calendar"),
    path("yours/calendar/new-address/", views.your_calendar_renew, name="your-calendar-renew"),
    path("feeds/<slug:token>.ics", views.personal_calendar, name="personal-calendar"),
    path("organisers/<int:pk>/", views.organiser_events, name="organiser"),
    path("organisers/<int:pk>/calendar.ics", views.organiser_calendar, name="organiser-calendar"),
    path("groups/<slug:slug>/calendar.ics", views.group_calendar, name="group-calendar"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("<slug:slug>/edit/", views.event_edit, name="event-edit"),
    path("<slug:slug>/cancel/", views.event_cancel, name="event-cancel"),
    path("<slug:slug>/event.ics", views.event_calendar, name="event-calendar"),
    path("<slug:slug>/rsvp/", views.rsvp, name="rsvp"),
    path("<slug:slug>/rsvp/cancel/", views.rsvp_cancel, name="rsvp-cancel"),
    path("<slug:slug>/attendees/", views.attendees, name="attendees"),
    path("<slug:slug>/attendees.csv", views.attendees_csv, name="attendees-csv"),
]
