"""foryou richmenu: set up the LINE account's rich menu (利用申請 / 登録番号の入力 / 同意・設定 / ヘルプ)
through the Messaging API, as every friend's default. Run it once after installing and again after
changing FORYOU_LINE_LIFF_APPLY_URL or FORYOU_LINE_CONSENT_URL: it replaces the menu it made before."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from linebot.v3.messaging.exceptions import ApiException
from urllib3.exceptions import HTTPError as ConnectionProblem

from foryou.gateway.line import richmenu


class Command(BaseCommand):
    help = "Create the LINE rich menu, upload its picture and make it the default (replacing the previous one)."

    def add_arguments(self, parser):
        parser.add_argument("--image", type=Path, help="Use this PNG (2500 × 1686) instead of the generated picture.")
        parser.add_argument("--save-image", type=Path, metavar="FILE",
                            help="Only write the generated picture to FILE (nothing is sent to LINE).")

    def handle(self, *args, image=None, save_image=None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            if save_image:
                save_image.write_bytes(richmenu.image())
                self.stdout.write(_("Rich menu picture written to %(file)s") % {"file": save_image})
                return
            picture = image.read_bytes() if image else None
            try:
                installed = richmenu.install(picture)
            except ApiException as error:
                raise CommandError(_("LINE refused the rich menu (HTTP %(status)s): %(body)s")
                                   % {"status": error.status, "body": error.body})
            except (ConnectionProblem, OSError) as error:
                raise CommandError(_("LINE could not be reached (%(error)s). Check FORYOU_LINE_API_BASE and the "
                                     "network.") % {"error": type(error).__name__})
            if installed.replaced:
                self.stdout.write(_("The rich menu %(id)s is now every friend's default (it replaces %(old)s).")
                                  % {"id": installed.rich_menu_id, "old": ", ".join(installed.replaced)})
            else:
                self.stdout.write(_("The rich menu %(id)s is now every friend's default.")
                                  % {"id": installed.rich_menu_id})
