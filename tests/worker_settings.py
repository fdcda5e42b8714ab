"""Settings for worker processes that tests start: the product's settings pointed at the databases the
test itself uses (FORYOU_TEST_DB_DEFAULT / FORYOU_TEST_DB_GATEWAY name them)."""

import os

from foryou.settings.embedded import *  # noqa: F401,F403
from foryou.settings.embedded import DATABASES

for _alias, _variable in (("default", "FORYOU_TEST_DB_DEFAULT"), ("gateway", "FORYOU_TEST_DB_GATEWAY")):
    if os.environ.get(_variable):
        DATABASES[_alias]["NAME"] = os.environ[_variable]
