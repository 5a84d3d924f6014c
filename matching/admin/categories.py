"""Kinds of help and skill topics, with how many open requests each has."""

from django.contrib import admin

from ..models import HelpKind, SkillTopic
from .common import CategoryAdmin, open_count


@admin.register(HelpKind)
class HelpKindAdmin(CategoryAdmin):
    counted = ("needs", "offers")
    list_display = ("name", "needs_proximity", "is_active", "position", "open_needs", "open_offers")
    open_needs = open_count("needs", "open needs")
    open_offers = open_count("offers", "open offers")


@admin.register(SkillTopic)
class SkillTopicAdmin(CategoryAdmin):
    counted = ("learners", "teachers")
    list_display = ("name", "needs_proximity", "is_active", "position", "to_learn", "to_teach")
    to_learn = open_count("learners", "want to learn")
    to_teach = open_count("teachers", "can teach")
