"""The `foryou` command: Django's management commands under the settings of the zone this machine
runs (FORYOU_ZONE: embedded when unset, console, gateway). A configuration error is one line on
standard error and exit status 2, never a traceback."""

import os
import sys

CONFIG_ERROR = 2
# Commands that read or write the zone's databases: they find them set up (foryou.cli.ensure_databases).
DATABASE_COMMANDS = {"import", "programs", "target", "notices", "stats", "worker", "scheduler", "deliveries", "webhooks",
                     "staff", "postcards", "bridge", "serve", "test_notice", "purge", "purge_gateway",
                     "outcomes"}


class NotSetUp(Exception):
    """The zone's databases cannot be used as they are; the message says what to do."""


def ensure_databases() -> None:
    """The embedded product sets up its own databases on first use (they live in its data directory);
    a production zone's are migrated as an explicit upgrade step, so there a missing migration stops."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    for alias in settings.DATABASES:
        try:
            executor = MigrationExecutor(connections[alias])
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            raise NotSetUp(f"the {alias} database cannot be reached ({str(error).strip().splitlines()[0]}). "
                           "Check its URL and server (see docs/operations.md).")
        if not pending:
            continue
        if settings.ZONE == "embedded":
            print(f"foryou: setting up the {alias} database in {settings.DATA_DIR} (first use)", file=sys.stderr)
            call_command("migrate", database=alias, verbosity=0, interactive=False)
        else:
            raise NotSetUp(f"the {alias} database lacks {len(pending)} migration(s) of this release. "
                           "Run `foryou migrate` first (see docs/operations.md, Upgrades).")


def settings_module() -> str:
    """The settings module of FORYOU_ZONE, unless DJANGO_SETTINGS_MODULE names one already."""
    from foryou.settings import ZONES
    from foryou.shared.env import zone_name

    return os.environ.get("DJANGO_SETTINGS_MODULE") or ZONES[zone_name()]


def zone_option(argv: list[str]) -> str:
    """The value of `--zone` of `foryou serve`, if given."""
    if len(argv) < 2 or argv[1] != "serve":
        return ""
    for index, arg in enumerate(argv[2:], start=2):
        if arg.startswith("--zone="):
            return arg.split("=", 1)[1]
        if arg == "--zone" and index + 1 < len(argv):
            return argv[index + 1]
    return ""


def main(argv: list[str] | None = None) -> None:
    from django.core.exceptions import ImproperlyConfigured

    argv = list(sys.argv if argv is None else argv)
    try:
        zone = zone_option(argv)
        if zone:  # foryou serve --zone console: the zone decides which settings load
            os.environ["FORYOU_ZONE"] = zone
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module()
        if len(argv) > 1 and argv[1] == "demo":
            # The demo is the embedded product with its demo-only parts' defaults (local LINE, mailbox).
            os.environ.setdefault("FORYOU_DEMO", "1")
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 — load the settings now, so that their errors are reported here
        if len(argv) > 1 and argv[1] in DATABASE_COMMANDS and "--help" not in argv and "-h" not in argv:
            import django

            django.setup()
            ensure_databases()
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
        if argv[1:2] == ["migrate"] and not any(a.startswith("--database") for a in argv) and "--help" not in argv:
            # The embedded product has one database per zone: `foryou migrate` sets up both.
            for alias in [a for a in settings.DATABASES if a != "default"]:
                execute_from_command_line([*argv, "--database", alias])
    except (ImproperlyConfigured, NotSetUp) as error:
        print(f"foryou: {error}", file=sys.stderr)
        sys.exit(CONFIG_ERROR)


if __name__ == "__main__":
    main()
