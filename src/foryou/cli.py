"""The `foryou` command: Django's management commands under the product's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foryou.settings")
    if len(argv) > 1 and argv[1] == "demo":
        # The demo is the embedded local product: debug mode needs no production secrets.
        os.environ.setdefault("FORYOU_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
