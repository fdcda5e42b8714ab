from foryou.gateway.line.channel import LineChannel
from foryou.gateway.line.limiter import Unlimited
from foryou.gateway.delivery.channel import Send


def channel(line, tokens=None, **options) -> LineChannel:
    options.setdefault("limiter", Unlimited())
    return LineChannel(tokens or [line.access_token], api_base=line.base_url, **options)


def text(value: str) -> dict:
    return {"type": "text", "text": value}


def push(user_id: str, *texts: str) -> Send:
    return Send.new([user_id], [text(t) for t in texts or ("お知らせ",)])
