"""Looking up where a postcode is, and loading the district data."""

import csv
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from .geo import Point
from .models import District, LocalAuthority, Nation, Postcode
from .parsing import ParsedPostcode, UnknownPostcode, parse

DISTRICTS_CSV = Path(settings.BASE_DIR) / "data" / "uk_postcode_districts.csv"


class Precision:
    POSTCODE = "postcode"
    DISTRICT = "district"


@dataclass(frozen=True)
class Location:
    """Where a postcode is, and how precisely we know it."""

    postcode: str  # normalised: "M1 1AE", or the outward code alone ("M1")
    point: Point
    outcode: str
    lad_code: str
    lad_name: str
    nation: str
    precision: str  # Precision.POSTCODE or Precision.DISTRICT
    small_area_code: str = ""

    @property
    def is_full_postcode(self) -> bool:
        return self.precision == Precision.POSTCODE

    @property
    def place_name(self) -> str:
        return f"{self.postcode}, {self.lad_name}"


_POSTCODE_SQL = (
    f"SELECT latitude, longitude, lad_code, small_area_code FROM {Postcode._meta.db_table} "  # noqa: S608
    "WHERE postcode = %s"
)

_lock = threading.Lock()
_districts: dict[str, tuple[float, float, str, str]] | None = None
_authorities: dict[str, tuple[str, str]] | None = None


def _indexes():
    """District and authority tables, read once per process: 2,943 + 361 small rows."""
    global _districts, _authorities
    if _districts is None:
        with _lock:
            if _districts is None:
                authorities = {la.code: (la.name, la.nation) for la in LocalAuthority.objects.all()}
                districts = {
                    d.outcode: (d.latitude, d.longitude, d.local_authority_id, d.nation)
                    for d in District.objects.all()
                }
                if not districts:
                    return {}, {}
                _authorities, _districts = authorities, districts
    return _districts, _authorities


def authority_name(code: str) -> str:
    """The name of local authority ``code`` ("" when unknown); read from the per-process
    table, so calling it for every row of a page costs no query."""
    return _indexes()[1].get(code, ("", ""))[0] if code else ""


def clear_cache() -> None:
    global _districts, _authorities
    with _lock:
        _districts = _authorities = None


def lookup(value: str | ParsedPostcode) -> Location:
    """Locate a UK postcode or outward code.

    Returns a ``Location`` with the point, district, local authority, nation and precision:
    the postcode's own position when the full postcode table holds it, else the district
    centroid. Raises ``InvalidPostcode``, ``OutsideUK`` or ``UnknownPostcode``
    (all ``PostcodeError``, with a message fit to show the user).
    """
    parsed = value if isinstance(value, ParsedPostcode) else parse(value)
    districts, authorities = _indexes()
    district = districts.get(parsed.outward)
    if parsed.is_full:
        # A hot path (every postcode page): plain SQL skips the ORM's query building.
        with connection.cursor() as cursor:
            cursor.execute(_POSTCODE_SQL, [str(parsed)])
            row = cursor.fetchone()
        if row is not None:
            lat, lon, lad_code, small_area = row
            lad_code = lad_code or (district[2] if district else "")
            lad_name, nation = authorities.get(lad_code, ("", ""))
            if not nation and lad_code:
                nation = Nation.from_gss(lad_code)
            return Location(
                postcode=str(parsed),
                point=Point(lat, lon),
                outcode=parsed.outward,
                lad_code=lad_code,
                lad_name=lad_name,
                nation=nation,
                precision=Precision.POSTCODE,
                small_area_code=small_area,
            )
    if district is None:
        raise UnknownPostcode(
            _(
                "We can't find %(parsed)s in the UK postcode list. Check it, or try just the "
                "first half (like %(value)s)."
            )
            % {"parsed": parsed, "value": parsed.outward if parsed.is_full else "M1"}
        )
    lat, lon, lad_code, nation = district
    return Location(
        postcode=str(parsed),
        point=Point(lat, lon),
        outcode=parsed.outward,
        lad_code=lad_code,
        lad_name=authorities.get(lad_code, ("", ""))[0],
        nation=nation,
        precision=Precision.DISTRICT,
    )


def districts_load(*, path: Path = DISTRICTS_CSV) -> int:
    """Load (or refresh) the postcode districts and their local authorities; idempotent.

    Returns the number of districts loaded.
    """
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    authorities = {
        r["lad_code"]: LocalAuthority(code=r["lad_code"], name=r["lad_name"], nation=r["country"])
        for r in rows
    }
    districts = [
        District(
            outcode=r["outcode"],
            area=r["postcode_area"],
            latitude=float(r["latitude"]),
            longitude=float(r["longitude"]),
            nation=r["country"],
            local_authority_id=r["lad_code"],
            live_postcodes=int(r["live_postcodes"] or 0),
        )
        for r in rows
    ]
    with transaction.atomic():
        LocalAuthority.objects.bulk_create(
            authorities.values(),
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "nation"],
        )
        District.objects.bulk_create(
            districts,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["outcode"],
            update_fields=[
                "area",
                "latitude",
                "longitude",
                "nation",
                "local_authority",
                "live_postcodes",
            ],
        )
    clear_cache()
    return len(districts)
