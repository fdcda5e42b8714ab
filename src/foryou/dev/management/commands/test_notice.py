"""foryou test_notice PROGRAM --to LINE_USER_ID: send a program's notice to one LINE user as a Flex
message, to check how it looks on a phone (the demo's phone simulator, or a staff member's own LINE)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foryou.gateway.line.channel import LineChannel
from foryou.shared.notice.flex import ComposeError, NoticeContent, compose
from foryou.gateway.delivery.channel import Send
from foryou.programs.definition import ProgramError, load_programs


def notice_for(program) -> NoticeContent:
    contact = program.contact or {}
    return NoticeContent(
        service_name=settings.SERVICE_NAME, program_name=program.name, title=_("About %(program)s") % {"program": program.name},
        body=program.summary or program.name, contact_department=contact.get("department", program.department),
        contact_phone=str(contact.get("phone", "")), contact_hours=str(contact.get("hours", "")),
        links=[(link["label"], link["url"]) for link in program.links[:4]])


class Command(BaseCommand):
    help = "Send one program's notice (Flex message) to one LINE user, as a test."

    def add_arguments(self, parser):
        parser.add_argument("program", help="Program code (see `foryou programs list`).")
        parser.add_argument("--to", required=True, help="The LINE user ID (U + 32 hex digits).")

    def handle(self, *args, program: str, to: str, **options):
        try:
            programs = {p.code: p for p in load_programs(Path(settings.PROGRAMS_DIR))}
        except ProgramError as exc:
            raise CommandError(str(exc))
        if program not in programs:
            raise CommandError(_("No program %(code)s. See `foryou programs list`.") % {"code": program})
        try:
            composed = compose(notice_for(programs[program]))
        except ComposeError as exc:
            raise CommandError(_("The notice cannot be sent as it is: %(problems)s") % {"problems": exc})
        results = LineChannel.from_settings().send(Send.new([to], [composed.flex]))
        for result in results:
            self.stdout.write(f"{result.user_id}: {result.outcome.value} {result.code or ''}".strip())
