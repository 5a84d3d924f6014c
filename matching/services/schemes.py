"""The support schemes directory: finding schemes for a place, CSV import and export."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from core.csv_export import unsafe_cell
from matching.models import Coverage, HelpKind, SkillTopic, SupportScheme
from postcodes.models import District, LocalAuthority, Nation

CSV_COLUMNS = [
    "name",
    "slug",
    "summary",
    "kinds",
    "topics",
    "website",
    "phone",
    "email",
    "opening_hours",
    "coverage",
    "nation",
    "local_authorities",
    "districts",
    "active",
]
REQUIRED_COLUMNS = {"name", "summary", "coverage"}
MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def schemes_for_location(*, location, kinds=None, topics=None) -> list[SupportScheme]:
    """Active schemes covering ``location``, most local first, then by name.

    ``kinds``/``topics`` (ids) keep schemes that help with any of them.
    """
    schemes = SupportScheme.objects.covering(location)
    if kinds or topics:
        schemes = schemes.filter(Q(kinds__in=kinds or []) | Q(topics__in=topics or []))
    schemes = schemes.distinct().prefetch_related("kinds", "topics", "local_authorities")
    return sorted(schemes, key=lambda s: (s.rank, s.name.lower(), s.pk))


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace("|", ";").split(";") if part.strip()]


def schemes_export_rows(schemes):
    """CSV rows (in ``CSV_COLUMNS`` order) for ``schemes``, which import reads back."""
    schemes = schemes.prefetch_related("kinds", "topics", "local_authorities", "districts")
    for s in schemes.iterator(chunk_size=500):
        yield [
            s.name,
            s.slug,
            s.summary,
            "; ".join(k.slug for k in s.kinds.all()),
            "; ".join(t.slug for t in s.topics.all()),
            s.website,
            s.phone,
            s.email,
            s.opening_hours,
            s.coverage,
            s.nation,
            "; ".join(la.code for la in s.local_authorities.all()),
            "; ".join(d.outcode for d in s.districts.all()),
            "yes" if s.is_active else "no",
        ]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Lookups:
    """Names, slugs and codes → rows, read once per import."""

    def __init__(self):
        self.kinds = {}
        for kind in HelpKind.objects.all():
            self.kinds[kind.slug.lower()] = self.kinds[kind.name.lower()] = kind
        self.topics = {}
        for topic in SkillTopic.objects.all():
            self.topics[topic.slug.lower()] = self.topics[topic.name.lower()] = topic
        self.authorities = {}
        for la in LocalAuthority.objects.all():
            self.authorities[la.code.lower()] = self.authorities[la.name.lower()] = la
        self.districts = set(District.objects.values_list("outcode", flat=True))

    @staticmethod
    def find(table: dict, values: list[str], what: str, errors: list[str]):
        found = []
        for value in values:
            row = table.get(value.lower())
            if row is None:
                errors.append(f"unknown {what} “{value}”")
            else:
                found.append(row)
        return found


_COVERAGE_WORDS = {
    "uk": Coverage.UK,
    "whole uk": Coverage.UK,
    "national": Coverage.UK,
    "nation": Coverage.NATION,
    "local_authorities": Coverage.LOCAL_AUTHORITIES,
    "local authorities": Coverage.LOCAL_AUTHORITIES,
    "districts": Coverage.DISTRICTS,
    "postcode districts": Coverage.DISTRICTS,
}
_YES = {"", "yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _parse_row(row: dict, lookups: _Lookups):
    """Validate one CSV row; returns (fields, relations, errors)."""
    errors: list[str] = []
    name = (row.get("name") or "").strip()
    slug = slugify((row.get("slug") or "").strip() or name)[:160]
    coverage = _COVERAGE_WORDS.get((row.get("coverage") or "").strip().lower())
    if coverage is None:
        errors.append(
            f"coverage “{row.get('coverage') or ''}” should be uk, nation, "
            "local_authorities or districts"
        )
    nation = (row.get("nation") or "").strip()
    nation = next((n for n in Nation.values if n.lower() == nation.lower()), nation)
    active = (row.get("active") or "").strip().lower()
    if active not in _YES | _NO:
        errors.append(f"active “{row.get('active')}” should be yes or no")
    kinds = lookups.find(lookups.kinds, _split(row.get("kinds")), "help kind", errors)
    topics = lookups.find(lookups.topics, _split(row.get("topics")), "skill topic", errors)
    authorities = lookups.find(
        lookups.authorities, _split(row.get("local_authorities")), "local authority", errors
    )
    outcodes = [o.upper().replace(" ", "") for o in _split(row.get("districts"))]
    for outcode in outcodes:
        if outcode not in lookups.districts:
            errors.append(f"unknown postcode district “{outcode}”")
    fields = {
        "name": name,
        "slug": slug,
        "summary": (row.get("summary") or "").strip(),
        "website": (row.get("website") or "").strip(),
        "phone": (row.get("phone") or "").strip(),
        "email": (row.get("email") or "").strip(),
        "opening_hours": (row.get("opening_hours") or "").strip(),
        "coverage": coverage or "",
        "nation": nation,
        "is_active": active not in _NO,
    }
    relations = {
        "kinds": kinds,
        "topics": topics,
        "local_authorities": authorities,
        "districts": [o for o in outcodes if o in lookups.districts],
    }
    return fields, relations, errors


def scheme_validate(*, scheme: SupportScheme, relations: dict) -> list[str]:
    """Rules that span a scheme's fields and its coverage lists; messages for staff."""
    errors = []
    if not (scheme.website or scheme.phone or scheme.email):
        errors.append("give at least one way to contact it: website, phone or email")
    if not (relations.get("kinds") or relations.get("topics")):
        errors.append("say what it helps with: at least one help kind or skill topic")
    if scheme.coverage == Coverage.NATION and scheme.nation not in Nation.values:
        errors.append(
            "a one-nation scheme needs its nation (England, Scotland, Wales or Northern Ireland)"
        )
    elif scheme.nation and scheme.nation not in Nation.values:
        errors.append(
            f"nation “{scheme.nation}” should be England, Scotland, Wales or Northern Ireland"
        )
    if scheme.coverage == Coverage.LOCAL_AUTHORITIES and not relations.get("local_authorities"):
        errors.append("a local authority scheme needs at least one local authority")
    if scheme.coverage == Coverage.DISTRICTS and not relations.get("districts"):
        errors.append("a postcode district scheme needs at least one district")
    return errors


