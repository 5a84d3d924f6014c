"""Demo data for the wellbeing index: the real default data set, so every demo postcode
(and every other UK postcode) has its index. Loaded once; skipped when unchanged."""

from .services.dataset import dataset_load_default


def load(context) -> None:
    context.say(dataset_load_default())
