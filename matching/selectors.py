"""Public reads of the matching app, for the apps above it (opendata's Open Referral API)."""

from django.db.models import Q, QuerySet

from .models import HelpKind, SkillTopic, SupportScheme


def schemes_published(*, search: str = "", kind_ids=(), topic_ids=()) -> QuerySet[SupportScheme]:
    """Active support schemes (their contacts are public), by name, with their help kinds,
    topics and areas read in a few queries whatever the page size. ``search`` matches the
    name or summary; ``kind_ids``/``topic_ids`` keep schemes filed under any of them."""
    qs = SupportScheme.objects.active()
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(summary__icontains=search))
    if kind_ids or topic_ids:
        qs = qs.filter(Q(kinds__in=list(kind_ids)) | Q(topics__in=list(topic_ids))).distinct()
    return qs.order_by("name", "pk").prefetch_related(
        "kinds", "topics", "local_authorities", "districts"
    )


def help_kinds() -> list[HelpKind]:
    """The kinds of practical help offered on the forms, in their order."""
    return list(HelpKind.objects.active())


def skill_topics() -> list[SkillTopic]:
    """The skill topics offered on the forms, in their order."""
    return list(SkillTopic.objects.active())
