"""Command-line options, shared by `python -m foryou.dev.lineemu` and `foryou lineemu`."""

from __future__ import annotations

import argparse

from foryou.dev.lineemu.config import DEFAULT_ACCESS_TOKEN, EmulatorConfig, LiffApp, parse_rate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="Interface to listen on (default 127.0.0.1).")
    parser.add_argument("--port", type=int, default=8081, help="Port (default 8081).")
    parser.add_argument("--webhook-url", help="Where follow/unfollow/message webhooks are posted.")
    parser.add_argument("--channel-secret", help="Messaging API channel secret (signs webhooks).")
    parser.add_argument("--channel-id", help="Messaging API channel ID.")
    parser.add_argument("--access-token", action="append", dest="access_tokens", metavar="TOKEN",
                        help=f"Accepted channel access token; repeat for several (default {DEFAULT_ACCESS_TOKEN}).")
    parser.add_argument("--login-channel-id", help="LINE Login channel ID (the aud of ID tokens).")
    parser.add_argument("--login-channel-secret", help="LINE Login channel secret (signs ID tokens).")
    parser.add_argument("--push-rate", type=float, help="Push requests per second (default 2000, as LINE).")
    parser.add_argument("--rate-limit", action="append", default=[], metavar="ENDPOINT=RATE",
                        help="Any endpoint's limit, e.g. multicast=200/s or broadcast=60/hour.")
    parser.add_argument("--monthly-limit", type=int, help="Messages per month before 429 (default: no limit).")
    parser.add_argument("--bot-name", help="Display name of the official account.")
    parser.add_argument("--liff", action="append", default=[], metavar="LIFF_ID=URL[,VIEW]",
                        help="A LIFF app: https://liff.line.me/LIFF_ID opens URL in the simulator (view full/tall/compact).")
    parser.add_argument("--state-file", help="Keep users and messages in this JSON file across restarts.")


def config_from(options) -> EmulatorConfig:
    get = options.get if isinstance(options, dict) else lambda name: getattr(options, name, None)
    config = EmulatorConfig()
    for option, attribute in (("webhook_url", "webhook_url"), ("channel_secret", "channel_secret"),
                              ("channel_id", "channel_id"), ("login_channel_id", "login_channel_id"),
                              ("login_channel_secret", "login_channel_secret"), ("monthly_limit", "monthly_limit"),
                              ("bot_name", "bot_display_name"), ("state_file", "state_file")):
        if get(option) is not None:
            setattr(config, attribute, get(option))
    if get("access_tokens"):
        config.access_tokens = list(get("access_tokens"))
    if get("push_rate") is not None:
        config.rate_limits["push"] = (get("push_rate"), 1.0)
    for spec in get("rate_limit") or ():
        endpoint, _, rate = spec.partition("=")
        config.rate_limits[endpoint.strip()] = parse_rate(rate)
    for spec in get("liff") or ():
        liff_id, _, rest = spec.partition("=")
        url, _, view = rest.partition(",")
        config.liff_apps.append(LiffApp(liff_id.strip(), url.strip(), view.strip() or "full"))
    return config


def main(argv: list[str] | None = None) -> None:
    from foryou.dev.lineemu.emulator import Emulator
    from foryou.dev.lineemu.server import serve

    parser = argparse.ArgumentParser(prog="python -m foryou.dev.lineemu",
                                     description="Local LINE platform (Messaging API, LINE Login) and phone simulator.")
    add_arguments(parser)
    options = parser.parse_args(argv)
    serve(Emulator(config_from(options)), host=options.host, port=options.port)
