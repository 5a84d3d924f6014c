"""The pure matching engine: no database, plain inputs and outputs."""

import random

import pytest

from matching.services.engine import (
    CategoryInput,
    EngineSettings,
    NeedInput,
    OfferInput,
    SchemeInput,
    match,
)

SHOP = CategoryInput(
    "k1", "Collecting food and shopping", True, "offers collecting food and shopping", 1
)
MEDS = CategoryInput("k2", "Collecting medication", True, "offers collecting medication", 2)
CHAT = CategoryInput("k3", "A friendly chat by phone", False, "offers a friendly chat by phone", 3)
COOK = CategoryInput("t1", "Cooking", False, "can teach cooking", 10)
CATEGORIES = {c.key: c for c in (SHOP, MEDS, CHAT, COOK)}

# Real places: Rusholme (M14) and Manchester centre (M1) are ~2.5 km apart; Edinburgh far.
RUSHOLME = (53.4530, -2.2230)
CENTRE = (53.4776, -2.2356)
EDINBURGH = (55.9486, -3.1999)
ANY = 15
EVENINGS = 4
MORNINGS = 1


def need(pk, at=RUSHOLME, cats=("k1",), max_km=5, avail=ANY, person=None, **kw):
    return NeedInput(
        id=pk,
        person_id=person or 1000 + pk,
        lat=at[0],
        lon=at[1],
        max_km=max_km,
        availability=avail,
        categories=frozenset(cats),
        **kw,
    )


def offer(pk, at=RUSHOLME, cats=("k1",), travel=5, avail=ANY, person=None):
    return OfferInput(
        id=pk,
        person_id=person or 2000 + pk,
        lat=at[0],
        lon=at[1],
        travel_km=travel,
        availability=avail,
        categories=frozenset(cats),
    )


def run(needs, offers, schemes=(), load=None, **settings):
    return match(
        needs=list(needs),
        offers=list(offers),
        schemes=list(schemes),
        categories=CATEGORIES,
        volunteer_load=load or {},
        settings=EngineSettings(**settings),
    )


def test_it_introduces_the_nearest_suitable_offer():
    result = run([need(1)], [offer(10, at=CENTRE), offer(11, at=(53.455, -2.222))])
    [intro] = result.introductions
    assert intro.offer_id == 11
    assert intro.need_id == 1
    assert intro.covers == ("k1",)


def test_the_reason_reads_like_a_sentence():
    result = run([need(1, avail=EVENINGS | MORNINGS)], [offer(10, at=CENTRE, avail=EVENINGS)])
    [intro] = result.introductions
    assert intro.reason == "2.9 km away, offers collecting food and shopping on weekday evenings"


def test_distances_are_great_circle_distances():
    from postcodes.geo import Point, distance_km

    result = run([need(1, cats=("k3",))], [offer(10, at=EDINBURGH, cats=("k3",))])
    expected = distance_km(Point(*RUSHOLME), Point(*EDINBURGH))
    assert abs(result.introductions[0].distance_km - expected) < 0.01


def test_shopping_needs_both_people_within_their_distances():
    # 2.8 km apart: too far for a helper who travels 2 km, or a need that wants 2 km.
    assert not run([need(1)], [offer(10, at=CENTRE, travel=2)]).introductions
    assert not run([need(1, max_km=2)], [offer(10, at=CENTRE, travel=5)]).introductions
    assert run([need(1, max_km=3)], [offer(10, at=CENTRE, travel=3)]).introductions


def test_a_phone_chat_can_be_any_distance_nearest_first():
    result = run(
        [need(1, cats=("k3",))],
        [
            offer(10, at=EDINBURGH, cats=("k3",), travel=1),
            offer(11, at=CENTRE, cats=("k3",), travel=1),
        ],
    )
    [intro] = result.introductions
    assert intro.offer_id == 11
    assert "no need to meet" in intro.reason

    far = run([need(1, cats=("k3",))], [offer(10, at=EDINBURGH, cats=("k3",), travel=1)])
    assert far.introductions[0].distance_km > 200


