"""Point the product's LINE settings at a running local LINE platform (the demo and browser tests),
exactly where they would point at LINE in production."""


def point_settings_at(settings, line, liff_id: str) -> None:
    """`settings`: django.conf.settings, or pytest-django's settings fixture (restored after the test)."""
    config = line.emulator.config
    settings.LINE_API_BASE = line.base_url
    settings.LINE_CHANNEL_SECRET = config.channel_secret
    settings.LINE_CHANNEL_ACCESS_TOKENS = list(config.access_tokens)
    settings.LINE_LOGIN_CHANNEL_ID = config.login_channel_id
    settings.LINE_LOGIN_VERIFY_URL = f"{line.base_url}/oauth2/v2.1/verify"
    settings.LIFF_ID = liff_id
    settings.LIFF_SDK_URL = f"{line.base_url}/emulator/liff-sdk.js"
    settings.LINE_LIFF_APPLY_URL = f"https://liff.line.me/{liff_id}/apply/?via=line"
    settings.LINE_CONSENT_URL = f"https://liff.line.me/{liff_id}/consent/"
    settings.LIFF_PAGES_FRAMABLE = True  # the simulator shows LIFF pages in a frame


def settings_environment(line, liff_id: str) -> dict[str, str]:
    """The same, as FORYOU_* variables for the processes the demo starts (web server, worker)."""
    config = line.emulator.config
    return {
        "FORYOU_LINE_API_BASE": line.base_url,
        "FORYOU_LINE_CHANNEL_SECRET": config.channel_secret,
        "FORYOU_LINE_CHANNEL_ACCESS_TOKENS": ",".join(config.access_tokens),
        "FORYOU_LINE_LOGIN_CHANNEL_ID": config.login_channel_id,
        "FORYOU_LINE_LOGIN_VERIFY_URL": f"{line.base_url}/oauth2/v2.1/verify",
        "FORYOU_LIFF_ID": liff_id,
        "FORYOU_LIFF_SDK_URL": f"{line.base_url}/emulator/liff-sdk.js",
        "FORYOU_LINE_LIFF_APPLY_URL": f"https://liff.line.me/{liff_id}/apply/?via=line",
        "FORYOU_LINE_CONSENT_URL": f"https://liff.line.me/{liff_id}/consent/",
        "FORYOU_LIFF_PAGES_FRAMABLE": "1",
    }
