"""Members list spaces and propose edits; staff decisions (core.moderation) make them public."""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from core.models import ModerationStatus
from core.moderation import listing_moderate
from postcodes.services import Location

from ..models import Space, SpaceEdit, SpacePhoto, Status, StatusChange, name_key
from .photos import photo_add

# The fields a member may set on a space (status is for staff, through ``status``).
MEMBER_FIELDS = [
    "name",
    "kind",
    "address",
    "description",
    "step_free",
    "toilets",
    "kitchen",
    "wifi",
    "capacity",
    "opening_hours",
    "opening_notes",
    "owner_type",
    "run_by",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_consent",
]
LOCATION_FIELDS = ["postcode", "latitude", "longitude", "outcode", "lad_code", "nation"]
# Paths under /spaces/ that a slug must never shadow.
RESERVED_SLUGS = {"new", "mine", "endangered", "map", "geojson"}
TAGS_CACHE_VERSION_KEY = "spaces:tags-version"


class DuplicateSpace(Exception):
    """The place is already listed; ``existing`` is that listing."""

    def __init__(self, existing: Space | None):
        self.existing = existing
        super().__init__(f"Already listed: {existing}")


def tags_changed() -> None:
    """Invalidate cached tag lists (the search page's interest choices)."""
    from ..selectors import popular_tags_forget

    popular_tags_forget()
    try:
        cache.incr(TAGS_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(TAGS_CACHE_VERSION_KEY, 2, None)


def location_fields(location: Location) -> dict:
    return {
        "postcode": location.postcode,
        "latitude": location.point.lat,
        "longitude": location.point.lon,
        "outcode": location.outcode,
        "lad_code": location.lad_code,
        "nation": location.nation,
    }


def _unique_slug(name: str, outcode: str) -> str:
    base = slugify(f"{name} {outcode}")[:200].strip("-") or "space"
    taken = set(Space.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _find_duplicate(*, name: str, postcode: str, exclude_pk: int | None = None) -> Space | None:
    qs = Space.objects.exclude(moderation_status=ModerationStatus.REJECTED).filter(
        name_key=name_key(name), postcode=postcode
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def _save_guarding_duplicates(space: Space, **kwargs) -> None:
    try:
        with transaction.atomic():
            space.save(**kwargs)
    except IntegrityError as error:
        existing = _find_duplicate(name=space.name, postcode=space.postcode, exclude_pk=space.pk)
        if existing is None:
            raise
        raise DuplicateSpace(existing) from error


def space_submit(
    *,
    by,
    fields: dict,
    location: Location,
    tags: list[str],
    photo=None,
    photo_alt: str = "",
) -> Space:
    """List a new space on behalf of member ``by``, awaiting staff review.

    ``fields`` holds values for ``MEMBER_FIELDS``; ``location`` comes from a
    ``PostcodeField``; ``photo`` (optional) must have passed ``photo_check``. Raises
    ``DuplicateSpace`` if the same place (same name at the same postcode) is already
    listed, even when two submissions race: a unique constraint backs the check.
    """
    with transaction.atomic():
        space = Space(**{k: v for k, v in fields.items() if k in MEMBER_FIELDS})
        space.set_location(location)
        space.slug = _unique_slug(space.name, location.outcode)
        space.submitted_by = by
        space.submitted_at = timezone.now()
        space.moderation_status = ModerationStatus.PENDING
        space.status = Status.OPEN
        space.status_changed_at = space.submitted_at
        _save_guarding_duplicates(space)
        space.tags.set(tags)
        StatusChange.objects.create(
            space=space,
            status=Status.OPEN,
            note="Listed on coopcentre.",
            changed_by=by,
            changed_at=space.submitted_at,
        )
        if photo is not None:
            photo_add(space=space, by=by, upload=photo, alt_text=photo_alt or space.name)
    return space


def space_resubmit(*, space: Space, by, fields: dict, location: Location, tags: list[str]) -> Space:
    """The submitter corrects a space that is not public yet; it goes back for review."""
    with transaction.atomic():
        for name in MEMBER_FIELDS:
            if name in fields:
                setattr(space, name, fields[name])
        space.set_location(location)
        space.moderation_status = ModerationStatus.PENDING
        space.submitted_at = timezone.now()
        _save_guarding_duplicates(space)
        space.tags.set(tags)
    return space


def space_changes(*, space: Space, fields: dict, location: Location, tags: list[str]) -> dict:
    """What an edit would change: {field: {"from": current, "to": proposed}}, JSON-ready.

    The location counts as one change (``"location"``), the tags as another (``"tags"``).
    """
    changes = {}
    for name in MEMBER_FIELDS:
        if name not in fields:
            continue
        old, new = getattr(space, name), fields[name]
        if old != new:
            changes[name] = {"from": old, "to": new}
    new_location = location_fields(location)
    if space.postcode != new_location["postcode"]:
        old_location = {f: getattr(space, f) for f in LOCATION_FIELDS}
        changes["location"] = {"from": old_location, "to": new_location}
    old_tags = sorted(t.name for t in space.tags.all())
    if old_tags != sorted(tags):
        changes["tags"] = {"from": old_tags, "to": sorted(tags)}
    return changes


def space_edit_propose(*, space: Space, by, changes: dict, reason: str = "") -> SpaceEdit:
    """Record member ``by``'s proposed ``changes`` (from ``space_changes``) to ``space``.

    Staff review it in admin; on approval ``space_edit_apply`` makes it live and the
    proposer is emailed. A proposal by staff is applied at once.
    """
    if not changes:
        raise ValueError("An edit must change something.")
    edit = SpaceEdit.objects.create(
        space=space, submitted_by=by, changes=changes, reason=reason, submitted_at=timezone.now()
    )
    if by.is_staff:
        space_edit_apply(edit=edit, by=by, notify=False)
    return edit


def space_edit_apply(*, edit: SpaceEdit, by, note: str = "", notify: bool = True) -> Space:
    """Apply an approved edit to its space and record the decision (emailing the proposer).

    Raises ``DuplicateSpace`` (and changes nothing) if the edit would make the space a
    duplicate of another listing.
    """
    with transaction.atomic():
        space = Space.objects.select_for_update().get(pk=edit.space_id)
        for field, change in edit.changes.items():
            if field == "location":
                for name, value in change["to"].items():
                    setattr(space, name, value)
            elif field in MEMBER_FIELDS:
                setattr(space, field, change["to"])
        _save_guarding_duplicates(space)
        if "tags" in edit.changes:
            space.tags.set(edit.changes["tags"]["to"])
            transaction.on_commit(tags_changed)
        edit.applied_at = timezone.now()
        edit.save(update_fields=["applied_at"])
        listing_moderate(
            listing=edit, decision=ModerationStatus.APPROVED, by=by, note=note, notify=notify
        )
    return space


def space_moderate(*, space: Space, decision: str, by, note: str = "", featured=None) -> None:
    """Staff decide on a listed space (the submitter is emailed by core.moderation).

    Approving a space also approves the photos its submitter sent with it, without a
    second email.
    """
    with transaction.atomic():
        listing_moderate(listing=space, decision=decision, by=by, note=note, featured=featured)
        if decision == ModerationStatus.APPROVED:
            photos = SpacePhoto.objects.pending().filter(
                space=space, submitted_by_id=space.submitted_by_id
            )
            for photo in photos:
                listing_moderate(listing=photo, decision=decision, by=by, notify=False)
        transaction.on_commit(tags_changed)


def space_edit_moderate(*, edit: SpaceEdit, decision: str, by, note: str = "") -> None:
    """Staff decide on a proposed edit: approving applies it; either way the proposer hears."""
    if decision == ModerationStatus.APPROVED:
        space_edit_apply(edit=edit, by=by, note=note)
    else:
        listing_moderate(listing=edit, decision=decision, by=by, note=note)
