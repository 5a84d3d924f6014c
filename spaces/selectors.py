"""Reads of the spaces app: ``spaces_near`` is public, for other capability apps to call."""

import time
from datetime import timedelta
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from taggit.models import Tag, TaggedItem

from core.links import url_for_each
from core.models import ModerationStatus
from postcodes.geo import Point
from postcodes.models import LocalAuthority, Nation

from .expressions import RECORD_SEPARATOR, UNIT_SEPARATOR, TagPairs
from .models import (
    FACILITIES,
    LISTING_FIELDS,
    Kind,
    Pledge,
    Space,
    Status,
    StatusChange,
    TransferStage,
    name_key,
)

TAG_CACHE_SECONDS = 600
TAG_MEMO_SECONDS = 60
_popular_tags_memo: dict[int, tuple[float, list]] = {}
DUPLICATE_KM = 0.3


def pledge_total():
    """An expression for ``annotate``: how many pledges a space has (0 for none)."""
    counts = (
        Pledge.objects.filter(space=OuterRef("pk"))
        .order_by()
        .values("space")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def spaces_near(*, point: Point, km: float = 5, tags=None, limit: int | None = 6) -> list[Space]:
    """Approved spaces within ``km`` of ``point``, nearest first, each with ``distance_km``.

    ``tags`` (names) keeps spaces with any of them. Spaces that have closed are left out.
    """
    qs = (
        Space.objects.approved()
        .exclude(status=Status.CLOSED)
        .near(point, km)
        .for_listing()
        .prefetch_related("tags")
    )
    if tags:
        qs = qs.filter(tagged_with_any(names=list(tags)))
    qs = qs.order_by("distance_km", "pk")
    return list(qs[:limit] if limit else qs)


def space_counts_by_local_authority() -> dict[str, int]:
    """How many approved spaces (closed ones left out) each local authority has, by its
    code (one aggregate query; authorities with none are absent)."""
    return _space_counts_by("lad_code")


def space_counts_by_outcode() -> dict[str, int]:
    """How many approved spaces (closed ones left out) each postcode district has, by its
    outcode (one aggregate query; districts with none are absent)."""
    return _space_counts_by("outcode")


def _space_counts_by(field: str) -> dict[str, int]:
    rows = (
        Space.objects.approved()
        .exclude(status=Status.CLOSED)
        .exclude(**{field: ""})
        .values_list(field)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


class TagRef(NamedTuple):
    name: str
    slug: str


# What a result card shows; read as plain rows (``values``), not model instances.
CARD_FIELDS = ("pk", "updated_at", *LISTING_FIELDS)
_KIND_LABELS = dict(Kind.choices)
_STATUS_LABELS = dict(Status.choices)
_STAGE_LABELS = dict(TransferStage.choices)


def card_rows(queryset, *, with_tags: bool = True):
    """``queryset`` as card rows (dicts), with ``distance_km`` when it was annotated and
    (unless ``with_tags`` is False) ``tag_pairs``, the tags in the same query."""
    extra = ["distance_km"] if "distance_km" in queryset.query.annotations else []
    if with_tags:
        content_type = ContentType.objects.get_for_model(Space)
        queryset = queryset.annotate(tag_pairs=TagPairs(content_type.pk))
        extra.append("tag_pairs")
    return queryset.values(*CARD_FIELDS, *extra)


def card_version(card: dict) -> tuple:
    """What names a card's rendering (``core.render_cache``): the space and when it was
    last saved, plus what changes without saving it (its tags, its cover photo)."""
    return (
        card["pk"],
        card["updated_at"].isoformat(),
        card.get("tag_pairs") or "",
        card["cover_thumbnail"],
        card["cover_alt"],
    )


def space_cards(rows: list[dict]) -> list[dict]:
    """Finish a page of card rows for display: URL, labels, facilities, status line, tags.

    Cards are plain dicts, cheap to build and to render: model instances and taggit's
    own prefetch (a queryset per space) made this the largest cost of the search page.
    """
    space_url = url_for_each("spaces:space-detail")
    for row in rows:
        status = row["status"]
        distance = row.get("distance_km")
        facilities = [label for field, label in FACILITIES if row[field]]
        if row["capacity"]:
            facilities.append(f"Holds {row['capacity']:,}")
        note = ""
        if status == Status.THREATENED and row["threat_deadline"]:
            note = f"deadline {date_format(row['threat_deadline'], 'j M Y')}"
        elif status == Status.TRANSFER and row["transfer_stage"]:
            note = _STAGE_LABELS.get(row["transfer_stage"], "")
        row.update(
            url=space_url(row["slug"]),
            kind_label=_KIND_LABELS.get(row["kind"], ""),
            status_label=_STATUS_LABELS.get(status, "") if status != Status.OPEN else "",
            status_note=note,
            distance_note=f"{distance:.1f} km away" if distance is not None else "",
            place_text=", ".join(p for p in (row["address"], row["postcode"]) if p),
            facilities_text=" · ".join(facilities),
            cover_url=default_storage.url(row["cover_thumbnail"]) if row["cover_thumbnail"] else "",
            tag_list=[
                TagRef(*pair.split(UNIT_SEPARATOR))
                for pair in (row.get("tag_pairs") or "").split(RECORD_SEPARATOR)
                if pair
            ],
        )
    return rows


def tagged_with_any(*, slugs=None, names=None) -> Exists:
    """A condition for spaces carrying any of the tags (by slug or by name), without joins
    that would need DISTINCT."""
    items = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Space), object_id=OuterRef("pk")
    )
    if slugs is not None:
        items = items.filter(tag__slug__in=slugs)
    if names is not None:
        items = items.filter(tag__name__in=names)
    return Exists(items)


