"""Test settings: the product's settings in demo mode with a private data directory."""

import os
import tempfile

os.environ.setdefault("FORYOU_DEMO", "1")
os.environ.setdefault("FORYOU_DATA_DIR", tempfile.mkdtemp(prefix="foryou-test-"))

from foryou.settings.embedded import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
