"""foryou notices …: every staff action on notices, for night batches and tests.

    foryou notices create --as USER --program CODE --file notice.yml [--automatic | --broadcast]
    foryou notices edit NOTICE --as USER --file notice.yml [--automatic | --no-automatic] [--broadcast | --no-broadcast]
    foryou notices approve NOTICE --as USER      # the wording and the audience; pins the program's conditions
    foryou notices send NOTICE --as USER [--at "2026-12-01 09:00"] [--urgent] [--tracked] [--broadcast]
    foryou notices cancel ORDER --as USER
    foryou notices progress ORDER [--wait]
    foryou notices list
    foryou notices devices --as USER [--link-line | --link-email ADDRESS | --remove DEVICE]
    foryou notices test-send NOTICE --as USER --device DEVICE   # to one of USER's own linked test devices
    foryou notices effect NOTICE [--json]    # the measured effect: groups, difference with its 95% interval

create and edit take the effect design approved with the version: --holdout PERCENT (0: none) and
--window DAYS (30), and further wordings in the file (variants: [{title, body}, …], at most two).

The audience (broadcast or the program's conditions, automatic or not) is chosen when a version is
written and approved with it; `send --broadcast` must match what was approved. Every action records
the operating-system user and host in its audit entry.

A notice file (YAML): title, body, contact: {department, phone, hours}, links: [{label, url}, …],
variants: [{title, body}, …], translations: {en: {title, body, contact: {department, hours}}, ja-easy: …}
(the language versions, approved with the Japanese; the file is the whole version: an edit without
translations has none).
"""

import argparse
import json
import time
from datetime import datetime
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foryou.accounts import test_devices
from foryou.accounts.models import TestDevice
from foryou.audit import services as audit
from foryou.shared.notice.flex import ComposeError
from foryou.notices import sending, services
from foryou.notices.models import Notice, SendOrder
from foryou.notices.stats import order_stats


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CommandError(f"{path}: cannot read the notice file: {exc}")
    return data


def read_design(path: Path, holdout: int | None, window: int | None, latest=None):
    """The effect design: --holdout and --window (else the latest version's, else none), the file's variants."""
    from foryou.effect.design import DEFAULT_WINDOW_DAYS, Design

    data = _read(path)
    variants = data.get("variants") if isinstance(data, dict) else None
    if variants is not None and (not isinstance(variants, list)
                                 or not all(isinstance(v, dict) and v.get("title") and v.get("body") for v in variants)):
        raise CommandError(f"{path}: variants: each wording needs `title:` and `body:`")
    previous = services.design_of(latest)
    return Design(previous.holdout_percent if holdout is None else holdout,
                  (previous.window_days if latest is not None else DEFAULT_WINDOW_DAYS) if window is None else window,
                  [{"label": "BC"[i] if i < 2 else "?", "title": str(v["title"]), "body": str(v["body"])}
                   for i, v in enumerate(variants or [])])


def read_wording(path: Path) -> services.Wording:
    data = _read(path)
    if not isinstance(data, dict) or not data.get("title") or not data.get("body"):
        raise CommandError(f"{path}: a notice file needs at least `title:` and `body:`")
    contact = data.get("contact") or {}
    links = data.get("links") or []
    try:
        links = [(str(link["label"]), str(link["url"])) for link in links]
    except (TypeError, KeyError):
        raise CommandError(f"{path}: links: each link needs `label:` and `url:`")
    return services.Wording(title=str(data["title"]), body=str(data["body"]),
                            contact_department=str(contact.get("department", "")),
                            contact_phone=str(contact.get("phone", "")), contact_hours=str(contact.get("hours", "")),
                            links=links)


def read_translations(path: Path) -> dict:
    """The file's language versions: {code: {title, body, contact_department, contact_hours}}."""
    data = _read(path)
    given = data.get("translations") if isinstance(data, dict) else None
    if given is None:
        return {}
    if not isinstance(given, dict) or not all(isinstance(v, dict) for v in given.values()):
        raise CommandError(f"{path}: translations: a mapping of language codes to {{title, body, contact}}")
    versions = {}
    for code, texts in given.items():
        contact = texts.get("contact") or {}
        versions[str(code)] = {"title": str(texts.get("title") or ""), "body": str(texts.get("body") or ""),
                               "contact_department": str(contact.get("department", "")),
                               "contact_hours": str(contact.get("hours", ""))}
    return versions


