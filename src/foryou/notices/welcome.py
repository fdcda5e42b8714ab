"""The welcome digest: within a day of activation (and again after consenting to the use of tax data) one
message listing the programs the registrant can use now, across departments, one line and a link each.

- Programs opt in with a `welcome:` key (line, url) in their file.
- Who can use a program is decided by the real targeting path (rules/recipients.resolve over the
  program's conditions, against the current snapshot): tax fields only with consent, nobody in a
  household under 支援措置, nobody no longer resident; a guardian is told about a program of their child
  as the program's `recipients` says.
- The template is a notice without a program (WelcomeDigest), written and approved (決裁) like any notice:
  its title, opening text and contact head the digest; the program lines follow. No approved template: no
  digest (logged).
- Registrants with the same programs and the same language version share one send order (kind "welcome"),
  which the gateway delivers like any notice (delivery window, 配信停止, statistics). The template's
  language versions and the programs' labels (`labels.<code>.name`/`welcome`) give each registrant the
  digest in their language, else やさしい日本語, else Japanese (notices/translations.py). After consent the digest lists only the
  programs that needed it. A registration gets each stage once (WelcomeSent), also when it has nothing
  to list.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.bridge.models import PendingPush
from foryou.enrollment.models import ConsentEvent, Registration
from foryou.notices.models import SendChunk, SendOrder, WelcomeDigest, WelcomeSent
from foryou.rules.catalog import TAX_CONSENT
from foryou.rules.recipients import Registrant
from foryou.shared.bridge import messages

log = logging.getLogger(__name__)
WITHIN = timedelta(days=1)


def template():
    """The approved version of the digest's template notice, or None."""
    digest = WelcomeDigest.objects.select_related("notice").first()
    return (digest.notice, digest.notice.sendable) if digest and digest.notice.sendable else (None, None)


def welcome_programs():
    from foryou.programs.catalog import all_programs

    return [p for p in all_programs() if p.welcome]


def due(stage: str, now: datetime) -> list[Registration]:
    """Registrations that should get the digest of this stage now (receiving notices, not had it yet)."""
    since = now - WITHIN
    receiving = Registration.objects.receiving().exclude(
        pk__in=WelcomeSent.objects.filter(stage=stage).values("registration"))
    if stage == WelcomeSent.Stage.ACTIVATED:
        return list(receiving.filter(activated_at__gte=since))
    consented = ConsentEvent.objects.filter(given=True, at__gte=since).values("registration")
    return list(receiving.filter(tax_consent=True, pk__in=consented))


def lines(programs, language: str = "ja") -> str:
    colon = "：" if language in ("ja", "ja-easy") else ": "  # a full-width colon only in Japanese text
    return "\n".join(f"・{p.label('name', language)}{colon}{p.label('welcome', language)}\n{p.welcome['url']}"
                     for p in programs)


def send_due(now: datetime | None = None) -> list[SendOrder]:
    """Queue today's digests; the orders started."""
    from foryou.residents import store
    from foryou.rules import engine, recipients
    from foryou.notices.sending import today_in_tokyo

    now = now or timezone.now()
    notice, version = template()
    stages = {stage: due(stage, now) for stage in WelcomeSent.Stage.values}
    if not any(stages.values()):
        return []
    if version is None:
        log.warning("welcome digest: %s registrant(s) waiting, but no approved template (choose one: foryou "
                    "welcome --notice ID)", sum(map(len, stages.values())))
        return []
    programs = welcome_programs()
    orders = []
    with store.connect() as con:
        ctx = engine.context_for(con, today_in_tokyo())
        for stage, registrations in stages.items():
            if not registrations:
                continue
            listed = [p for p in programs if stage == WelcomeSent.Stage.ACTIVATED or TAX_CONSENT in p.consents]
            registrants = [Registrant(r.number, r.resident_id, True, frozenset({TAX_CONSENT}) if r.tax_consent
                                      else frozenset()) for r in registrations]
            usable: dict[str, list[str]] = {r.number: [] for r in registrations}
            for program in listed:
                for found in recipients.resolve(con, program.conditions, ctx, program.recipients, registrants):
                    usable[found.registration_number].append(program.code)
            orders += _queue(notice, version, stage, registrations, usable, now)
    return orders


def _queue(notice, version, stage, registrations, usable, now) -> list[SendOrder]:
    from foryou.notices import translations

    by_programs: dict[tuple, list[str]] = {}
    for number, codes in usable.items():
        if codes:
            by_programs.setdefault(tuple(codes), []).append(number)
    groups = [(codes, language, chosen, asked) for codes, numbers in by_programs.items()
              for language, (chosen, asked) in translations.by_language(version, numbers).items() if chosen]
    orders, order_of = [], {}
    with transaction.atomic():
        for codes, language, numbers, asked in groups:
            order = SendOrder.objects.create(notice=notice, version=version, kind=SendOrder.Kind.WELCOME,
                                             status=SendOrder.Status.SENDING, scheduled_for=now, started_at=now,
                                             targeted=len(numbers), recipients=len(numbers), digest=list(codes),
                                             language=language, languages=asked)
            SendChunk.objects.create(order=order, index=0, numbers=sorted(numbers))
            from foryou.notices.sending import order_message

            PendingPush.of(order_message(order, 1)).save()
            PendingPush.of(messages.SendRecipientsBody(order_id=str(order.pk), index=0, numbers=tuple(sorted(numbers)))).save()
            audit.record("notices.welcome", target=f"notice:{notice.pk}",
                         detail={"order": str(order.pk), "stage": stage, "programs": list(codes),
                                 "language": language, "recipients": len(numbers)})
            order_of.update({n: order for n in numbers})
            orders.append(order)
        WelcomeSent.objects.bulk_create([WelcomeSent(registration=r, stage=stage, order=order_of.get(r.number), at=now)
                                         for r in registrations], ignore_conflicts=True)
    return orders


def content_for(order: SendOrder, content):
    """The digest's content: the template's text, then a line and a link for each program listed."""
    from dataclasses import replace

    from foryou.programs.catalog import UnknownProgram, get_program

    programs = []
    for code in order.digest:
        try:
            programs.append(get_program(code))
        except UnknownProgram:
            continue
    listed = lines((p for p in programs if p.welcome), order.language or "ja")
    return replace(content, body=f"{content.body}\n\n{listed}".strip())
