"""Point 8 of the privacy review: a copy of the gateway's database (a leaked backup) must not let anyone
activate an unused registration number. The gateway keeps HMAC-SHA256(FORYOU_NUMBER_KEY, number); the
digits reach its database only once the number is spent (active), as the console's name for the
registration in the events the gateway sends back, and leave it when the registration ends."""

import hashlib
import json
from datetime import timedelta

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from foryou.gateway import number_keys, services
from foryou.gateway.bridge import apply as bridge_apply
from foryou.gateway.db import DB
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared.bridge import messages
from foryou.shared.numbers import new_number
from tests.test_settings_stop_start_up_with_one_line import PRODUCTION_KEYS, assert_one_line_error, run_foryou

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
LINE_USER = "U" + "7" * 32


def issue(number: str) -> None:
    bridge_apply.apply(messages.NUMBER_ISSUED, {"number": number, "expires_at": (timezone.now() + timedelta(days=90)).isoformat()})


def dump_gateway_database() -> str:
    """Everything an attacker would read from a backup of the gateway's tables."""
    rows = []
    with connections[DB].cursor() as cursor:
        tables = [t for t in connections[DB].introspection.table_names(cursor) if t.startswith("gateway_")]
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            rows += [json.dumps(row, default=str) for row in cursor.fetchall()]
    return "\n".join(rows)


def test_no_value_read_from_a_copy_of_the_database_activates_an_unused_number(data_dir):
    numbers = [new_number() for _ in range(3)]
    for number in numbers:
        issue(number)
    backup = dump_gateway_database()
    assert not any(number in backup for number in numbers)
    # The attack: type every value of the subscribers' rows (before, the number column) as a number.
    stolen = [value for row in Subscriber.objects.values_list("number", "number_hash") for value in row if value]
    outcomes = {services.activate(value[:16], line_user_id=LINE_USER).code for value in stolen}
    assert "activated" not in outcomes
    assert not Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).exists()


def test_the_stored_hash_needs_the_key_outside_the_database(data_dir, settings):
    number = new_number()
    issue(number)
    stored = Subscriber.objects.get().number_hash
    assert stored != hashlib.sha256(number.encode()).hexdigest()  # not recomputable without the key
    assert number_keys.matches(number, stored) and not number_keys.matches(new_number(), stored)
    settings.NUMBER_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMTI="  # another installation's key
    assert not number_keys.matches(number, stored)


def test_the_typed_number_activates_and_the_console_still_hears_the_number(data_dir):
    number = new_number()
    issue(number)
    assert services.activate(number, line_user_id=LINE_USER).ok
    subscriber = Subscriber.objects.get()
    services.set_consent(subscriber, True, confirm_in_line=False)
    services.end(subscriber, "opted_out")
    sent = {e.kind: e.body for e in OutboundEvent.objects.all()}
    assert sent[messages.REGISTRATION_ACTIVATED]["number"] == number
    assert sent[messages.CONSENT_CHANGED]["number"] == number
    assert sent[messages.REGISTRATION_ENDED]["number"] == number
    # Ended: the digits are gone from the subscriber (the events leave once the console collects them).
    assert Subscriber.objects.get().number == ""


def test_voiding_and_stopping_find_the_number_by_its_hash(data_dir):
    voided, stopped = new_number(), new_number()
    issue(voided)
    issue(stopped)
    assert services.activate(stopped, line_user_id=LINE_USER).ok
    bridge_apply.apply(messages.NUMBER_VOIDED, {"number": voided, "reason": "reissued"})
    bridge_apply.apply(messages.REGISTRATION_STOPPED, {"number": stopped, "ending": "died"})
    assert Subscriber.objects.by_number(voided).get().status == Subscriber.Status.VOID
    assert Subscriber.objects.by_number(stopped).get().status == Subscriber.Status.INACTIVE
    assert services.activate(voided, line_user_id="U" + "8" * 32).code == "wrong_number"
    assert not Subscriber.objects.exclude(number="").exists()


@pytest.mark.django_db(databases=["default", "gateway"], transaction=True)
def test_the_migration_hashes_the_numbers_already_kept_in_the_clear(data_dir):
    connection = connections[DB]
    executor = MigrationExecutor(connection)
    before, after = [("gateway", "0007_webhook_event_digests")], [("gateway", "0008_hashed_numbers")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("gateway", "Subscriber")
    unused, active = new_number(), new_number()
    expires = timezone.now() + timedelta(days=90)
    old.objects.using(DB).create(number=unused, status="issued", expires_at=expires)
    old.objects.using(DB).create(number=active, status="active", expires_at=expires, line_user_id=LINE_USER)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    try:
        executor.migrate(after)
        assert unused not in dump_gateway_database()
        # The model as that migration left it (later migrations add fields the table has not yet).
        migrated = executor.loader.project_state(after).apps.get_model("gateway", "Subscriber").objects.using(DB)
        assert migrated.get(number_hash=number_keys.digest(unused)).number == ""
        assert migrated.get(number_hash=number_keys.digest(active)).number == active
    finally:  # back to the newest migrations, which the tests after this one need
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("gateway"))
    assert services.activate(unused, line_user_id="U" + "9" * 32).ok


def test_a_gateway_without_its_number_key_does_not_start(tmp_path):
    env = {"FORYOU_ZONE": "gateway", "FORYOU_DATA_DIR": str(tmp_path)} | PRODUCTION_KEYS
    assert_one_line_error(run_foryou(["check"], {k: v for k, v in env.items() if k != "FORYOU_NUMBER_KEY"}),
                          "FORYOU_NUMBER_KEY is not set", "docs/operations.md")
    assert_one_line_error(run_foryou(["check"], env | {"FORYOU_NUMBER_KEY": "c2hvcnQ="}), "FORYOU_NUMBER_KEY is 5 bytes")
