"""foryou lineemu --port P [--webhook-url URL] ...: run the local LINE platform and phone simulator."""

from django.core.management.base import BaseCommand

from foryou.dev.lineemu.cli import add_arguments, config_from


class Command(BaseCommand):
    help = "Run the local LINE platform (Messaging API, LINE Login) and its phone simulator."

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, **options):
        from foryou.dev.lineemu.emulator import Emulator
        from foryou.dev.lineemu.server import serve

        serve(Emulator(config_from(options)), host=options["host"], port=options["port"],
              print_fn=self.stdout.write)
