"""Running the matching engine on the database: load the inputs, match, save, email.

One run at a time (a PostgreSQL advisory lock), so two runs never give the same
volunteer more than their cap or propose the same pair twice.
"""

import time
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from matching import emails
from matching.models import (
    MAX_TRAVEL_KM,
    HelpKind,
    Match,
    MatchEvent,
    MatchRun,
    MatchStatus,
    Need,
    Offer,
    RequestStatus,
    SkillTopic,
    SupportScheme,
)
from postcodes.geo import Point, bounding_box
from postcodes.models import LocalAuthority

from . import engine
from .notifications import Notice, notifications_queue

RUN_LOCK_KEY = 7_311_003  # any constant shared by every process of the site


def _run_lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RUN_LOCK_KEY])


def category_inputs() -> dict[str, engine.CategoryInput]:
    """Every active help kind and skill topic, keyed "k<id>" and "t<id>"."""
    categories = {}
    for kind in HelpKind.objects.active():
        categories[kind.key] = engine.CategoryInput(
            key=kind.key,
            name=kind.name,
            needs_proximity=kind.needs_proximity,
            offer_phrase=f"offers {kind.phrase}",
            position=kind.position,
        )
    for topic in SkillTopic.objects.active():
        categories[topic.key] = engine.CategoryInput(
            key=topic.key,
            name=topic.name,
            needs_proximity=topic.needs_proximity,
            offer_phrase=f"can teach {topic.phrase}",
            position=10_000 + topic.position,
        )
    return categories


def _categories_of(model, ids=None) -> dict[int, set[str]]:
    """Category keys of each need or offer (``ids``: only those), from the M2M tables."""
    found: dict[int, set[str]] = defaultdict(set)
    owner = model._meta.model_name + "_id"
    for field, prefix, target in (("kinds", "k", "helpkind_id"), ("topics", "t", "skilltopic_id")):
        rows = getattr(model, field).through.objects.all()
        if ids is not None:
            rows = rows.filter(**{f"{owner}__in": ids})
        for owner_id, target_id in rows.values_list(owner, target).iterator(chunk_size=10_000):
            found[owner_id].add(f"{prefix}{target_id}")
    return found


def _matchable(qs):
    return qs.filter(
        status=RequestStatus.OPEN, consent_given_at__isnull=False, latitude__isnull=False
    )


def _need_inputs(need_ids) -> list[engine.NeedInput]:
    needs = _matchable(Need.objects.all())
    if need_ids is not None:
        needs = needs.filter(pk__in=need_ids)
    rows = list(
        needs.values_list(
            "pk",
            "person_id",
            "latitude",
            "longitude",
            "max_distance_km",
            "availability",
            "outcode",
            "lad_code",
            "nation",
        )
    )
    ids = [row[0] for row in rows]
    restrict = ids if need_ids is not None else None
    categories = _categories_of(Need, restrict)
    lad_names = dict(LocalAuthority.objects.values_list("code", "name"))
    state = _need_state(restrict)
    inputs = []
    for pk, person, lat, lon, max_km, avail, outcode, lad, nation in rows:
        excluded, schemes, covered, active = state.get(pk, (set(), set(), set(), 0))
        inputs.append(
            engine.NeedInput(
                id=pk,
                person_id=person,
                lat=lat,
                lon=lon,
                max_km=max_km,
                availability=avail,
                categories=frozenset(categories.get(pk, ())),
                outcode=outcode,
                lad_code=lad,
                lad_name=lad_names.get(lad, ""),
                nation=nation,
                covered=frozenset(covered),
                active_introductions=active,
                excluded_offers=frozenset(excluded),
                suggested_schemes=frozenset(schemes),
            )
        )
    return inputs


def _need_state(need_ids):
    """For each need: offers and schemes ever matched, categories covered, active count."""
    matches = Match.objects.all()
    if need_ids is not None:
        matches = matches.filter(need_id__in=need_ids)
    state: dict[int, tuple[set, set, set, int]] = {}
    rows = matches.values_list("need_id", "offer_id", "scheme_id", "status", "covers")
    for need_id, offer_id, scheme_id, status, covers in rows.iterator(chunk_size=10_000):
        excluded, schemes, covered, active = state.get(need_id, (set(), set(), set(), 0))
        if offer_id:
            excluded.add(offer_id)
            if status in (MatchStatus.REVIEW, MatchStatus.PROPOSED, MatchStatus.INTRODUCED):
                covered.update(covers or ())
                active += 1
        else:
            schemes.add(scheme_id)
        state[need_id] = (excluded, schemes, covered, active)
    return state


