"""Scheme suggestions: active schemes that cover a need's place and help with one of its
categories, most local first (postcode district, local authority, nation, whole UK), then
by name."""

from collections import defaultdict

from django.conf import settings
from django.utils import translation

from matching.wording import join_words

from .inputs import (
    COVERAGE_RANK,
    CategoryInput,
    EngineSettings,
    NeedInput,
    SchemeInput,
    SchemeSuggestion,
)


def schemes_suggest(
    *,
    needs: list[NeedInput],
    schemes: list[SchemeInput],
    categories: dict[str, CategoryInput],
    category_order: dict[str, tuple],
    settings: EngineSettings,
) -> list[SchemeSuggestion]:
    """Up to ``settings.schemes_per_need`` new schemes per need (counting those suggested
    before), never one suggested before."""
    places = _SchemesByPlace(schemes)
    found = []
    for need in needs:
        budget = settings.schemes_per_need - len(need.suggested_schemes)
        if budget <= 0:
            continue
        seen = set(need.suggested_schemes)
        for scheme in places.covering(need):
            if budget <= 0:
                break
            covers = need.categories & scheme.categories
            if scheme.id in seen or not covers:
                continue
            seen.add(scheme.id)
            budget -= 1
            keys = sorted(covers, key=category_order.__getitem__)
            found.append(
                SchemeSuggestion(
                    need_id=need.id,
                    scheme_id=scheme.id,
                    rank=COVERAGE_RANK[scheme.coverage],
                    covers=tuple(keys),
                    reason=_scheme_reason(need, scheme, keys, categories),
                )
            )
    return found


class _SchemesByPlace:
    """Schemes by the places they cover, each list most local first, then by name."""

    def __init__(self, schemes: list[SchemeInput]):
        self.by_outcode = defaultdict(list)
        self.by_lad = defaultdict(list)
        self.by_nation = defaultdict(list)
        self.whole_uk = []
        ordered = sorted(schemes, key=lambda s: (COVERAGE_RANK[s.coverage], s.name, s.id))
        for scheme in ordered:
            if scheme.coverage == "districts":
                for outcode in scheme.outcodes:
                    self.by_outcode[outcode].append(scheme)
            elif scheme.coverage == "local_authorities":
                for lad in scheme.lad_codes:
                    self.by_lad[lad].append(scheme)
            elif scheme.coverage == "nation":
                self.by_nation[scheme.nation].append(scheme)
            else:
                self.whole_uk.append(scheme)

    def covering(self, need: NeedInput) -> list[SchemeInput]:
        return (
            self.by_outcode.get(need.outcode, [])
            + self.by_lad.get(need.lad_code, [])
            + self.by_nation.get(need.nation, [])
            + self.whole_uk
        )


def _scheme_reason(
    need: NeedInput, scheme: SchemeInput, keys: list[str], categories: dict[str, CategoryInput]
) -> str:
    where = {
        "districts": f"a local scheme covering {need.outcode}",
        "local_authorities": f"a local scheme covering {need.lad_name or need.lad_code}",
        "nation": f"a scheme covering {need.nation}",
        "uk": "a national scheme covering the whole UK",
    }[scheme.coverage]
    with translation.override(settings.LANGUAGE_CODE):
        helps = join_words([categories[key].name.lower() for key in keys])
    return f"{where[:1].upper()}{where[1:]} that helps with {helps}"
