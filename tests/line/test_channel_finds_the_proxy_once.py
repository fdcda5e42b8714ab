"""The channel resolves HTTPS_PROXY/NO_PROXY once (municipal networks reach LINE through a proxy)
instead of the SDK's per-request lookup, which halved throughput."""

from foryou.gateway.line.channel import _env_proxy


def test_the_environment_proxy_is_used_unless_the_host_is_exempt(monkeypatch):
    for name in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    assert _env_proxy("https://api.line.me") is None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.city.example:8080")
    assert _env_proxy("https://api.line.me") == "http://proxy.city.example:8080"
    monkeypatch.setenv("NO_PROXY", "api.line.me")
    assert _env_proxy("https://api.line.me") is None
