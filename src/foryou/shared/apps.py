from django.apps import AppConfig


class SharedConfig(AppConfig):
    """What both zones need (foryou.shared): the bridge contract, notice content and its renderers,
    registration-number checks, Japanese text. An app only for its templates, static files and the
    `serve` command; it has no models."""

    name = "foryou.shared"
    label = "shared"

    def ready(self):
        from foryou.shared.languages import register_easy_japanese

        register_easy_japanese()
