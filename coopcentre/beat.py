"""Celery beat: every periodic job of the site, in one place (settings.CELERY_BEAT_SCHEDULE).

A capability adds its entry here, with a line on what it does and how often.
"""

from celery.schedules import crontab

SCHEDULE = {
    # The outbox (core/outbox, docs/outbox.md): re-queue single emails whose task was lost,
    # and flag ones a killed worker left "sending" (never re-sent by themselves).
    "core-outbox-sweep": {
        "task": "core.outbox.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    # The moderation queue (core/moderation_queue, docs/moderation.md): each morning, every
    # moderator is emailed what awaits a decision (once a day, only when something waits).
    "core-moderation-digest": {
        "task": "core.moderation_queue.tasks.send_moderation_digest",
        "schedule": crontab(hour=8, minute=0),
    },
    # communities: yearly check-ins of co-operative communities (daily; each is sent once a
    # year).
    "communities-yearly-checkins": {
        "task": "communities.tasks.send_due_checkins",
        "schedule": 24 * 60 * 60,
    },
    # Help matching: expire unanswered introductions, then match every open need.
    "matching-nightly": {
        "task": "matching.tasks.match_all_open",
        "schedule": crontab(hour=2, minute=30),
    },
    # A campaign whose worker died carries on (exactly once) within a few minutes.
    "matching-campaign-watchdog": {
        "task": "matching.tasks.resume_stalled_campaigns",
        "schedule": 120.0,
    },
    # participation's weekly digest (Mondays).
    "participation-weekly-digest": {
        "task": "participation.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week=1, hour=7, minute=0),
    },
    # events: day-before reminders (hourly, each recorded once), and regular activities'
    # dates expanded a year ahead every night.
    "events-send-reminders": {
        "task": "events.tasks.send_event_reminders",
        "schedule": crontab(minute=5),
    },
    "events-extend-schedules": {
        "task": "events.tasks.extend_event_schedules",
        "schedule": crontab(hour=3, minute=17),
    },
    # events: each event's next date (what a search without dates lists) moved on once
    # it is over. Until then searches hide the event (they never show a date that is
    # over), so this bounds that to a minute; each run updates only the events moved.
    "events-move-next-dates": {"task": "events.tasks.move_next_dates", "schedule": 60.0},
    # The wellbeing index (docs/wellbeing_index.md): count this site's spaces, groups and
    # regular events near every neighbourhood (social infrastructure, "left behind"), nightly.
    "wellbeing-social-infrastructure": {
        "task": "wellbeing_index.tasks.social_infrastructure_refresh",
        "schedule": crontab(hour=3, minute=45),
    },
    # Open data (docs/opendata.md): stamp new event dates into the feeds every minute, and
    # harvest other publishers' feeds every hour.
    "opendata-new-dates": {"task": "opendata.tasks.stamp_new_dates", "schedule": 60.0},
    "opendata-harvest": {"task": "opendata.tasks.harvest_all", "schedule": 60 * 60.0},
}
