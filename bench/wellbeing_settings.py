"""Settings for bench/wellbeing.py: the real site plus one bare view at /bench/bare/."""

from coopcentre.settings import *  # noqa: F403

ROOT_URLCONF = "wellbeing_urls"