def volunteer_load() -> dict[int, int]:
    """Active introductions per volunteer: being arranged, or made in the last few weeks."""
    recent = timezone.now() - timedelta(days=settings.MATCHING_INTRODUCTION_ACTIVE_DAYS)
    rows = (
        Match.objects.filter(offer__isnull=False)
        .filter(
            Q(status__in=[MatchStatus.REVIEW, MatchStatus.PROPOSED])
            | Q(status=MatchStatus.INTRODUCED, introduced_at__gte=recent)
        )
        .exclude(offer__status=RequestStatus.WITHDRAWN)
        .exclude(need__status=RequestStatus.WITHDRAWN)
        .values("offer__person_id")
        .annotate(n=Count("pk"))
        .values_list("offer__person_id", "n")
    )
    return dict(rows)


def _offer_inputs(offers) -> list[engine.OfferInput]:
    rows = list(
        offers.values_list(
            "pk", "person_id", "latitude", "longitude", "travel_km", "availability"
        ).iterator(chunk_size=10_000)
    )
    categories = _categories_of(Offer, [row[0] for row in rows] if len(rows) < 5000 else None)
    return [
        engine.OfferInput(
            id=pk,
            person_id=person,
            lat=lat,
            lon=lon,
            travel_km=travel,
            availability=avail,
            categories=frozenset(categories.get(pk, ())),
        )
        for pk, person, lat, lon, travel, avail in rows
    ]