def test_times_must_overlap():
    assert not run([need(1, avail=MORNINGS)], [offer(10, avail=EVENINGS)]).introductions


def test_nobody_is_introduced_to_themselves():
    assert not run([need(1, person=7)], [offer(10, person=7)]).introductions


def test_a_pair_matched_before_is_never_proposed_again():
    result = run([need(1, excluded_offers=frozenset({10}))], [offer(10), offer(11, at=CENTRE)])
    assert [i.offer_id for i in result.introductions] == [11]


def test_the_volunteer_cap_spreads_needs_across_volunteers():
    needs = [need(pk) for pk in range(1, 6)]
    near = offer(10, person=77)
    further = offer(11, at=(53.46, -2.22), person=88)
    result = run(needs, [near, further], volunteer_cap=2)
    by_offer = {}
    for intro in result.introductions:
        by_offer.setdefault(intro.offer_id, []).append(intro.need_id)
    # First come, first served: needs 1 and 2 get the nearest, 3 and 4 the next; 5 nobody.
    assert by_offer == {10: [1, 2], 11: [3, 4]}
    assert result.unmatched == [5]


def test_the_cap_counts_introductions_already_made():
    result = run([need(1)], [offer(10, person=77)], load={77: 3}, volunteer_cap=3)
    assert not result.introductions


def test_it_looks_further_when_the_nearest_offers_are_all_taken():
    offers = [offer(10 + i, at=(53.4530 + i * 0.001, -2.2230), person=500) for i in range(5)]
    offers.append(offer(99, at=(53.47, -2.2230), person=501))
    # Only 2 candidates looked at first; the 5 nearest share one volunteer who is at the cap.
    result = run([need(1)], offers, load={500: 3}, volunteer_cap=3, candidates=2)
    assert [i.offer_id for i in result.introductions] == [99]


def test_one_offer_can_cover_several_needs_of_one_person():
    result = run([need(1, cats=("k1", "k2"))], [offer(10, cats=("k1", "k2"))])
    [intro] = result.introductions
    assert intro.covers == ("k1", "k2")
    assert "collecting food and shopping and offers collecting medication" in intro.reason


def test_each_uncovered_category_gets_its_own_helper():
    result = run(
        [need(1, cats=("k1", "k3"))],
        [offer(10, cats=("k1",)), offer(11, at=CENTRE, cats=("k3",))],
    )
    assert sorted((i.offer_id, i.covers) for i in result.introductions) == [
        (10, ("k1",)),
        (11, ("k3",)),
    ]


def test_categories_already_covered_are_not_matched_again():
    result = run([need(1, covered=frozenset({"k1"}), active_introductions=1)], [offer(10)])
    assert not result.introductions
    assert result.unmatched == []  # it has an active introduction


def test_learning_topics_match_teachers():
    result = run([need(1, cats=("t1",))], [offer(10, at=EDINBURGH, cats=("t1",))])
    [intro] = result.introductions
    assert intro.reason.startswith("Can teach cooking any time")


SCHEMES = [
    SchemeInput(1, "National Food Line", "uk", frozenset({"k1"})),
    SchemeInput(2, "England Meds", "nation", frozenset({"k2"}), nation="England"),
    SchemeInput(
        3,
        "Manchester Cares",
        "local_authorities",
        frozenset({"k1", "k2"}),
        lad_codes=frozenset({"E08000003"}),
    ),
    SchemeInput(4, "Rusholme Helpers", "districts", frozenset({"k1"}), outcodes=frozenset({"M14"})),
    SchemeInput(5, "Scotland Food", "nation", frozenset({"k1"}), nation="Scotland"),
]


