"""foryou demo: the embedded product on one machine — migrate, generate a synthetic city, import it,
create a staff login, and serve on http://127.0.0.1:8000 with the production application server
(`foryou serve`), a task worker, the console's scheduler, and local LINE and SMTP servers. Safe to run
again: it reuses what exists."""

import atexit
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from foryou.shared.jp.dates import japanese_date
from foryou.residents import store

DEMO_USER = "demo"
LIFF_ID = "2000000002-foryou"
BRIDGE_SECONDS = 3
CARD_CLIENT_ID = "RP00000001"


def start_line_platform(port: int, line_port: int):
    """The local LINE platform, wired to this server exactly as LINE would be (webhook, LIFF, login)."""
    from foryou.dev.lineemu import EmulatorThread
    from foryou.dev.lineemu.config import LiffApp
    from foryou.dev.lineemu.wiring import point_settings_at, settings_environment

    line = EmulatorThread(port=line_port, webhook_url=f"http://127.0.0.1:{port}/line/webhook",
                          liff_apps=[LiffApp(LIFF_ID, f"http://127.0.0.1:{port}/", "full")],
                          state_file=str(Path(settings.DATA_DIR) / "lineemu.json")).start()
    point_settings_at(settings, line, LIFF_ID)
    os.environ.update(settings_environment(line, LIFF_ID))  # for the web server and foryou richmenu
    # The account's rich menu, set up as on LINE (foryou richmenu), in a process of its own: the LINE
    # SDK and the menu's picture (~30 MB) would otherwise stay in this process, which never uses them again.
    if subprocess.run([sys.executable, "-m", "foryou.cli", "richmenu", "--skip-checks"]).returncode != 0:
        raise CommandError(_("The demo could not be prepared; see the messages above."))
    return line


def start_mail(smtp_port: int):
    """The local SMTP server: notices sent by email land in DATA_DIR/mailbox, shown at /mailbox/."""
    from foryou.dev.mailcatcher import SmtpThread

    smtp = SmtpThread(port=smtp_port).start()
    os.environ.update(FORYOU_EMAIL_HOST="127.0.0.1", FORYOU_EMAIL_PORT=str(smtp.port))  # the web server inherits
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # activation mails land there too
    return smtp


def start_card_provider(port: int, card_port: int):
    """The local デジタル認証アプリ (My Number Card identity provider), with test cards drawn from the
    synthetic city; the gateway is registered with it as a relying party exactly as with the real service."""
    from joserfc.jwk import RSAKey

    from foryou.dev.cardidp import Client, IdpThread
    from foryou.dev.cardidp.cards import demo_cards
    from foryou.enrollment.models import Registration

    client_key = RSAKey.generate_key(2048, parameters={"kid": "foryou-demo", "alg": "RS256"})
    redirect_uri = f"http://127.0.0.1:{port}/mynumber/callback"
    registered = set(Registration.objects.values_list("resident_id", flat=True))
    with store.connect() as con:
        cards = demo_cards(con, settings.MUNICIPALITY_NAME, registered)
    idp = IdpThread([Client(CARD_CLIENT_ID, [redirect_uri], client_key.as_dict(private=False))], cards,
                    port=card_port).start()
    wiring = {"FORYOU_MYNUMBER_ISSUER": idp.issuer, "FORYOU_MYNUMBER_CLIENT_ID": CARD_CLIENT_ID,
              "FORYOU_MYNUMBER_CLIENT_KEY": json.dumps(client_key.as_dict(private=True)),
              "FORYOU_MYNUMBER_REDIRECT_URI": redirect_uri}
    os.environ.update(wiring)  # the web server inherits them
    for name, value in wiring.items():
        setattr(settings, name.removeprefix("FORYOU_"), value)
    return idp


def release_memory() -> None:
    """Hand the memory of the city's generation and import back to the system (glibc keeps freed heap
    otherwise): the demo process stays up for hours as the local LINE, SMTP and card platforms."""
    import ctypes
    import gc

    from django.db import connections

    connections.close_all()
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