def _candidate_offers(needs: list[engine.NeedInput], categories) -> object:
    """Open offers that could suit these needs: sharing a category, and near enough when
    every category they share needs proximity (a box around each need; few needs only)."""
    offers = _matchable(Offer.objects.all())
    wanted = set().union(*(n.categories for n in needs)) & set(categories) if needs else set()
    kinds = [int(k[1:]) for k in wanted if k.startswith("k")]
    topics = [int(k[1:]) for k in wanted if k.startswith("t")]
    offers = offers.filter(Q(kinds__in=kinds) | Q(topics__in=topics)).distinct()
    if needs and len(needs) <= 20 and all(categories[k].needs_proximity for k in wanted):
        box = Q()
        for need in needs:
            min_lat, max_lat, min_lon, max_lon = bounding_box(
                Point(need.lat, need.lon), need.max_km
            )
            box |= Q(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
        offers = offers.filter(box)
    return offers


def _scheme_inputs() -> list[engine.SchemeInput]:
    schemes = SupportScheme.objects.active().prefetch_related(
        "kinds", "topics", "local_authorities", "districts"
    )
    return [
        engine.SchemeInput(
            id=s.pk,
            name=s.name,
            coverage=s.coverage,
            nation=s.nation,
            categories=frozenset([k.key for k in s.kinds.all()] + [t.key for t in s.topics.all()]),
            lad_codes=frozenset(la.code for la in s.local_authorities.all()),
            outcodes=frozenset(d.outcode for d in s.districts.all()),
        )
        for s in schemes
    ]


def engine_settings() -> engine.EngineSettings:
    return engine.EngineSettings(
        volunteer_cap=settings.MATCHING_VOLUNTEER_CAP,
        introductions_per_need=settings.MATCHING_INTRODUCTIONS_PER_NEED,
        schemes_per_need=settings.MATCHING_SCHEMES_PER_NEED,
    )


def matching_run(*, need_ids=None, trigger: str = MatchRun.Trigger.NIGHTLY, by=None) -> MatchRun:
    """Match open needs (all of them, or ``need_ids``) and save what the engine finds.

    New introductions start ``PROPOSED`` (or ``REVIEW`` when
    ``MATCHING_REVIEW_INTRODUCTIONS`` is on) and scheme suggestions ``SUGGESTED``; each
    gets its notification rows, and the emails are queued after commit. Needs with nothing
    suitable are flagged for staff (``needs_attention``); needs that now have something
    are unflagged. Returns the ``MatchRun`` record.
    """
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        _run_lock()
        categories = category_inputs()
        needs = _need_inputs(need_ids)
        if need_ids is None:
            offers = _offer_inputs(_matchable(Offer.objects.all()))
        else:
            offers = _offer_inputs(_candidate_offers(needs, categories)) if needs else []
        result = engine.match(
            needs=needs,
            offers=offers,
            schemes=_scheme_inputs(),
            categories=categories,
            volunteer_load=volunteer_load(),
            settings=engine_settings(),
        )
        run = MatchRun.objects.create(
            trigger=trigger,
            started_at=now,
            started_by=by,
            needs_considered=len(needs),
            offers_considered=len(offers),
            introductions=len(result.introductions),
            scheme_suggestions=len(result.suggestions),
            flagged=len(result.unmatched),
        )
        _save(run, result, needs, offers, now)
        run.seconds = round(time.perf_counter() - started, 3)
        run.save(update_fields=["seconds"])
    return run


def _save(run, result, needs, offers, now) -> None:
    matches = _matches_create(run, result, now)
    _notifications_create(run, matches, needs, offers)
    _needs_mark(needs, result, now)


def _matches_create(run, result, now) -> list[Match]:
    """Save the run's introductions and scheme suggestions, each with its "created" event."""
    review = settings.MATCHING_REVIEW_INTRODUCTIONS
    matches = [
        Match(
            need_id=i.need_id,
            offer_id=i.offer_id,
            status=MatchStatus.REVIEW if review else MatchStatus.PROPOSED,
            distance_km=i.distance_km,
            reason=i.reason[:300],
            covers=list(i.covers),
            run=run,
            created_at=now,
        )
        for i in result.introductions
    ] + [
        Match(
            need_id=s.need_id,
            scheme_id=s.scheme_id,
            status=MatchStatus.SUGGESTED,
            reason=s.reason[:300],
            covers=list(s.covers),
            run=run,
            created_at=now,
        )
        for s in result.suggestions
    ]
    Match.objects.bulk_create(matches, batch_size=2000)
    MatchEvent.objects.bulk_create(
        [
            MatchEvent(match=m, action=MatchEvent.Action.CREATED, at=now, note=m.reason)
            for m in matches
        ],
        batch_size=2000,
    )
    return matches


def _notifications_create(run, matches, needs, offers) -> None:
    """Tell the person in need and the volunteer of every match not held for review: one
    email per person and purpose for the whole run."""
    need_person = {n.id: n.person_id for n in needs}
    offer_person = {o.id: o.person_id for o in offers}
    notices = []
    for m in matches:
        if m.status == MatchStatus.REVIEW:
            continue
        notices.append(Notice(m.pk, need_person[m.need_id], emails.NEED_MATCHED))
        if m.offer_id:
            notices.append(Notice(m.pk, offer_person[m.offer_id], emails.OFFER_INTRODUCTION))
    notifications_queue(notices, source=f"run:{run.pk}")


def _needs_mark(needs, result, now) -> None:
    """Stamp every need considered; flag for staff the ones with nothing suitable and
    unflag the ones that now have something."""
    considered = [n.id for n in needs]
    unmatched = set(result.unmatched)
    helped = [pk for pk in considered if pk not in unmatched]
    for start in range(0, max(len(considered), 1), 5000):
        Need.objects.filter(pk__in=considered[start : start + 5000]).update(last_matched_at=now)
    Need.objects.filter(pk__in=unmatched, needs_attention=False).update(
        needs_attention=True, attention_since=now
    )
    for start in range(0, len(helped), 5000):
        Need.objects.filter(pk__in=helped[start : start + 5000], needs_attention=True).update(
            needs_attention=False, attention_since=None
        )


def needs_for_offer(*, offer: Offer, limit: int = 2000) -> list[int]:
    """Open needs a newly saved offer could help: sharing a category, near enough for the
    categories that need proximity; oldest first (they have waited longest)."""
    kinds = list(offer.kinds.values_list("pk", flat=True))
    topics = list(offer.topics.values_list("pk", flat=True))
    proximity_kinds = set(
        HelpKind.objects.filter(pk__in=kinds, needs_proximity=True).values_list("pk", flat=True)
    )
    proximity_topics = set(
        SkillTopic.objects.filter(pk__in=topics, needs_proximity=True).values_list("pk", flat=True)
    )
    far = Q(kinds__in=set(kinds) - proximity_kinds) | Q(topics__in=set(topics) - proximity_topics)
    near = Q(kinds__in=proximity_kinds) | Q(topics__in=proximity_topics)
    needs = _matchable(Need.objects.all()).exclude(person_id=offer.person_id)
    found = set(needs.filter(far).values_list("pk", flat=True).order_by("pk")[:limit])
    if offer.point and (proximity_kinds or proximity_topics):
        nearby = needs.within_box(offer.point, min(offer.travel_km, MAX_TRAVEL_KM)).filter(near)
        found |= set(nearby.values_list("pk", flat=True).order_by("pk")[:limit])
    return sorted(found)[:limit]