def test_schemes_come_local_first_then_national():
    result = run(
        [
            need(
                1,
                cats=("k1", "k2"),
                outcode="M14",
                lad_code="E08000003",
                lad_name="Manchester",
                nation="England",
            )
        ],
        [],
        SCHEMES,
        schemes_per_need=5,
    )
    assert [s.scheme_id for s in result.suggestions] == [4, 3, 2, 1]
    assert result.suggestions[0].reason == (
        "A local scheme covering M14 that helps with collecting food and shopping"
    )
    assert result.suggestions[1].reason.startswith("A local scheme covering Manchester")
    assert result.suggestions[3].reason.startswith("A national scheme covering the whole UK")


def test_a_scheme_must_help_with_one_of_the_needs():
    result = run([need(1, cats=("k3",), outcode="M14", nation="England")], [], SCHEMES)
    assert result.suggestions == []
    assert result.unmatched == [1]


def test_schemes_suggested_before_are_not_suggested_again():
    result = run(
        [need(1, outcode="M14", nation="England", suggested_schemes=frozenset({4}))], [], SCHEMES
    )
    assert [s.scheme_id for s in result.suggestions] == [1]


def test_same_input_in_any_order_gives_the_same_output():
    rng = random.Random(7)
    places = [(53.40 + rng.random() * 0.1, -2.30 + rng.random() * 0.15) for _ in range(60)]
    needs = [
        need(
            pk,
            at=places[pk % 60],
            cats=rng.sample(["k1", "k2", "k3", "t1"], 2),
            avail=rng.choice([1, 4, 15]),
        )
        for pk in range(1, 80)
    ]
    offers = [
        offer(
            pk,
            at=places[(pk * 7) % 60],
            cats=rng.sample(["k1", "k2", "k3", "t1"], 2),
            travel=rng.choice([1, 3, 8]),
            person=3000 + pk % 25,
        )
        for pk in range(100, 220)
    ]
    first = run(needs, offers, SCHEMES, volunteer_cap=2)
    shuffled_needs, shuffled_offers = needs[:], offers[:]
    rng.shuffle(shuffled_needs)
    rng.shuffle(shuffled_offers)
    second = run(shuffled_needs, shuffled_offers, list(reversed(SCHEMES)), volunteer_cap=2)
    assert first == second
    assert len(first.introductions) > 20
    # Nobody is over the cap.
    per_person = {}
    for intro in first.introductions:
        person = 3000 + intro.offer_id % 25
        per_person[person] = per_person.get(person, 0) + 1
    assert max(per_person.values()) <= 2


def test_no_needs_or_no_offers_is_fine():
    assert run([], []).introductions == []
    assert run([need(1)], []).unmatched == [1]


def _a_crowd_at_one_postcode():
    """A need with 3 nearer offers, then 70 offers at one postcode (a district centre)
    straddling every search width; ids shuffled so the tree's order is not the ids'."""
    near = [offer(pk, at=(53.4530 + 0.0001 * i, -2.2230)) for i, pk in enumerate((7, 8, 9))]
    ids = list(range(100, 170))
    random.Random(4).shuffle(ids)
    crowd = [offer(pk, at=CENTRE) for pk in ids]
    return near, crowd


@pytest.mark.parametrize("width", [1, 3, 32, 64])
def test_ties_at_the_search_cut_off_go_to_the_lowest_offer_id_at_any_width(width):
    near, crowd = _a_crowd_at_one_postcode()
    # The three nearer volunteers are at their cap: the answer is in the crowd.
    load = {o.person_id: 3 for o in near}
    result = run([need(1)], near + crowd, load=load, candidates=width)
    # The rule: the nearest free offer, equally near ones by the lowest id.
    assert [i.offer_id for i in result.introductions] == [min(o.id for o in crowd)]


@pytest.mark.parametrize("width", [1, 3, 32, 64])
def test_several_needs_share_a_crowd_in_id_order_at_any_width(width):
    near, crowd = _a_crowd_at_one_postcode()
    needs = [need(pk, at=CENTRE) for pk in (1, 2, 3, 4)]
    result = run(needs, crowd, volunteer_cap=1, candidates=width)
    assert [(i.need_id, i.offer_id) for i in result.introductions] == [
        (1, 100),
        (2, 101),
        (3, 102),
        (4, 103),
    ]