def start_worker() -> None:
    """The task worker (webhook events, deliveries) as threads of this process, running what `foryou
    worker` runs (decision 0090): a process of its own held a second copy of Django and the product,
    ~95 MB of the demo's 600 MB budget. Production runs `foryou worker` processes."""
    import threading

    from django_tasks_db.management.commands.db_worker import Worker

    from foryou.gateway.delivery import workers
    from foryou.gateway.delivery.claims import worker_name
    from foryou.gateway.management.commands.worker import kicker

    settings.DELIVERY_PARALLEL_TASKS = 1  # one dispatch task at a time: the demo has this one worker
    name = worker_name()
    workers.kick()  # pick up anything the last run left behind
    stop = threading.Event()
    threading.Thread(target=kicker, args=(stop, 2.0), daemon=True, name="kicker").start()
    worker = Worker(queue_names=["*"], interval=0.5, batch=False, backend_name="default", startup_delay=True,
                    max_tasks=None, worker_id=name[:64], excluded_queue_names=[])
    thread = threading.Thread(target=worker.run, daemon=True, name="worker")
    thread.start()

    def finish():  # when the demo stops: the task under way finishes (a dispatch records what it sent)
        stop.set()
        worker.running = False
        thread.join(timeout=30)

    atexit.register(finish)


def busy_ports(*ports: int) -> list[int]:
    """Which of these loopback ports something already listens on (another demo, say)."""
    busy = []
    for port in ports:
        with socket.socket() as probe:
            # As servers bind: a port whose last connections are only closing (TIME_WAIT) is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                busy.append(port)
    return busy


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(port: int) -> None:
    """The web server, as a small town would run it: gunicorn with WhiteNoise (foryou serve)."""
    # One process with threads: a second process would cost ~160 MB of the demo's 600 MB for one visitor.
    server = subprocess.Popen([sys.executable, "-m", "foryou.cli", "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1", "--threads", "8"])
    # `kill` or a service manager's SIGTERM stops the web server and the worker too, as Ctrl+C does: left
    # running, they would hold the port and the next start would fail.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.wait()
    except KeyboardInterrupt:
        server.terminate()
        server.wait(timeout=30)


def start_bridge(port: int) -> None:
    """Both zones run in this process: the console's scheduler starts due sends, runs the daily
    triggers and syncs with its gateway over loopback, as `foryou scheduler` does in production."""
    import threading
    import time

    from django.db import close_old_connections

    from foryou.bridge.client import BridgeError, HttpTransport
    from foryou.notices.automation import Clock

    def loop():
        transport = HttpTransport(f"http://127.0.0.1:{port}")
        clock = Clock()
        time.sleep(BRIDGE_SECONDS)
        while True:
            try:
                clock.tick(transport)
            except BridgeError:
                pass  # the server is starting or stopping; try again shortly
            finally:
                close_old_connections()
            time.sleep(BRIDGE_SECONDS)

    threading.Thread(target=loop, name="bridge", daemon=True).start()


