"""Test settings with the LINE emulator's Django app installed (for `foryou lineemu`)."""

from tests.settings import *  # noqa: F401,F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "foryou.lineemu"]