def schemes_import_csv(*, data: bytes) -> ImportResult:
    """Create or update schemes (matched on slug) from CSV bytes, all or nothing.

    Columns are ``CSV_COLUMNS`` (the export's); lists are separated by semicolons; kinds
    and topics by slug or name, local authorities by GSS code or name, districts by outward
    code. Any error (reported with its line number) leaves the directory unchanged.
    """
    result = ImportResult()
    reader = _csv_reader(data, result)
    if reader is None:
        return result
    parsed = _rows_parse(reader, result)
    if result.errors:
        return result
    _schemes_save(parsed, result)
    return result


def _csv_reader(data: bytes, result: ImportResult) -> csv.DictReader | None:
    """A reader over the file's rows, or None (with the reason in ``result``) when the file
    is too large, not UTF-8 or lacks a required column."""
    if len(data) > MAX_IMPORT_BYTES:
        result.errors.append("The file is larger than 2 MB; split it into smaller files.")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append("The file isn't UTF-8 text. Save it as “CSV UTF-8” and try again.")
        return None
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in (reader.fieldnames or [])}
    missing = REQUIRED_COLUMNS - columns
    if missing:
        result.errors.append(
            "The first line must name the columns; missing: " + ", ".join(sorted(missing)) + "."
        )
        return None
    return reader


def _rows_parse(reader: csv.DictReader, result: ImportResult) -> list[tuple]:
    """Each row as an unsaved (or changed) scheme and its relations; every problem goes to
    ``result`` with its line number."""
    lookups = _Lookups()
    parsed = []
    seen_slugs = {}
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            result.errors.append(f"More than {MAX_IMPORT_ROWS} rows: split the file.")
            break
        # ``unsafe_cell`` undoes the quote our own export put before a phone like +44.
        row = {
            (k or "").strip().lower(): unsafe_cell(v) if isinstance(v, str) else ""
            for k, v in raw.items()
        }
        if not any(row.values()):
            continue
        fields, relations, errors = _parse_row(row, lookups)
        if fields["slug"] in seen_slugs:
            errors.append(f"the same scheme as line {seen_slugs[fields['slug']]}")
        seen_slugs[fields["slug"]] = line
        scheme = _scheme_with(fields, errors)
        errors.extend(scheme_validate(scheme=scheme, relations=relations))
        if errors:
            result.errors.append(f"Line {line}: " + "; ".join(errors) + ".")
        parsed.append((scheme, relations))
    return parsed


def _scheme_with(fields: dict, errors: list[str]) -> SupportScheme:
    """The scheme with this slug (or a new one) holding ``fields``, checked by the model."""
    scheme = SupportScheme.objects.filter(slug=fields["slug"]).first() or SupportScheme()
    for name, value in fields.items():
        setattr(scheme, name, value)
    try:
        scheme.full_clean(exclude=["coverage", "nation"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.extend(f"{name}: {m}" for m in messages)
    return scheme


def _schemes_save(parsed: list[tuple], result: ImportResult) -> None:
    with transaction.atomic():
        for scheme, relations in parsed:
            created = scheme.pk is None
            scheme.save()
            scheme.kinds.set(relations["kinds"])
            scheme.topics.set(relations["topics"])
            scheme.local_authorities.set(relations["local_authorities"])
            scheme.districts.set(relations["districts"])
            if created:
                result.created += 1
            else:
                result.updated += 1
