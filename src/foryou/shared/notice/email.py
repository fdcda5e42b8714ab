"""A notice as an email: a one-line subject, the plain-text rendering LINE's text fallback uses (plus how
to stop), and a simple HTML alternative (inline styles only, as mail clients drop style sheets;
lang="ja"; everything escaped by the template engine; only http(s) and tel links become links)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from foryou.shared.notice.flex import NoticeContent, plain_text, tel_uri

TEMPLATE = "shared/notice_email.html"
SUBJECT_MAX = 120  # characters: long subjects are cut by every mail client anyway
RULE = "―" * 20
BCP47 = {"ja-easy": "ja", "zh-hans": "zh-Hans", "pt-br": "pt-BR"}  # the lang attribute of each language's text


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def subject_for(content: NoticeContent) -> str:
    """【service】program name, then the title unless it already names the program."""
    program, title = _one_line(content.program_name), _one_line(content.title)
    topic = title if program and program in title else "\u3000".join(p for p in (program, title) if p)
    subject = f"【{_one_line(content.service_name)}】{topic}"
    return subject if len(subject) <= SUBJECT_MAX else subject[:SUBJECT_MAX - 1] + "…"


def _safe_links(content: NoticeContent) -> list[tuple[str, str]]:
    return [(label, url) for label, url in content.links if re.match(r"^https?://[^\s\"'<>]+$", url.strip())]


def render(content: NoticeContent, unsubscribe_url: str, consent_url: str = "", settings_url: str = "",
           language: str = "") -> RenderedEmail:
    """consent_url: the recipient's own link to the consent page (税情報の利用), shown beside the stop link;
    settings_url: their settings page (topics, channel, a break, language). The fixed texts (headings,
    footer) are in the recipient's `language` (Japanese by default, whatever the language of the process
    that sends); the notice's own text is as the city wrote it."""
    code = language if language in settings.RESIDENT_LANGUAGES else settings.LANGUAGE_CODE
    with translation.override(code):
        consent = [_("Notices about programs that depend on income (such as 児童扶養手当) need your consent to the "
                     "use of tax data. To agree or withdraw, open this page:"), consent_url] if consent_url else []
        preferences = [_("To choose topics, how you receive notices, a break or your language, open this page:"),
                       settings_url] if settings_url else []
        footer = "\n".join(["", "", RULE, _("You receive this email because you registered for %(service)s.")
                            % {"service": _one_line(content.service_name)},
                            _("To stop these notices, open this page:"), unsubscribe_url, *preferences, *consent,
                            settings.MUNICIPALITY_NAME])
        html = render_to_string(TEMPLATE, {
            "subject": subject_for(content), "notice": content, "links": _safe_links(content),
            "tel": tel_uri(content.contact_phone) if content.contact_phone.strip() else "",
            "unsubscribe_url": unsubscribe_url, "consent_url": consent_url, "settings_url": settings_url,
            "footer_lang": BCP47.get(code, code),
            "notice_lang": BCP47.get(content.language, content.language) if content.language else "ja",
            "municipality": settings.MUNICIPALITY_NAME})
        return RenderedEmail(subject_for(content), plain_text(content) + footer, html)