class Command(BaseCommand):
    help = "Run the embedded demo: migrate, generate and import a synthetic city, and serve the product."
    # Django's system checks import every view (the URL checks): ~60 MB of modules this process, which
    # stays up for hours as the local platforms and the scheduler, never uses. The preparing child
    # (`demo --no-serve`) runs them, and `foryou serve` again before the web server starts.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, default=20_000, help="Size of the synthetic city (default 20,000).")
        parser.add_argument("--seed", type=int, default=2021, help="Seed of the synthetic city.")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--fresh", action="store_true", help="Generate and import a new city even if one exists.")
        parser.add_argument("--no-serve", action="store_true", help="Prepare everything, then exit.")
        parser.add_argument("--line-port", type=int, default=8081, help="Port of the local LINE platform.")
        parser.add_argument("--smtp-port", type=int, default=8025, help="Port of the local SMTP server.")
        parser.add_argument("--card-port", type=int, default=8083,
                            help="Port of the local My Number Card identity provider (デジタル認証アプリ).")
        parser.add_argument("--registrants", type=int, default=1200,
                            help="Demo registrants drawn from the synthetic city (default 1,200: enough for the "
                                 "effect story's groups to show their figures).")

    def handle(self, *args, residents, seed, port, fresh, no_serve, line_port, smtp_port, registrants, card_port,
               **options):
        if residents < 1:
            raise CommandError(_("--residents must be at least 1."))
        os.environ["FORYOU_DATA_DIR"] = str(settings.DATA_DIR)  # for the processes it starts
        if not no_serve and (busy := busy_ports(port, line_port, smtp_port, card_port)):
            raise CommandError(_("Port %(ports)s is in use (another demo still running?): stop it, or choose other "
                                 "ports with --port, --line-port, --smtp-port and --card-port.")
                               % {"ports": ", ".join(map(str, busy))})
        if not no_serve:
            # Prepared in a process of its own (`foryou demo --no-serve`), whose memory (the city's
            # generation and import: ~100 MB at 20,000 residents) goes back to the system when it ends;
            # this process stays up for hours as the local LINE, SMTP and card platforms.
            prepare = [sys.executable, "-m", "foryou.cli", "demo", "--no-serve", "--residents", str(residents),
                       "--seed", str(seed), "--registrants", str(registrants), *(["--fresh"] if fresh else [])]
            if subprocess.run(prepare).returncode != 0:
                raise CommandError(_("The demo could not be prepared; see the messages above."))
            self._serve(port, line_port, smtp_port, card_port, registrants, seed)
            return
        self.check()
        self.stderr.write(_("Data directory: %(dir)s") % {"dir": settings.DATA_DIR})
        call_command("migrate", database="default", verbosity=0, interactive=False)
        call_command("migrate", database="gateway", verbosity=0, interactive=False)
        password = self._staff_login()
        from foryou.accounts.services import ensure_demo_authenticator, ensure_demo_staff

        # The demo's superuser is an administrator: two-factor like the others, with its key printed.
        demo_key = ensure_demo_authenticator(get_user_model().objects.get(username=DEMO_USER))
        demo_staff = ensure_demo_staff()
        self._city(residents, seed, fresh)
        self._welcome_template()
        from foryou.dev.demo_languages import prepare as prepare_languages

        prepare_languages(self.stderr)
        summary = store.summary()
        counts = summary["counts"] if summary else {}
        self.stdout.write(
            _("Demo ready: %(persons)s current residents as of %(as_of)s. Staff login: %(user)s / %(password)s")
            % {"persons": f"{counts.get('current_persons', 0):,}",
               "as_of": japanese_date(date.fromisoformat(summary["as_of"])) if summary else "-",
               "user": DEMO_USER, "password": password}
        )
        self.stdout.write(_("Two-factor key of %(user)s (add it to an authenticator app): %(key)s")
                          % {"user": DEMO_USER, "key": demo_key})
        self.stdout.write(_("Demo staff, one per role (user name / password):"))
        for username, staff_password, description in demo_staff:
            self.stdout.write(f"  {username} / {staff_password}  {description}")
        self._registrants(registrants, seed, None)
        self._effect_story(seed)

    def _serve(self, port, line_port, smtp_port, card_port, registrants, seed) -> None:
        line = start_line_platform(port, line_port)
        self._registrants(registrants, seed, line)  # prepared already: befriends the local LINE platform
        start_mail(smtp_port)
        card = start_card_provider(port, card_port)
        release_memory()  # what the start-up used; this process keeps serving the local platforms
        start_bridge(port)
        start_worker()
        self.stdout.write(_("Staff console: http://127.0.0.1:%(port)s/   Phone simulator (LINE): %(line)s/simulator   "
                            "Mailbox: http://127.0.0.1:%(port)s/mailbox/   Ctrl+C stops the demo")
                          % {"port": port, "line": line.base_url})
        self.stdout.write(_("My Number Card app (test cards): %(url)s") % {"url": card.base_url})
        serve(port)

    def _staff_login(self) -> str:
        """A demo staff account whose password is kept in the data directory (shown at every start)."""
        path = Path(settings.DATA_DIR) / "demo-login.txt"
        User = get_user_model()
        if path.exists() and User.objects.filter(username=DEMO_USER).exists():
            return path.read_text().strip()
        password = "-".join(secrets.token_hex(3) for _ in range(3))
        user, _created = User.objects.get_or_create(username=DEMO_USER, defaults={"is_staff": True})
        user.is_superuser = True
        user.is_staff = True
        user.set_password(password)
        user.save()
        path.write_text(password + "\n")
        path.chmod(0o600)
        return password

    def _welcome_template(self) -> None:
        """The welcome digest's template, written by the demo's 健康支援課 editor and approved by its approver."""
        from foryou.notices import services
        from foryou.notices.models import WelcomeDigest
        from foryou.notices.services import Wording

        if WelcomeDigest.objects.exists():
            return
        User = get_user_model()
        wording = Wording(title="ご登録ありがとうございます",
                          body="あなたがいま使える市の制度をお知らせします。詳しくは各リンク先をご覧ください。",
                          contact_department="健康支援課", contact_phone="043-238-9930", contact_hours="平日 8:30〜17:30")
        translations = {
            "en": {"title": "Thank you for registering",
                   "body": "Here are the city's programs you can use now. Each link tells you more.",
                   "contact_department": "Health Support Division", "contact_hours": "Weekdays 8:30-17:30"},
            "ja-easy": {"title": "とうろく ありがとう ございます",
                        "body": "あなたが いま つかえる 市の せいどです。くわしくは リンクを みてください。",
                        "contact_department": "けんこう しえんか", "contact_hours": "月曜日から 金曜日 8:30〜17:30"},
        }
        notice = services.create_broadcast("健康支援課", wording, User.objects.get(username="editor-kenko"),
                                           translations=translations)
        services.approve(notice.latest, User.objects.get(username="approver-kenko"))
        WelcomeDigest.objects.create(notice=notice)

    def _registrants(self, count: int, seed: int, line) -> None:
        from foryou.dev.demo_registrants import seed_registrants

        n = seed_registrants(count, seed, line)
        self.stderr.write(_("Demo registrants: %(n)s active.") % {"n": f"{n:,}"})

    def _effect_story(self, seed: int) -> None:
        """Two notices sent weeks ago with a holdout and with two wordings, and the city's simulated
        reaction imported (foryou.dev.demo_effect): the effect pages have something to show."""
        from foryou.dev.demo_effect import prepare

        prepare(self.stderr, seed)
        # The story imports a later export (the city with its simulated take-up): that snapshot is the
        # demo's city now, so the next start reuses it rather than generating the city again.
        path = self._city_file()
        if path.exists():
            city = json.loads(path.read_text())
            if city.get("snapshot") != store.current_snapshot_name():
                path.write_text(json.dumps(city | {"snapshot": store.current_snapshot_name()}))

    def _city(self, residents: int, seed: int, fresh: bool) -> None:
        wanted = {"residents": residents, "seed": seed}
        try:
            previous = json.loads(self._city_file().read_text())
        except (FileNotFoundError, ValueError):
            previous = {}
        same_city = previous == wanted | {"snapshot": store.current_snapshot_name()}
        if same_city and not fresh:
            self.stderr.write(_("Reusing the imported city (use --fresh for a new one)."))
            return
        # Imported here: only the preparing process generates and imports the city (NumPy and the import
        # pipeline would otherwise stay loaded in the serving process, which never uses them).
        from foryou.dev.synth import generate
        from foryou.residents.models import ImportRun
        from foryou.residents.services import run_import

        as_of = timezone.localdate()
        export_dir = Path(settings.DATA_DIR) / "demo-export"
        generate(residents, seed, export_dir, as_of=as_of, stream=self.stderr)
        run = run_import(export_dir, as_of, stream=self.stderr)
        if run.status != ImportRun.Status.APPLIED:
            raise CommandError(_("The demo city could not be imported (import #%(id)s); see `foryou import`.") % {"id": run.pk})
        self._city_file().write_text(json.dumps(wanted | {"snapshot": run.snapshot}))

    def _city_file(self) -> Path:
        return Path(settings.DATA_DIR) / "demo-city.json"
