"""The `foryou` command: Django's management commands under the settings of the zone this machine
runs (FORYOU_ZONE: embedded when unset, console, gateway). A configuration error is one line on
standard error and exit status 2, never a traceback."""

import os
import sys

CONFIG_ERROR = 2


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
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        print(f"foryou: {error}", file=sys.stderr)
        sys.exit(CONFIG_ERROR)


if __name__ == "__main__":
    main()
