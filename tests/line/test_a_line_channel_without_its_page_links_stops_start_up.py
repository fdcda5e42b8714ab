"""Where a LINE channel is configured, the account's replies and rich menu link to the application and
consent pages, so a missing (or non-https) link stops start-up with one line — in the gateway and in the
embedded product alike. The embedded demo sets its own links; a deployment without LINE needs none."""

from tests.test_settings_stop_start_up_with_one_line import PRODUCTION_KEYS, assert_one_line_error, run_foryou

LINE = {"FORYOU_LINE_CHANNEL_SECRET": "0123456789abcdef0123456789abcdef",
        "FORYOU_LINE_CHANNEL_ACCESS_TOKENS": "token", "FORYOU_LINE_LOGIN_CHANNEL_ID": "2000000002"}
LINKS = {"FORYOU_LINE_LIFF_APPLY_URL": "https://liff.line.me/2000000002-abc/apply/",
         "FORYOU_LINE_CONSENT_URL": "https://liff.line.me/2000000002-abc/consent/"}


def test_the_gateway_with_a_line_channel_but_no_application_link_stops(tmp_path):
    gateway = {"FORYOU_ZONE": "gateway", "FORYOU_DATA_DIR": str(tmp_path)} | PRODUCTION_KEYS | LINE
    result = run_foryou(["check"], gateway | {"FORYOU_LINE_CONSENT_URL": LINKS["FORYOU_LINE_CONSENT_URL"]})
    assert_one_line_error(result, "FORYOU_LINE_LIFF_APPLY_URL is not set", "docs/operations.md")


def test_the_embedded_product_with_a_line_channel_but_no_consent_link_stops(tmp_path):
    embedded = {"FORYOU_DATA_DIR": str(tmp_path)} | LINE
    result = run_foryou(["check"], embedded | {"FORYOU_LINE_LIFF_APPLY_URL": LINKS["FORYOU_LINE_LIFF_APPLY_URL"]})
    assert_one_line_error(result, "FORYOU_LINE_CONSENT_URL is not set")


def test_a_link_that_is_not_https_stops(tmp_path):
    result = run_foryou(["check"], {"FORYOU_DATA_DIR": str(tmp_path)} | LINE | LINKS
                        | {"FORYOU_LINE_CONSENT_URL": "liff.line.me/2000000002-abc/consent/"})
    assert_one_line_error(result, "FORYOU_LINE_CONSENT_URL=", "is not an https:// address")


def test_with_both_links_or_without_line_or_in_the_demo_it_starts(tmp_path):
    for env in ({"FORYOU_ZONE": "gateway"} | PRODUCTION_KEYS | LINE | LINKS, {}, LINE | {"FORYOU_DEMO": "1"}):
        result = run_foryou(["check"], {"FORYOU_DATA_DIR": str(tmp_path)} | env)
        assert result.returncode == 0, result.stderr
