"""The demo's notice in three languages: a 健康支援課 broadcast about the checkup season with an English and
a やさしい日本語 version, approved and ready to send. A registrant who chooses English (or やさしい日本語)
on the settings page (the phone simulator's menu → 設定) and is then sent it from the console receives it
in that language; everyone else gets the Japanese (Vietnamese readers, say, the やさしい日本語)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from foryou.notices import services
from foryou.notices.models import NoticeVersion
from foryou.notices.services import Wording

DEPARTMENT = "健康支援課"
WORDING = Wording(
    title="健診・がん検診を受けましょう",
    body="今年度の特定健診・がん検診の受付が始まりました。受診券をお持ちの方は、協力医療機関に予約して受診してください。"
         "費用の助成があり、多くの検診は500円から受けられます。",
    contact_department=DEPARTMENT, contact_phone="043-238-9930", contact_hours="平日 8:30〜17:30",
    links=[("詳しく見る", "https://www.city.chiba.jp/")])
TRANSLATIONS = {
    "en": {"title": "Time for your health checkup and cancer screening",
           "body": "This year's health checkups and cancer screenings have started. If you have a checkup ticket, "
                   "book an appointment at a partner clinic. The city pays most of the cost: many screenings "
                   "cost from 500 yen.",
           "contact_department": "Health Support Division", "contact_hours": "Weekdays 8:30-17:30",
           "link_labels": "More details"},
    "ja-easy": {"title": "けんこうの しらべを うけましょう",
                "body": "ことしの けんこうの しらべと がんの しらべが はじまりました。うけるための 紙(じゅしんけん)が ある 人は、"
                        "びょういんに よやくして ください。お金は 市が たくさん はらいます。500円から うけられる ものも あります。",
                "contact_department": "けんこう しえんか", "contact_hours": "月曜日から 金曜日 8:30〜17:30",
                "link_labels": "くわしく みる"},
}


def prepare(stream=None) -> None:
    """Write and approve the notice once (a second start of the demo finds it)."""
    if NoticeVersion.objects.filter(title=WORDING.title, notice__department=DEPARTMENT).exists():
        return
    User = get_user_model()
    notice = services.create_broadcast(DEPARTMENT, WORDING, User.objects.get(username="editor-kenko"),
                                       translations=TRANSLATIONS)
    services.approve(notice.latest, User.objects.get(username="approver-kenko"))
    if stream is not None:
        stream.write(_("A notice in Japanese, English and やさしい日本語 is approved and ready to send: “%(title)s”.")
                     % {"title": WORDING.title} + "\n")
