"""Public reads of the wellbeing index, for the portal to call."""

from .models import Domain


def help_tags_all() -> list[str]:
    """Every tag that some domain says helps with it (``Domain.help_tags``), sorted: the
    tags "what's near you that helps" may ever look for. One query."""
    return sorted({tag for domain in Domain.objects.all() for tag in domain.tag_list})