def popular_tags(*, limit: int = 16) -> list[tuple[str, str, int]]:
    """(slug, name, count) of the tags most used on public spaces, cached for ten minutes.

    The cache key carries a version that listing and editing spaces bump.
    """
    from .services.submissions import TAGS_CACHE_VERSION_KEY

    # A minute in the process's own memory first: the search page asks on every request.
    memo = _popular_tags_memo.get(limit)
    if memo and memo[0] > time.monotonic():
        return memo[1]
    version = cache.get(TAGS_CACHE_VERSION_KEY, 1)
    key = f"spaces:popular-tags:{version}:{limit}"
    tags = cache.get(key)
    if tags is None:
        approved = Space.objects.approved().values("pk")
        tags = list(
            Tag.objects.filter(
                taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(Space),
                taggit_taggeditem_items__object_id__in=approved,
            )
            .annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")
            .values_list("slug", "name", "uses")[:limit]
        )
        cache.set(key, tags, TAG_CACHE_SECONDS)
    _popular_tags_memo[limit] = (time.monotonic() + TAG_MEMO_SECONDS, tags)
    return tags


def popular_tags_forget() -> None:
    """Forget this process's memo (the shared cache is versioned by ``tags_changed``)."""
    _popular_tags_memo.clear()


def existing_tag_slugs(slugs) -> set[str]:
    return set(Tag.objects.filter(slug__in=list(slugs)).values_list("slug", flat=True))


def pledge_summary(*, space_id: int) -> dict:
    """How many pledges a space has, in total and for each gift (one query)."""
    return Pledge.objects.filter(space_id=space_id).aggregate(
        total=Count("pk"),
        time=Count("pk", filter=Q(time=True)),
        skills=Count("pk", filter=Q(skills=True)),
        money=Count("pk", filter=Q(money=True)),
        voice=Count("pk", filter=Q(voice=True)),
    )


def local_authority_name(code: str) -> str:
    if not code:
        return ""
    return LocalAuthority.objects.filter(code=code).values_list("name", flat=True).first() or ""


def space_figures(*, year: int | None = None) -> dict:
    """Figures for staff: public spaces by status and nation, and spaces saved in ``year``."""
    year = year or timezone.localdate().year
    rows = (
        Space.objects.approved().values_list("status", "nation").annotate(n=Count("pk")).order_by()
    )
    nations = [n.value for n in Nation] + [""]
    table = {status: dict.fromkeys(nations, 0) for status in Status.values}
    for status, nation, n in rows:
        table[status][nation if nation in table[status] else ""] += n
    by_status = [
        {
            "status": label,
            "value": value,
            "cells": [table[value][n] for n in nations],
            "total": sum(table[value].values()),
        }
        for value, label in Status.choices
    ]
    totals = [sum(table[s][n] for s in Status.values) for n in nations]
    saved = (
        StatusChange.objects.filter(status=Status.SAVED, changed_at__year=year)
        .values("space")
        .distinct()
        .count()
    )
    return {
        "year": year,
        "nations": [n or "Unknown" for n in nations],
        "by_status": by_status,
        "totals": totals,
        "total": sum(totals),
        "saved_this_year": saved,
        "pending": Space.objects.filter(moderation_status=ModerationStatus.PENDING).count(),
        "pledges": Pledge.objects.count(),
        "threatened_due_30_days": Space.objects.approved()
        .threatened()
        .filter(
            threat_deadline__lte=timezone.localdate() + timedelta(days=30),
        )
        .count(),
    }


def space_duplicate(*, name: str, location, exclude_pk: int | None = None) -> Space | None:
    """A listed (not rejected) space that looks like the same place, or None.

    The same place is the same name (ignoring case, punctuation and "the") at the same
    postcode or, when we know the exact position, within 300 metres.
    """
    qs = Space.objects.exclude(moderation_status=ModerationStatus.REJECTED).filter(
        name_key=name_key(name)
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    same = qs.filter(postcode=location.postcode).first()
    if same is None and location.is_full_postcode:
        same = qs.near(location.point, DUPLICATE_KM).first()
    return same
