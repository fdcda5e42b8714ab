"""The email rendering: a one-line subject, the plain text LINE's fallback uses plus how to stop, and an
accessible Japanese HTML alternative in which nothing from the notice can become markup or a script."""

from foryou.shared.notice.email import render
from tests.email.conftest import SERVICE, notice

UNSUBSCRIBE = "https://gw.example.jp/email/unsubscribe/1:sig/"


def test_the_subject_is_one_line_with_the_service_in_brackets():
    assert render(notice(), UNSUBSCRIBE).subject == f"【{SERVICE}】子宮頸がん検診\u3000無料クーポンをお送りしました"
    assert render(notice(title=""), UNSUBSCRIBE).subject == f"【{SERVICE}】子宮頸がん検診"
    assert render(notice(title="子宮頸がん検診の\n受診期限"), UNSUBSCRIBE).subject == f"【{SERVICE}】子宮頸がん検診の 受診期限"


def test_the_text_has_the_body_contact_links_and_how_to_stop():
    text = render(notice(), UNSUBSCRIBE).text
    for part in ("受診期限は令和8年3月31日です。", "健康福祉局 健康支援課", "043-245-5146", "平日 8時30分〜17時30分",
                 "検診の案内: https://www.city.example.jp/kenshin?a=1&b=2", UNSUBSCRIBE):
        assert part in text
    assert text.rstrip().endswith("千葉市")


def test_the_html_is_japanese_escaped_and_links_only_to_the_web_and_phone():
    html = render(notice(body='<script>alert("x")</script>\n2行目', title="A & B",
                         links=[("案内", "https://example.jp/?q=<b>"), ("危険", "javascript:alert(1)")]), UNSUBSCRIBE).html
    assert '<html lang="ja">' in html
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>2行目" in html
    assert "A &amp; B" in html
    assert "javascript:" not in html and "危険" not in html
    assert 'href="tel:0432455146"' in html
    assert f'href="{UNSUBSCRIBE}"' in html
    assert "<style" not in html  # mail clients drop style sheets: inline styles only
