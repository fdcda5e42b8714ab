"""The registrations version (enrollment.models.RegistrationsVersion) and the triggers that change its
token whenever the set of registrants may have changed — in SQLite and in PostgreSQL."""

from django.db import migrations, models

WATCHED = "status, tax_consent, resident_id, number"
NEW_TOKEN_SQLITE = ("REPLACE INTO enrollment_registrationsversion (id, token) "
                    "VALUES (1, lower(hex(randomblob(16))))")

SQLITE = [
    f"CREATE TRIGGER enrollment_registrations_added AFTER INSERT ON enrollment_registration "
    f"BEGIN {NEW_TOKEN_SQLITE}; END",
    f"CREATE TRIGGER enrollment_registrations_removed AFTER DELETE ON enrollment_registration "
    f"BEGIN {NEW_TOKEN_SQLITE}; END",
    f"CREATE TRIGGER enrollment_registrations_changed AFTER UPDATE OF {WATCHED} ON enrollment_registration "
    f"BEGIN {NEW_TOKEN_SQLITE}; END",
]
SQLITE_UNDO = [f"DROP TRIGGER IF EXISTS enrollment_registrations_{what}" for what in ("added", "removed", "changed")]

# Statement-level in PostgreSQL: a bulk insert changes the token once, not once a row.
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION enrollment_registrations_new_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO enrollment_registrationsversion (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END $$""",
    f"CREATE TRIGGER enrollment_registrations_changed AFTER INSERT OR DELETE OR UPDATE OF {WATCHED} "
    f"ON enrollment_registration FOR EACH STATEMENT EXECUTE FUNCTION enrollment_registrations_new_token()",
    "CREATE TRIGGER enrollment_registrations_truncated AFTER TRUNCATE ON enrollment_registration "
    "FOR EACH STATEMENT EXECUTE FUNCTION enrollment_registrations_new_token()",
]
POSTGRESQL_UNDO = [
    "DROP TRIGGER IF EXISTS enrollment_registrations_changed ON enrollment_registration",
    "DROP TRIGGER IF EXISTS enrollment_registrations_truncated ON enrollment_registration",
    "DROP FUNCTION IF EXISTS enrollment_registrations_new_token()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"no registrations-version triggers for {schema_editor.connection.vendor}")
        for statement in statements:
            schema_editor.execute(statement, params=None)
    return run


def first_token(apps, schema_editor):
    """A token from the start, so readers need not compare the registrations before the first change."""
    import secrets

    apps.get_model("enrollment", "RegistrationsVersion").objects.using(schema_editor.connection.alias).update_or_create(
        pk=1, defaults={"token": secrets.token_hex(16)})


class Migration(migrations.Migration):

    dependencies = [
        ('enrollment', '0009_invitation_decline_by_resident'),
    ]

    operations = [
        migrations.CreateModel(
            name='RegistrationsVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=64)),
            ],
            options={'verbose_name': 'registrations version'},
        ),
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
                             _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRESQL_UNDO})),
        migrations.RunPython(first_token, migrations.RunPython.noop),
    ]
