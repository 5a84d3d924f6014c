"""Demo: stamp the demo events into the OpenActive feeds (the mapping comes from the
data migration)."""


def load(context) -> None:
    from .services.stamps import stamps_backfill

    count = stamps_backfill()
    context.stdout.write(f"  OpenActive feeds: {count} items stamped")