class Command(BaseCommand):
    help = "Create, approve, send, cancel and follow notices from the command line."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a notice from a YAML file.")
        create.add_argument("--program", default="", help="Program code (omit for a broadcast notice).")
        create.add_argument("--department", default="", help="Department of a broadcast notice.")
        create.add_argument("--file", type=Path, required=True)
        create.add_argument("--automatic", action="store_true",
                            help="Ask approval to send to whoever newly qualifies, daily (trigger programs).")
        create.add_argument("--broadcast", action="store_true",
                            help="Ask approval to send this program's notice to every active registrant.")
        edit = sub.add_parser("edit", help="A new version from a YAML file (needs a new approval).")
        edit.add_argument("notice", type=int)
        edit.add_argument("--file", type=Path, required=True)
        edit.add_argument("--automatic", action=argparse.BooleanOptionalAction, default=None,
                          help="Change automatic daily sending (default: as the latest version).")
        for p in (create, edit):
            p.add_argument("--holdout", type=int, default=None, metavar="PERCENT",
                           help="Hold this share out at random, told after the window (0: none).")
            p.add_argument("--window", type=int, default=None, metavar="DAYS", help="Measurement window (default 30).")
        effect = sub.add_parser("effect", help="A notice's measured effect (holdout and wordings).")
        effect.add_argument("notice", type=int)
        effect.add_argument("--json", action="store_true")
        edit.add_argument("--broadcast", action=argparse.BooleanOptionalAction, default=None,
                          help="Change the audience to every registrant or back (default: as the latest version).")
        approve = sub.add_parser("approve", help="Approve the latest version (決裁).")
        approve.add_argument("notice", type=int)
        send = sub.add_parser("send", help="Send now or at a set time (Asia/Tokyo).")
        send.add_argument("notice", type=int)
        send.add_argument("--at", help='"YYYY-MM-DD HH:MM" in Asia/Tokyo; default now.')
        send.add_argument("--urgent", action="store_true", help="Ignore the delivery window.")
        send.add_argument("--tracked", action="store_true", help="Count link clicks (one push per person).")
        send.add_argument("--broadcast", action="store_true",
                          help="To every active registrant: only if the approved version is a broadcast.")
        send.add_argument("--start", action="store_true", help="Start at once instead of at the scheduler's next round.")
        cancel = sub.add_parser("cancel", help="Cancel a send that has not started.")
        cancel.add_argument("order")
        progress = sub.add_parser("progress", help="A send's progress and results.")
        progress.add_argument("order")
        progress.add_argument("--wait", action="store_true", help="Sync with the gateway until it finishes.")
        progress.add_argument("--json", action="store_true")
        sub.add_parser("list", help="Notices and their sends.")
        devices = sub.add_parser("devices", help="Your own test devices: list, link (LINE code or email), remove.")
        what = devices.add_mutually_exclusive_group()
        what.add_argument("--link-line", action="store_true", help="Show a one-time code to send in the LINE chat.")
        what.add_argument("--link-email", metavar="ADDRESS", help="Mail a link to this work address.")
        what.add_argument("--remove", metavar="DEVICE", help="Remove this device (its reference).")
        test = sub.add_parser("test-send", help="The latest version to one of your own linked test devices.")
        test.add_argument("notice", type=int)
        test.add_argument("--device", required=True, help="The device reference (see `foryou notices devices`).")
        for p in (create, edit, approve, send, cancel, devices, test):
            p.add_argument("--as", dest="username", required=True, help="The staff member acting (audited).")

    def handle(self, *args, action, **options):
        user = self._user(options.get("username"))
        try:
            with audit.from_command():  # the OS user and host go with every entry, beside `--as`
                getattr(self, f"do_{action.replace('-', '_')}")(user=user, **options)
        except (services.ApprovalRefused, sending.SendRefused, test_devices.DeviceRefused) as exc:
            raise CommandError(exc.localized())
        except ComposeError as exc:
            raise CommandError(_("The notice does not fit LINE's limits: %(problems)s. Shorten it and try again.")
                               % {"problems": exc})

    def _user(self, username):
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active staff account {username!r}. See `foryou staff list`.")
        return user

    def _notice(self, pk) -> Notice:
        notice = Notice.objects.filter(pk=pk).first()
        if notice is None:
            raise CommandError(f"No notice {pk}. See `foryou notices list`.")
        return notice

    def _order(self, pk) -> SendOrder:
        try:
            order = SendOrder.objects.filter(pk=pk).first()
        except Exception:  # not a UUID
            order = None
        if order is None:
            raise CommandError(f"No send {pk}. See `foryou notices list`.")
        return order

    def do_create(self, *, user, program, department, file, automatic, broadcast, holdout, window, **rest):
        wording = read_wording(file)
        design = read_design(file, holdout, window)
        if program:
            from foryou.programs.catalog import UnknownProgram, get_program
            try:
                p = get_program(program)
            except UnknownProgram as exc:
                raise CommandError(str(exc))
            notice = services.create(p, wording, user, broadcast=broadcast, automatic=automatic, design=design,
                                     translations=read_translations(file))
        else:
            if not department:
                raise CommandError("A broadcast notice (no --program) needs --department.")
            if automatic:
                raise services.ApprovalRefused("not_automatic")
            if design.is_experiment:
                raise services.ApprovalRefused("experiment_needs_program")
            notice = services.create_broadcast(department, wording, user, translations=read_translations(file))
        self.stdout.write(f"notice {notice.pk} created (version 1); it needs approval by another approver")

    def do_edit(self, *, user, notice, file, automatic, broadcast, holdout, window, **rest):
        n = self._notice(notice)
        version = services.edit(n, services.program_name_of(n), read_wording(file), user, broadcast=broadcast,
                                automatic=automatic, design=read_design(file, holdout, window, n.latest),
                                translations=read_translations(file))
        self.stdout.write(f"notice {n.pk}: version {version.number} created; it needs approval")

    def do_approve(self, *, user, notice, **rest):
        n = self._notice(notice)
        services.approve(n.latest, user)
        v = n.latest
        audience = ("every active registrant (broadcast)" if v.broadcast else
                    f"the program's conditions (revision {v.conditions_revision_id or 'of the file'})")
        self.stdout.write(f"notice {n.pk}: version {v.number} approved for {audience}"
                          + (", sent automatically every day" if v.automatic else ""))

    def do_send(self, *, user, notice, at, urgent, tracked, broadcast, start, **rest):
        when = None
        if at:
            try:
                when = datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=sending.TOKYO)
            except ValueError:
                raise CommandError(f'--at must look like "2026-12-01 09:00", got {at!r}.')
        order = sending.schedule(self._notice(notice), by=user, at=when, urgent=urgent, tracked=tracked,
                                 broadcast=True if broadcast else None)
        if start and order.kind != SendOrder.Kind.SCHEDULED:
            sending.start(order)
            order.refresh_from_db()
            self.stdout.write(f"send {order.pk} started: {order.recipients:,} recipients "
                              f"({order.targeted:,} target persons)")
        else:
            self.stdout.write(f"send {order.pk} scheduled for {order.scheduled_for.astimezone(sending.TOKYO):%Y-%m-%d %H:%M}")

    def do_cancel(self, *, user, order, **rest):
        sending.cancel(self._order(order), by=user)
        self.stdout.write(f"send {order} cancelled")

    def do_progress(self, *, user, order, wait, json: bool, **rest):
        o = self._order(order)
        while True:
            stats = order_stats(o)
            if json:
                self.stdout.write(__import__("json").dumps(stats.as_dict(), ensure_ascii=False))
            else:
                self.stdout.write(f"{stats.percent:3d}%  reached {stats.reached:,} of {stats.recipients:,}"
                                  f"  (LINE {stats.accepted:,}, email {stats.sent:,}, fell back {stats.fell_back:,},"
                                  f" failed {sum(stats.failed.values()):,}, waiting {stats.waiting:,})")
            if not wait or o.status == SendOrder.Status.FINISHED:
                return
            from foryou.bridge.client import sync
            time.sleep(2)
            sync()
            o.refresh_from_db()

    def do_list(self, *, user, **rest):
        for notice in Notice.objects.prefetch_related("orders")[:100]:
            latest = notice.latest
            state = _("approved, can be sent") if notice.sendable else _("waiting for approval")
            self.stdout.write(f"notice {notice.pk}  {notice.program_code or 'broadcast'}  v{latest.number}  "
                              f"{state}  {latest.title}")
            for o in notice.orders.all():
                self.stdout.write(f"    send {o.pk}  {o.kind}  {o.status}  "
                                  f"{o.scheduled_for.astimezone(sending.TOKYO):%Y-%m-%d %H:%M}  {o.recipients:,}")

    def do_effect(self, *, user, notice, json: bool, **rest):
        from foryou.effect import pages

        ctx = pages.context(self._notice(notice))
        effect = ctx["effect"]
        if ctx["outcome_missing"]:
            raise CommandError(ctx["outcome_missing"])
        if not effect.experiments:
            raise CommandError(f"notice {notice} has no experiment (it was sent without a holdout or wordings)")
        shown = {"notice": int(notice), "verdict": ctx["verdict_key"], "verdict_text": ctx["verdict"],
                 "window": ctx["window_text"], "data": ctx["data_text"], "simulated": ctx["simulated"],
                 "groups": [{"group": g["arm"], "people": str(g["people"]), "took_up": str(g["took_up"]),
                             "rate": str(g["rate"]), "rate_ci": g["rate_ci"]} for g in ctx["groups"]],
                 "difference_pp": ctx["result"]["difference"], "difference_ci": ctx["result"]["difference_ci"],
                 "uplift": ctx["result"]["uplift"], "uplift_ci": ctx["result"]["uplift_ci"],
                 "additional": ctx["additional"], "wordings": ctx["variant_sentence"]}
        if json:
            self.stdout.write(__import__("json").dumps(shown, ensure_ascii=False))
            return
        self.stdout.write(f"notice {notice}: {shown['verdict_text']}")
        for g in shown["groups"]:
            self.stdout.write(f"  {g['group']:8}  {g['took_up']} of {g['people']} took it up  {g['rate']}  [{g['rate_ci']}]")
        self.stdout.write(f"  difference {shown['difference_pp']} points [{shown['difference_ci']}], "
                          f"uplift {shown['uplift']} [{shown['uplift_ci']}], additional {shown['additional']}")
        if shown["wordings"]:
            self.stdout.write(f"  {shown['wordings']}")
        self.stdout.write(f"  {shown['window']} {shown['data']}")

    def do_devices(self, *, user, link_line, link_email, remove, **rest):
        if link_line:
            device, code = test_devices.start_line(user)
            self.stdout.write(f"device {device.device_ref}: send 「テスト {code}」 in the LINE chat from your own phone "
                              f"within {test_devices.CODE_MINUTES} minutes (the code works once)")
            return
        if link_email:
            device = test_devices.start_email(user, link_email)
            self.stdout.write(f"device {device.device_ref}: a link was mailed to {device.email}; open it within 24 hours")
            return
        if remove:
            test_devices.remove(user, remove)
            self.stdout.write(f"device {remove} removed")
            return
        for d in TestDevice.objects.of(user):
            state = "linked" if d.linked_at else "waiting"
            self.stdout.write(f"{d.device_ref}  {d.channel}  {state}  {test_devices.label(d)}")

    def do_test_send(self, *, user, notice, device, **rest):
        order = sending.test_send(self._notice(notice), by=user, device_ref=device)
        self.stdout.write(f"test send {order.pk} of version {order.version.number} to device {device} started")
