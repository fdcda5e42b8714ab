"""foryou serve: this zone's pages on gunicorn, a production application server. Static files are
served by WhiteNoise from the same process; production zones collect them into STATIC_ROOT first."""

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foryou.shared.env import env_int, env_str


def default_workers() -> int:
    """gunicorn's rule of thumb, (2 × cores) + 1, capped: the analysis store is read in each worker."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(BaseCommand):
    help = _("Serve this zone (FORYOU_ZONE, or --zone) with gunicorn.")

    def add_arguments(self, parser):
        # --zone is read by foryou.cli before the settings load; it is declared here for --help.
        parser.add_argument("--zone", choices=["embedded", "console", "gateway"],
                            help=_("The zone to serve (default: FORYOU_ZONE, or embedded when it is unset)."))
        parser.add_argument("--bind", default=env_str("FORYOU_BIND", "127.0.0.1:8000"),
                            help=_("Address and port (FORYOU_BIND, default 127.0.0.1:8000)."))
        parser.add_argument("--workers", type=int, default=env_int("FORYOU_WEB_WORKERS", default_workers()),
                            help=_("Worker processes (FORYOU_WEB_WORKERS)."))
        parser.add_argument("--threads", type=int, default=env_int("FORYOU_WEB_THREADS", 4),
                            help=_("Threads per worker (FORYOU_WEB_THREADS, default 4)."))
        parser.add_argument("--timeout", type=int, default=env_int("FORYOU_WEB_TIMEOUT", 60),
                            help=_("Seconds before a silent worker is restarted (FORYOU_WEB_TIMEOUT, default 60)."))
        parser.add_argument("--access-log", action="store_true", default=env_str("FORYOU_ACCESS_LOG") == "1",
                            help=_("Log each request (paths only; FORYOU_ACCESS_LOG=1). Off by default: paths "
                                   "carry link tokens."))

    def handle(self, *args, zone, bind, workers, threads, timeout, access_log, **options):
        if zone and zone != settings.ZONE:
            raise CommandError(_("--zone %(zone)s does not match FORYOU_ZONE=%(env)s.") % {"zone": zone, "env": settings.ZONE})
        if not settings.WHITENOISE_USE_FINDERS:
            call_command("collectstatic", interactive=False, verbosity=0)
        if shutil.which("gunicorn", path=os.path.dirname(sys.executable)) is None:
            raise CommandError(_("gunicorn is not installed in this environment; run ./run setup."))
        command = [sys.executable, "-m", "gunicorn", "foryou.wsgi:application",
                   "--bind", bind, "--workers", str(workers), "--threads", str(threads),
                   "--worker-class", "gthread", "--timeout", str(timeout), "--graceful-timeout", "30",
                   "--forwarded-allow-ips", env_str("FORYOU_FORWARDED_ALLOW_IPS", "127.0.0.1"),
                   "--error-logfile", "-"]
        if access_log:
            command += ["--access-logfile", "-", "--access-logformat", '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss']
        self.stderr.write(_("Serving the %(zone)s zone on http://%(bind)s/ with %(n)s gunicorn workers.")
                          % {"zone": settings.ZONE, "bind": bind, "n": workers})
        sys.stderr.flush()
        os.execv(sys.executable, command)
